package se.anslag.aws;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SQS client of the functions that queue work. */
@Module
public final class SqsModule {
  private SqsModule() {}

  @Provides
  @Singleton
  static SqsClient sqs(AnslagConfig config) {
    return AwsClients.configure(SqsClient.builder(), config, "SQS").build();
  }
}
