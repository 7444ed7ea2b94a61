package se.anslag.desk;

import java.net.URI;
import java.util.Map;
import se.anslag.config.AnslagConfig;

/**
 * What the clerk desk reads from its environment besides {@link AnslagConfig}: the user pool
 * client the page signs in with, where Cognito answers (the local emulator when
 * AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER is set, as the SDK reads it), the origin that
 * presigned uploads go to, and the per-clerk upload limit.
 */
public record DeskConfig(String userPoolClientId, URI signInEndpoint, URI uploadOrigin, int uploadsPerClerkPerHour) {

  public static DeskConfig fromEnvironment(Map<String, String> env, AnslagConfig config) {
    var region = config.region().orElseThrow(() -> new IllegalStateException(
        "Environment variable AWS_REGION is not set; Lambda sets it, the local mode must too"));
    var clientId = env.get("CLERK_USER_POOL_CLIENT_ID");
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalStateException("Environment variable CLERK_USER_POOL_CLIENT_ID is not set;"
          + " template.yaml must pass it to this function");
    }
    var cognito = env.get("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER");
    var signIn = cognito == null || cognito.isBlank()
        ? URI.create("https://cognito-idp." + region + ".amazonaws.com/")
        : URI.create(cognito.endsWith("/") ? cognito : cognito + "/");
    // S3Objects addresses a bucket virtual-hosted on AWS, path-style at a local endpoint.
    var upload = config.endpointFor("S3")
        .map(local -> URI.create(local.getScheme() + "://" + local.getAuthority()))
        .orElseGet(() -> URI.create("https://" + config.protocolsBucket() + ".s3." + region + ".amazonaws.com"));
    return new DeskConfig(clientId, signIn, upload, uploadsPerHour(env.get("UPLOADS_PER_CLERK_PER_HOUR")));
  }

  private static int uploadsPerHour(String value) {
    if (value == null || value.isBlank()) {
      return 30;
    }
    try {
      var limit = Integer.parseInt(value.strip());
      if (limit < 1) {
        throw new IllegalArgumentException("UPLOADS_PER_CLERK_PER_HOUR must be at least 1, not " + limit);
      }
      return limit;
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException("UPLOADS_PER_CLERK_PER_HOUR is '" + value + "', not a whole number");
    }
  }
}
