package se.anslag.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The local cloud creates what the template declares, routes S3 events to queues, and stops its emulators. */
class LocalCloudIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path temporaryDirectory;

  private static LocalCloud cloud;

  @BeforeAll
  static void startCloud() throws Exception {
    cloud = TestClouds.start(temporaryDirectory);
  }

  @AfterAll
  static void stopCloud() {
    if (cloud != null) {
      cloud.close();
    }
  }

  @BeforeEach
  void emptyTheQueues() {
    for (String queue : List.of("IntakeQueue", "IntakeDeadLetterQueue", "SendOutQueue")) {
      cloud.sqs().purgeQueue(b -> b.queueUrl(cloud.queueUrl(queue)));
    }
  }

  @Test
  void tableHasTheDeclaredKeysAndIndex() {
    TableDescription table = cloud.dynamoDb()
        .describeTable(b -> b.tableName(cloud.physicalId("AnslagTable"))).table();

    assertThat(table.keySchema()).containsExactly(
        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build());
    assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(index -> {
      assertThat(index.indexName()).isEqualTo("gsi1");
      assertThat(index.keySchema()).containsExactly(
          KeySchemaElement.builder().attributeName("gsi1pk").keyType(KeyType.HASH).build(),
          KeySchemaElement.builder().attributeName("gsi1sk").keyType(KeyType.RANGE).build());
      assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
    });
  }

  @Test
  void bucketsExistWithLowercaseRunSpecificNames() {
    for (String bucket : List.of("ProtocolsBucket", "ArchiveBucket", "SiteBucket")) {
      String name = cloud.physicalId(bucket);

      assertThat(name).isEqualTo(bucket.toLowerCase() + "-" + cloud.runId());
      cloud.s3().headBucket(b -> b.bucket(name)); // throws NoSuchBucketException if missing
    }
  }

  @Test
  void objectsKeepTheirBytes() {
    String bucket = cloud.physicalId("ArchiveBucket");
    String content = "§ 12 Detaljplan för Åby – beslut";

    cloud.s3().putObject(b -> b.bucket(bucket).key("extracts/12.txt"),
        RequestBody.fromString(content, StandardCharsets.UTF_8));

    assertThat(cloud.s3().getObjectAsBytes(b -> b.bucket(bucket).key("extracts/12.txt")).asUtf8String())
        .isEqualTo(content);
  }

  @Test
  void queuesHaveTheDeclaredVisibilityTimeoutAndRedrivePolicy() throws Exception {
    Map<QueueAttributeName, String> intake = cloud.sqs().getQueueAttributes(b -> b
        .queueUrl(cloud.physicalId("IntakeQueue"))
        .attributeNames(QueueAttributeName.ALL)).attributes();

    assertThat(intake.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("180");
    JsonNode redrive = JSON.readTree(intake.get(QueueAttributeName.REDRIVE_POLICY));
    assertThat(redrive.path("deadLetterTargetArn").asText()).isEqualTo(cloud.queueArn("IntakeDeadLetterQueue"));
    assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(5);
    // ElasticMQ keeps no MessageRetentionPeriod, so the dead-letter queues show only that they exist.
    for (String queue : List.of("SendOutQueue", "BoardRefreshQueue")) {
      assertThat(cloud.sqs().getQueueAttributes(b -> b.queueUrl(cloud.queueUrl(queue))
              .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes()
          .get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("180");
    }
    assertThat(cloud.deadLetterQueueOf("SendOutQueue")).contains("SendOutDeadLetterQueue");
    assertThat(cloud.deadLetterQueueOf("SendOutDeadLetterQueue")).isEmpty();
  }

  @Test
  void functionEnvironmentHasResolvedNamesAndEndpoints() {
    Map<String, String> intake = cloud.environmentOf("ProtocolIntakeFunction");
    Map<String, String> mailer = cloud.environmentOf("DecisionMailerFunction");

    assertThat(intake).containsEntry("TABLE_NAME", cloud.physicalId("AnslagTable"))
        .containsEntry("PROTOCOLS_BUCKET", cloud.physicalId("ProtocolsBucket"))
        .containsEntry("SEND_OUT_QUEUE_URL", cloud.queueUrl("SendOutQueue"))
        .containsEntry("BOARD_REFRESH_QUEUE_URL", cloud.queueUrl("BoardRefreshQueue"))
        .containsEntry("AWS_REGION", "eu-north-1")
        .containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL_S3",
            "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_SESV2");
    assertThat(intake.get("AWS_ENDPOINT_URL_SQS")).startsWith("http://127.0.0.1:");
    assertThat(mailer).containsEntry("MAIL_FROM", "anslag@example.org")
        .containsEntry("ARCHIVE_BUCKET", cloud.physicalId("ArchiveBucket"));
  }

  @Test
  void uploadToProtocolsBucketPutsOneObjectCreatedEventInIntakeQueue() throws Exception {
    String bucket = cloud.physicalId("ProtocolsBucket");

    cloud.s3().putObject(b -> b.bucket(bucket).key("uploads/gsn 2024-02-14.pdf"), RequestBody.fromString("%PDF-1.7"));
    cloud.awaitEventRouting();

    List<Message> messages = receiveAll("IntakeQueue");
    assertThat(messages).hasSize(1);
    JsonNode event = JSON.readTree(messages.getFirst().body());
    assertThat(event.path("detail-type").asText()).isEqualTo("Object Created");
    assertThat(event.path("source").asText()).isEqualTo("aws.s3");
    assertThat(event.path("region").asText()).isEqualTo("eu-north-1");
    assertThat(event.path("account").asText()).isEqualTo("000000000000");
    assertThat(event.path("resources").get(0).asText()).isEqualTo("arn:aws:s3:::" + bucket);
    assertThat(event.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    JsonNode detail = event.path("detail");
    assertThat(detail.path("bucket").path("name").asText()).isEqualTo(bucket);
    assertThat(detail.path("object").path("key").asText()).isEqualTo("uploads/gsn+2024-02-14.pdf");
    assertThat(detail.path("object").path("size").asLong()).isEqualTo(8);
    assertThat(detail.path("object").path("etag").asText()).isNotBlank();
    assertThat(detail.path("reason").asText()).isEqualTo("PutObject");
  }

  @Test
  void uploadToABucketWithoutEventBridgeSendsNothing() {
    cloud.s3().putObject(b -> b.bucket(cloud.physicalId("ArchiveBucket")).key("a.txt"), RequestBody.fromString("a"));
    cloud.awaitEventRouting();

    assertThat(receiveAll("IntakeQueue")).isEmpty();
  }

  @Test
  void sentMailIsReadableFromTheSesStore() throws Exception {
    cloud.clearSesStore();

    cloud.sesV2().sendEmail(b -> b.fromEmailAddress("anslag@example.org")
        .destination(d -> d.toAddresses("byggnadsnamnden@example.org"))
        .content(c -> c.simple(m -> m.subject(s -> s.data("Beslut § 12 – Åby"))
            .body(body -> body.text(t -> t.data("Se bifogat utdrag."))))));

    HttpClient http = HttpClient.newHttpClient();
    String store = http.send(HttpRequest.newBuilder(cloud.sesStore()).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    JsonNode emails = JSON.readTree(store).path("emails");
    assertThat(emails).hasSize(1);
    assertThat(emails.get(0).path("subject").asText()).isEqualTo("Beslut § 12 – Åby");
  }

  @Test
  void closeStopsTheNodeProcess() throws Exception {
    LocalCloud second = TestClouds.start(Files.createDirectories(temporaryDirectory.resolve("second")));
    long pid = second.emulatorPid();
    assertThat(ProcessHandle.of(pid)).map(ProcessHandle::isAlive).contains(true);

    second.close();

    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    assertThat(process.map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  private static List<Message> receiveAll(String queue) {
    return cloud.sqs().receiveMessage(b -> b.queueUrl(cloud.queueUrl(queue))
        .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
  }
}
