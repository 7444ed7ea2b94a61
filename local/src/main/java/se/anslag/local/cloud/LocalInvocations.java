package se.anslag.local.cloud;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Stops the SDK requests of an invocation {@link LocalLambda#kill killed}: they fail before they
 * leave, as nothing reaches a service from a runtime Lambda has killed. Loaded for every SDK client in
 * the local module's JVM, from {@code software/amazon/awssdk/global/handlers/execution.interceptors}
 * (never in a function's jar); outside a killed invocation it does nothing.
 */
public final class LocalInvocations implements ExecutionInterceptor {
  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    stopIfKilled();
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    stopIfKilled(); // a retry's attempt after the kill
  }

  private static void stopIfKilled() {
    var invocation = LocalLambda.invocationOfThisThread();
    if (invocation.isPresent() && invocation.get().killed()) {
      throw new LocalLambda.InvocationKilled(invocation.get().functionLogicalId());
    }
  }
}
