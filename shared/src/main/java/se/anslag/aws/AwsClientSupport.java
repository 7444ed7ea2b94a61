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

  /**
   * The URL-connection client: smallest artifact and fastest cold start of the SDK's clients,
   * and the functions make few, sequential calls.
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
