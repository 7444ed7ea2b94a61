package se.anslag.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;
import java.util.Optional;
import se.anslag.config.AnslagConfig;
import se.anslag.intake.WorkQueues;
import se.anslag.storage.AnslagTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
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
    this.dynamoDb = configure(DynamoDbClient.builder(), "DYNAMODB").build();
    this.sqs = configure(SqsClient.builder(), "SQS").build();
  }

  static Stack on(Map<String, String> environment, Map<String, String> queueUrls, String description) {
    return new Stack(environment, queueUrls, description);
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String service) {
    builder.httpClientBuilder(UrlConnectionHttpClient.builder());
    config.region().map(Region::of).ifPresent(builder::region);
    config.endpointFor(service).ifPresent(builder::endpointOverride);
    config.localCredentials().ifPresent(keys -> builder.credentialsProvider(
        StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()))));
    return builder;
  }

  String description() {
    return description;
  }

  AnslagTable table() {
    if (environment.get("TABLE_NAME") == null) {
      throw new AnslagCli.CommandFailure(2, "no table: give --table NAME");
    }
    return new AnslagTable(dynamoDb, config);
  }

  WorkQueues workQueues() {
    if (environment.get("SEND_OUT_QUEUE_URL") == null) {
      throw new AnslagCli.CommandFailure(2, "no send-out queue: give --send-out-queue URL");
    }
    // As ConfigModule serializes the messages for the functions.
    var json = new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    return new WorkQueues(sqs, config, json);
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
