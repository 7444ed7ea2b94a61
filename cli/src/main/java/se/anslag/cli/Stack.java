package se.anslag.cli;

import java.util.Map;
import java.util.Optional;
import se.anslag.config.AnslagConfig;
import se.anslag.format.Json;
import se.anslag.aws.AwsClients;
import se.anslag.aws.SqsWorkQueues;
import se.anslag.storage.Stores;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A connection to one Anslag stack, local or on AWS, with the settings the functions would get. */
final class Stack implements AutoCloseable {
  private final AnslagConfig config;
  private final Map<String, String> environment;
  private final DynamoDbClient dynamoDb;
  private final SqsClient sqs;
  private final Map<String, String> queueUrls;
  private final String description;

  private Stack(Map<String, String> environment, Map<String, String> queueUrls, String description) {
    var present = new java.util.HashMap<String, String>();
    environment.forEach((name, value) -> {
      if (value != null) {
        present.put(name, value);
      }
    });
    this.environment = Map.copyOf(present);
    this.config = AnslagConfig.fromEnvironment(this.environment);
    this.queueUrls = Map.copyOf(queueUrls);
    this.description = description;
    this.dynamoDb = AwsClients.configure(DynamoDbClient.builder(), config, "DYNAMODB").build();
    this.sqs = AwsClients.configure(SqsClient.builder(), config, "SQS").build();
  }

  static Stack on(Map<String, String> environment, Map<String, String> queueUrls, String description) {
    return new Stack(environment, queueUrls, description);
  }

  String description() {
    return description;
  }

  Stores stores() {
    if (environment.get("TABLE_NAME") == null) {
      throw new AnslagCli.CommandFailure(2, "no table: give --table NAME");
    }
    return Stores.on(dynamoDb, config);
  }

  SqsWorkQueues workQueues() {
    if (environment.get("SEND_OUT_QUEUE_URL") == null) {
      throw new AnslagCli.CommandFailure(2, "no send-out queue: give --send-out-queue URL");
    }
    return new SqsWorkQueues(sqs, config, Json.mapper());
  }

  SqsClient sqs() {
    return sqs;
  }

  /** A queue's URL by its logical id in template.yaml; known for the local demo, else given as options. */
  Optional<String> queueUrl(String logicalId) {
    return Optional.ofNullable(queueUrls.get(logicalId)).filter(url -> !url.isBlank());
  }

  @Override
  public void close() {
    dynamoDb.close();
    sqs.close();
  }
}
