package se.anslag.aws;

import se.anslag.ports.FailureKinds;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What the stores' and the object store's failures mean on AWS: besides what the ports declare, an
 * SDK client failure (the network) is transient, and a service's refusal is as the SDK classes it.
 */
public final class AwsFailureKinds implements FailureKinds {
  @Override
  public Kind of(RuntimeException failure) {
    if (failure instanceof SdkClientException) {
      return Kind.TRANSIENT;
    }
    if (failure instanceof SdkException sdk) {
      return sdk.retryable() ? Kind.TRANSIENT : Kind.PERMANENT;
    }
    return PORTS.of(failure);
  }
}
