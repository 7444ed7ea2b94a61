package se.anslag.aws;

import java.net.URI;
import java.util.Optional;
import se.anslag.config.AnslagConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The one place where every SDK client gets its HTTP client, region, endpoint and credentials: the
 * functions' clients, the command line's and the local cloud's alike.
 */
public final class AwsClients {
  private AwsClients() {}

  static {
    // The URL-connection client keeps idle connections in the JDK's cache, 5 per host unless told
    // otherwise; a mailer with up to 10 calls in flight (MAILER_PARALLELISM) would reconnect, on
    // AWS with a TLS handshake each time. Read once, before the first connection.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "10");
    }
  }

  /** A client of {@code service} ("DYNAMODB", "SQS", "SESV2", "S3") for the stack the configuration names. */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
      AnslagConfig config, String service) {
    return configure(builder, config.region(), config.endpointFor(service), config.localCredentials());
  }

  /**
   * The URL-connection client: smallest artifact and fastest cold start of the SDK's clients; a
   * function makes few calls at once (at most MAILER_PARALLELISM). Without keys, the default
   * credentials chain (the execution role on AWS, which SnapStart refreshes).
   */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
      Optional<String> region, Optional<URI> endpoint, Optional<AnslagConfig.StaticKeys> keys) {
    builder.httpClientBuilder(UrlConnectionHttpClient.builder());
    region.map(Region::of).ifPresent(builder::region);
    endpoint.ifPresent(builder::endpointOverride);
    keys.ifPresent(staticKeys -> builder.credentialsProvider(credentials(Optional.of(staticKeys))));
    return builder;
  }

  /** The emulators' static keys when given, else the default credentials chain. */
  public static AwsCredentialsProvider credentials(Optional<AnslagConfig.StaticKeys> keys) {
    return keys.<AwsCredentialsProvider>map(staticKeys -> StaticCredentialsProvider.create(
            AwsBasicCredentials.create(staticKeys.accessKeyId(), staticKeys.secretAccessKey())))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
  }
}
