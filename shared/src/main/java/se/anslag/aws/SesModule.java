package se.anslag.aws;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import software.amazon.awssdk.services.sesv2.SesV2Client;

@Module
public final class SesModule {
  private SesModule() {}

  @Provides
  @Singleton
  static SesV2Client ses(AnslagConfig config) {
    return AwsClientSupport.configure(SesV2Client.builder(), config, "SESV2").build();
  }
}
