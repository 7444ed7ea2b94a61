package se.anslag.local.cloud;

import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * What {@link LocalLambda} does to the SDK requests of the functions it runs: a killed invocation's
 * requests fail before they leave ({@link LocalLambda#kill}), and a test or benchmark may refuse a
 * request of its choice as the service would ({@link #refuseWith}). Loaded for every SDK client in
 * the local module's JVM, from {@code software/amazon/awssdk/global/handlers/execution.interceptors}
 * (never in a function's jar); without a refusal set it only checks for a kill.
 */
public final class LocalInvocations implements ExecutionInterceptor {
  /** A request about to be sent: which function sends it (empty outside an invocation), to which service, what. */
  public record Request(Optional<String> function, String service, String operation, SdkRequest request) {}

  /** The failure the service would answer with, or empty to let the request go. */
  @FunctionalInterface
  public interface Refusal {
    Optional<RuntimeException> refuse(Request request);
  }

  private static volatile Refusal refusal;

  /** From now on, requests this refusal picks fail with its exception and never leave; null for none. */
  public static void refuseWith(Refusal newRefusal) {
    refusal = newRefusal;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    var invocation = LocalLambda.invocationOfThisThread();
    stopIfKilled(invocation);
    var current = refusal;
    if (current != null) {
      var request = new Request(invocation.map(LocalLambda.Invocation::functionLogicalId),
          String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)),
          String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)), context.request());
      var failure = current.refuse(request);
      if (failure.isPresent()) {
        throw failure.get();
      }
    }
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    stopIfKilled(LocalLambda.invocationOfThisThread()); // a retry's attempt after the kill
  }

  private static void stopIfKilled(Optional<LocalLambda.Invocation> invocation) {
    if (invocation.isPresent() && invocation.get().killed()) {
      throw new LocalLambda.InvocationKilled(invocation.get().functionLogicalId());
    }
  }
}
