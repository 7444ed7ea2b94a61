package se.anslag.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import se.anslag.config.AnslagConfig;

/** The one place where every SDK client gets its HTTP client, region, endpoint and credentials. */
final class AwsClientSupport {
  private AwsClientSupport() {}

  static {
    // The URL-connection client keeps idle connections in the JDK's cache, 5 per host unless told
    // otherwise; a mailer with up to 10 calls in flight (MAILER_PARALLELISM) would reconnect, on
    // AWS with a TLS handshake each time. Read once, before the first connection.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "10");
    }
  }

  /**
   * The URL-connection client: smallest artifact and fastest cold start of the SDK's clients; a
   * function makes few calls at once (at most MAILER_PARALLELISM).
   */
  static <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>>
      B configure(B builder, AnslagConfig config, String service) {
    builder.httpClientBuilder(UrlConnectionHttpClient.builder());
    config.region().map(Region::of).ifPresent(builder::region);
    config.endpointFor(service).ifPresent(builder::endpointOverride);
    config
        .localCredentials()
        .ifPresent(
            keys ->
                builder.credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()))));
    return builder;
  }
}
