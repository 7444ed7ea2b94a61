package se.anslag.local;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the requests that every SDK client in this JVM sends, by service: the functions' clients
 * as well as the local mode's own. The SDK loads it for every client it builds, from
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the local module's
 * class path (never in a function's jar). The send-out benchmark reads it to show how many round
 * trips a send-out costs.
 */
public final class SdkCallCount implements ExecutionInterceptor {
  private static final Map<String, LongAdder> REQUESTS = new ConcurrentHashMap<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    // Per attempt: a retried call crosses the network twice.
    var service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    REQUESTS.computeIfAbsent(service == null ? "unknown" : service, name -> new LongAdder()).increment();
  }

  /** Requests sent so far, by service name ("DynamoDB", "SQS", "SESv2", ...). */
  public static Map<String, Long> snapshot() {
    var counts = new TreeMap<String, Long>();
    REQUESTS.forEach((service, count) -> counts.put(service, count.sum()));
    return counts;
  }
}
