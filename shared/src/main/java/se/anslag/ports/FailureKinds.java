package se.anslag.ports;

import java.io.UncheckedIOException;

/**
 * Whether a failure of a store or the object store may pass on a retry, so that a service can put
 * its work back or record the failure without knowing the SDK underneath. The AWS adapters'
 * version adds the SDK's own exceptions to what {@link #PORTS} knows.
 */
public interface FailureKinds {
  /** What a failure is to the service that met it. */
  enum Kind {
    /** Throttling, a 5xx, the network: a later try may succeed. */
    TRANSIENT,
    /** A refusal that a retry cannot change. */
    PERMANENT,
    /** Not an adapter's failure (a defect or a broken invariant): the service lets it through. */
    OTHER
  }

  Kind of(RuntimeException failure);

  /** The failures the ports themselves declare, and a lost connection. */
  FailureKinds PORTS = failure -> {
    if (failure instanceof UncheckedIOException) {
      return Kind.TRANSIENT;
    }
    if (failure instanceof ObjectStore.RequestFailure refused) {
      return refused.isTransient() ? Kind.TRANSIENT : Kind.PERMANENT;
    }
    return Kind.OTHER;
  };
}
