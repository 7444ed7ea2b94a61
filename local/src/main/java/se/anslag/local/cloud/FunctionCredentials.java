package se.anslag.local.cloud;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access key each function of a local cloud signs its requests with: one of its own, as on AWS
 * each function has a role of its own and signs with that role's credentials. The emulators accept
 * any key (s3rver is told to, see emulators/server.js), so nothing changes for them; a test that
 * sees a signed request can tell which function sent it, also for requests a handler makes on a
 * thread of its own or when a test calls the handler directly.
 */
public final class FunctionCredentials {

  /** The function a key belongs to, and the local cloud that gave it. */
  public record Owner(LocalCloud cloud, String functionLogicalId) {}

  private static final Map<String, Owner> OWNERS = new ConcurrentHashMap<>();

  private FunctionCredentials() {}

  /** The access key id of a function of a cloud: the same every time it is asked. */
  static String accessKeyId(LocalCloud cloud, String functionLogicalId) {
    // Letters, digits and dashes only: the key id is the first field of SigV4's credential scope.
    String keyId = "LOCAL-" + cloud.runId() + "-" + functionLogicalId;
    OWNERS.putIfAbsent(keyId, new Owner(cloud, functionLogicalId));
    return keyId;
  }

  /** Which function signs with this access key id; empty for the local cloud's own clients and the CLI. */
  public static Optional<Owner> owner(String accessKeyId) {
    return Optional.ofNullable(OWNERS.get(accessKeyId));
  }
}
