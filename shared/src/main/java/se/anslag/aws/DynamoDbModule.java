package se.anslag.aws;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import se.anslag.config.AnslagConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB client of the functions that read or write the table. */
@Module
public final class DynamoDbModule {
  private DynamoDbModule() {}

  @Provides
  @Singleton
  static DynamoDbClient dynamoDb(AnslagConfig config) {
    return AwsClients.configure(DynamoDbClient.builder(), config, "DYNAMODB").build();
  }
}
