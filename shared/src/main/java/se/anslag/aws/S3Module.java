package se.anslag.aws;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

@Module
public final class S3Module {
  private S3Module() {}

  @Provides
  @Singleton
  static S3Client s3(AnslagConfig config) {
    var builder = AwsClientSupport.configure(S3Client.builder(), config, "S3");
    if (config.endpointFor("S3").isPresent()) {
      // The local S3 emulator needs path-style addresses and stores aws-chunked framing inside
      // the object unless chunked encoding is off (see shared notes on local AWS).
      builder.serviceConfiguration(
          S3Configuration.builder().pathStyleAccessEnabled(true).chunkedEncodingEnabled(false).build());
    }
    return builder.build();
  }
}
