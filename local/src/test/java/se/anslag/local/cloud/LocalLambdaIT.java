package se.anslag.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The local Lambda runs handlers as Lambda does: SQS batches, partial failures, dead-letter queues,
 * schedules.
 */
class LocalLambdaIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
  private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

  @TempDir
  static Path temporaryDirectory;

  private static LocalCloud cloud;
  private LocalLambda lambda;

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
  void freshLambdaAndEmptyQueues() {
    for (String queue : List.of("IntakeQueue", "IntakeDeadLetterQueue", "SendOutQueue", "SendOutDeadLetterQueue",
        "BoardRefreshQueue", "BoardRefreshDeadLetterQueue")) {
      cloud.sqs().purgeQueue(b -> b.queueUrl(cloud.queueUrl(queue)));
    }
    RecordingSqsHandler.DELIVERIES.clear();
    RecordingStreamHandler.INVOCATIONS.clear();
    lambda = new LocalLambda(cloud, Clock.fixed(Instant.parse("2024-02-19T09:00:00Z"), STOCKHOLM),
        TestClouds.progress());
  }

  @Test
  void deliverOnceGivesTheHandlerTheSqsEventLambdaBuilds() {
    cloud.sqs().sendMessage(b -> b.queueUrl(cloud.queueUrl("SendOutQueue")).messageBody("paragraph 12")
        .messageAttributes(java.util.Map.of("kind", software.amazon.awssdk.services.sqs.model
            .MessageAttributeValue.builder().dataType("String").stringValue("decision").build())));

    int delivered = lambda.deliverOnce();

    assertThat(delivered).isEqualTo(1);
    assertThat(RecordingSqsHandler.DELIVERIES).singleElement().satisfies(delivery -> {
      SQSEvent.SQSMessage message = delivery.message();
      assertThat(message.getBody()).isEqualTo("paragraph 12");
      assertThat(message.getMessageId()).isNotBlank();
      assertThat(message.getReceiptHandle()).isNotBlank();
      assertThat(message.getMd5OfBody()).isNotBlank();
      assertThat(message.getEventSource()).isEqualTo("aws:sqs");
      assertThat(message.getEventSourceArn()).isEqualTo(cloud.queueArn("SendOutQueue"));
      assertThat(message.getAwsRegion()).isEqualTo("eu-north-1");
      assertThat(message.getAttributes()).containsEntry("ApproximateReceiveCount", "1")
          .containsKey("SentTimestamp");
      assertThat(message.getMessageAttributes().get("kind").getStringValue()).isEqualTo("decision");
      assertThat(message.getMessageAttributes().get("kind").getDataType()).isEqualTo("String");
      assertThat(delivery.functionName()).startsWith("DecisionMailerFunction-");
      assertThat(delivery.environment()).containsEntry("TABLE_NAME", cloud.physicalId("AnslagTable"));
    });
    assertThat(lambda.drain(DRAIN_TIMEOUT).messages()).isZero(); // the message was deleted
  }

  @Test
  void partialBatchFailureIsRetriedUntilTheDeadLetterQueue() {
    String queue = cloud.queueUrl("SendOutQueue");
    cloud.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("ok"));
    cloud.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("fail on purpose"));

    DrainReport report = lambda.drain(DRAIN_TIMEOUT);

    assertThat(report.timedOut()).isFalse();
    assertThat(report.failures()).isEqualTo(5); // maxReceiveCount in the template
    assertThat(report.deadLetters()).containsEntry("SendOutDeadLetterQueue", 1)
        .containsEntry("IntakeDeadLetterQueue", 0);
    assertThat(RecordingSqsHandler.DELIVERIES).filteredOn(d -> d.message().getBody().equals("ok")).hasSize(1);
    assertThat(RecordingSqsHandler.DELIVERIES)
        .filteredOn(d -> d.message().getBody().equals("fail on purpose"))
        .extracting(d -> d.message().getAttributes().get("ApproximateReceiveCount"))
        .containsExactly("1", "2", "3", "4", "5");
    String deadLetter = cloud.sqs().receiveMessage(b -> b.queueUrl(cloud.queueUrl("SendOutDeadLetterQueue")))
        .messages().getFirst().body();
    assertThat(deadLetter).isEqualTo("fail on purpose");
  }

  @Test
  void anInvocationThatThrowsKeepsTheWholeBatch() {
    String queue = cloud.queueUrl("SendOutQueue");
    cloud.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("ok"));
    cloud.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("throw"));

    DrainReport report = lambda.withRetryDelay(Duration.ZERO).drain(DRAIN_TIMEOUT);

    assertThat(report.deadLetters()).containsEntry("SendOutDeadLetterQueue", 2);
    assertThat(report.failures()).isEqualTo(report.messages());
  }

  @Test
  void anUploadReachesTheIntakeFunctionThroughTheRule() throws Exception {
    String bucket = cloud.physicalId("ProtocolsBucket");
    cloud.s3().putObject(b -> b.bucket(bucket).key("gsn-2024-02-14.pdf"), RequestBody.fromString("%PDF-1.7"));

    DrainReport report = lambda.drain(DRAIN_TIMEOUT);

    assertThat(report.invocations()).isEqualTo(1);
    assertThat(RecordingSqsHandler.DELIVERIES).singleElement().satisfies(delivery -> {
      assertThat(delivery.functionName()).startsWith("ProtocolIntakeFunction-");
      assertThat(delivery.message().getEventSourceArn()).isEqualTo(cloud.queueArn("IntakeQueue"));
      JsonNode event = JSON.readTree(delivery.message().getBody());
      assertThat(event.path("detail").path("object").path("key").asText()).isEqualTo("gsn-2024-02-14.pdf");
    });
  }

  @Test
  void aStreamHandlerGetsTheSqsEventAsJson() throws Exception {
    cloud.sqs().sendMessage(b -> b.queueUrl(cloud.queueUrl("BoardRefreshQueue")).messageBody("{\"refresh\":true}"));

    DrainReport report = lambda.drain(DRAIN_TIMEOUT);

    assertThat(report.messages()).isEqualTo(1);
    assertThat(report.failures()).isZero();
    JsonNode event = JSON.readTree(RecordingStreamHandler.INVOCATIONS.getFirst().input());
    JsonNode record = event.path("Records").get(0);
    assertThat(record.path("body").asText()).isEqualTo("{\"refresh\":true}");
    assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
    assertThat(record.path("eventSourceARN").asText()).isEqualTo(cloud.queueArn("BoardRefreshQueue"));
  }

  @Test
  void theScheduleGivesItsInputAndTheHandlerFollowsTheClock() {
    Instant firstNight = Instant.parse("2024-02-19T23:05:00Z");
    Instant nextNight = Instant.parse("2024-02-20T23:05:00Z");

    lambda.withClock(Clock.fixed(firstNight, STOCKHOLM)).runSchedule("NoticeBoardFunction");
    lambda.withClock(Clock.fixed(nextNight, STOCKHOLM)).runSchedule("NoticeBoardFunction");

    assertThat(RecordingStreamHandler.INVOCATIONS).extracting(RecordingStreamHandler.Invocation::input)
        .containsExactly("{\"trigger\":\"daily\"}", "{\"trigger\":\"daily\"}");
    assertThat(RecordingStreamHandler.INVOCATIONS).extracting(RecordingStreamHandler.Invocation::time)
        .containsExactly(firstNight, nextNight);
    assertThat(RecordingStreamHandler.INVOCATIONS.get(0).handler())
        .isSameAs(RecordingStreamHandler.INVOCATIONS.get(1).handler());
  }
}
