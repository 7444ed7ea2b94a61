package se.anslag.local;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import se.anslag.local.cloud.LocalLambda;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the requests that every SDK client in this JVM sends, by service: the functions' clients
 * as well as the local mode's own; and, apart, those each function sends in its invocations (the
 * requests it would send on AWS, without the local Lambda's polling). The SDK loads it for every
 * client it builds, from {@code software/amazon/awssdk/global/handlers/execution.interceptors} on
 * the local module's class path (never in a function's jar). The benchmarks read it to show how
 * many round trips a send-out costs.
 */
public final class SdkCallCount implements ExecutionInterceptor {
  /** The key of requests sent outside any function's invocation (the local Lambda, the harness). */
  public static final String OUTSIDE_FUNCTIONS = "(local)";
  private static final Map<String, LongAdder> REQUESTS = new ConcurrentHashMap<>();
  private static final Map<String, LongAdder> BY_FUNCTION = new ConcurrentHashMap<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    // Per attempt: a retried call crosses the network twice.
    var service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    var name = service == null ? "unknown" : service;
    REQUESTS.computeIfAbsent(name, n -> new LongAdder()).increment();
    var function = LocalLambda.invocationOfThisThread().map(LocalLambda.Invocation::functionLogicalId)
        .orElse(OUTSIDE_FUNCTIONS);
    BY_FUNCTION.computeIfAbsent(function + " " + name, n -> new LongAdder()).increment();
  }

  /** Requests sent so far, by service name ("DynamoDB", "SQS", "SESv2", ...). */
  public static Map<String, Long> snapshot() {
    return sums(REQUESTS);
  }

  /** Requests sent so far, by "function service" ("DecisionMailerFunction DynamoDB", "(local) SQS", ...). */
  public static Map<String, Long> snapshotByFunction() {
    return sums(BY_FUNCTION);
  }

  private static Map<String, Long> sums(Map<String, LongAdder> adders) {
    var counts = new TreeMap<String, Long>();
    adders.forEach((key, count) -> counts.put(key, count.sum()));
    return counts;
  }
}
