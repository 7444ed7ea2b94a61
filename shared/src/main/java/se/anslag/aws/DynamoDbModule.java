package se.anslag.aws;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Module
public final class DynamoDbModule {
  private DynamoDbModule() {}

  @Provides
  @Singleton
  static DynamoDbClient dynamoDb(AnslagConfig config) {
    return AwsClientSupport.configure(DynamoDbClient.builder(), config, "DYNAMODB").build();
  }
}
