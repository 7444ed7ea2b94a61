package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.anslag.cli.ProjectRoot;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The sample events of events/ given to the real handlers as `sam local invoke -e` gives them (the
 * file's JSON, to the handler's stream entry point, through the local Lambda), on the local
 * emulators; only the sample bucket name and minutes id are swapped for this run's.
 */
class HandlerEventsIT {
  private static final Path ROOT = ProjectRoot.find();
  private static final Path EVENTS = ROOT.resolve("events");
  private static final Path SAMPLE_PDF = ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.pdf");
  /** The names the event files use for what each run names afresh. */
  private static final String SAMPLE_BUCKET = "anslag-protocols-sample";
  private static final String SAMPLE_KEY = "gemensamma-servicenamnden/gsn-2024-02-14.pdf";
  private static final String SAMPLE_MINUTES_ID = "SAMPLE";
  private static final LocalDate ADJUSTED_ON = LocalDate.of(2024, 2, 19);
  private static final LocalDate POSTED_ON = LocalDate.of(2024, 2, 20);
  private static final String INTAKE = "ProtocolIntakeFunction";
  private static final String MAILER = "DecisionMailerFunction";
  private static final String BOARD = "NoticeBoardFunction";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final SampleWorkflow sample = new SampleWorkflow();
  private LocalWorkflow workflow;

  @BeforeEach
  void useTheSampleWorkflow() {
    workflow = sample.get();
  }

  @Test
  void intakeEventRecordsTheUploadedSampleAsDispatchedMinutes() throws IOException {
    uploadSampleUnderTheEventsKey();
    var event = intakeEvent();

    var response = invoke(INTAKE, event);

    assertThat(response.path("batchItemFailures")).isEmpty();
    var minutes = sampleMinutes();
    assertThat(minutes.status()).isEqualTo(MinutesStatus.DISPATCHED);
    assertThat(minutes.sourceBucket()).isEqualTo(protocolsBucket());
    assertThat(minutes.organ()).isEqualTo("Gemensamma servicenämnden");
    assertThat(minutes.meetingDate()).isEqualTo(LocalDate.of(2024, 2, 14));
    assertThat(minutes.adjustedOn()).isEqualTo(ADJUSTED_ON);
    assertThat(workflow.stores().minutes().paragraphs(minutes.id())).hasSize(6);
    // 18 mails and 6 filings wait for the mailer: nothing is sent before the send-out queue is read.
    assertThat(workflow.stores().sendOuts().sendOuts(minutes.id()))
        .filteredOn(sendOut -> sendOut.kind() == SendOutKind.EMAIL || sendOut.kind() == SendOutKind.CASE_FILE)
        .hasSize(24).allMatch(sendOut -> sendOut.status() == SendOutStatus.PENDING);
    assertThat(SesMailbox.mails(workflow.cloud())).isEmpty();
  }

  @Test
  void mailerEventSendsParagraphOneToKommunstyrelsenAndFilesItInTheCaseFile() throws IOException {
    uploadSampleUnderTheEventsKey();
    invoke(INTAKE, intakeEvent());
    var minutesId = sampleMinutes().id();
    var event = eventWithBodies("decision-mailer.json", Map.of(SAMPLE_MINUTES_ID, minutesId));

    var response = invoke(MAILER, event);

    assertThat(response.path("batchItemFailures")).isEmpty();
    var mails = SesMailbox.mails(workflow.cloud());
    assertThat(mails).singleElement().satisfies(mail -> {
      assertThat(mail.to()).containsExactly("kommunstyrelsen@ludvika.example.org");
      assertThat(mail.subject()).contains("§ 1 Begäran om överflyttning av investeringsmedel 2023-2024");
    });
    var mailed = sendOut(minutesId, 1, "kommunstyrelsen@ludvika.example.org");
    assertThat(mailed.status()).isEqualTo(SendOutStatus.SENT);
    assertThat(mailed.sesMessageId()).isEqualTo(mails.getFirst().messageId());
    var filed = sendOut(minutesId, 1, SendOut.CASE_FILE_TARGET);
    assertThat(filed.status()).isEqualTo(SendOutStatus.FILED);
    assertThat(archivedKeys()).containsExactly("case-files/2024_7/2024-02-14-gemensamma-servicenamnden-paragraf-1.txt");
    // Only the two send-outs of the event are settled; the queue still holds the rest.
    assertThat(workflow.stores().sendOuts().sendOuts(minutesId)).filteredOn(s -> s.status() != SendOutStatus.PENDING).hasSize(2);
  }

  @Test
  void noticeBoardEventRendersTheLudvikaBoardWithTheSampleNotice() throws IOException {
    uploadSampleUnderTheEventsKey();
    invoke(INTAKE, intakeEvent());
    var event = Files.readAllBytes(EVENTS.resolve("notice-board.json"));

    var response = invoke(BOARD, event);

    assertThat(response.path("batchItemFailures")).isEmpty();
    var index = new String(workflow.siteFile("ludvika/index.html")
        .orElseThrow(() -> new AssertionError("ludvika/index.html was not rendered")), StandardCharsets.UTF_8);
    assertThat(index).contains("Gemensamma servicenämnden").contains("2024-02-20").contains("2024-03-12")
        .contains("2024-03-13").contains("anslag/gemensamma-servicenamnden/2024-02-14/");
  }

  @Test
  void malformedIntakeMessagesAreReportedAsFailuresWhileTheGoodOneInTheBatchSucceeds() throws IOException {
    uploadSampleUnderTheEventsKey();
    var event = (ObjectNode) JSON.readTree(intakeEvent());
    var good = (ObjectNode) event.path("Records").get(0);
    var noKey = (ObjectNode) JSON.readTree(good.path("body").asText());
    ((ObjectNode) noKey.path("detail")).remove("object");
    var records = event.putArray("Records");
    records.add(copyWithBody(good, "not-json", "this is not JSON"));
    records.add(good);
    records.add(copyWithBody(good, "no-object-key", noKey.toString()));

    var response = invoke(INTAKE, JSON.writeValueAsBytes(event));

    assertThat(response.path("batchItemFailures").findValuesAsText("itemIdentifier"))
        .containsExactlyInAnyOrder("not-json", "no-object-key");
    assertThat(sampleMinutes().status()).isEqualTo(MinutesStatus.DISPATCHED);
  }

  @Test
  void malformedMessagesOnTheIntakeQueueEndInItsDeadLetterQueueAfterTheRetries() {
    var intakeQueue = workflow.cloud().queueUrl("IntakeQueue");
    workflow.cloud().sqs().sendMessage(b -> b.queueUrl(intakeQueue).messageBody("this is not JSON"));
    workflow.cloud().sqs().sendMessage(b -> b.queueUrl(intakeQueue).messageBody("{\"detail\":{\"bucket\":{}}}"));
    workflow.lambda().withRetryDelay(Duration.ZERO);

    var drained = workflow.process();

    assertThat(drained.timedOut()).isFalse();
    assertThat(drained.deadLetters()).containsEntry("IntakeDeadLetterQueue", 2);
    // maxReceiveCount is 5 in the template: each message was tried that often before it moved.
    assertThat(drained.failures()).isEqualTo(2 * 5);
    assertThat(workflow.stores().minutes().listMinutes()).isEmpty();
  }

  // ------------------------------------------------------------------ arrange helpers

  private String protocolsBucket() {
    return workflow.cloud().physicalId("ProtocolsBucket");
  }

  /** Puts the sample PDF where the intake event says it is, with the dates a clerk gives. */
  private void uploadSampleUnderTheEventsKey() throws IOException {
    var metadata = Map.of("adjusted-on", ADJUSTED_ON.toString(), "posted-on", POSTED_ON.toString());
    workflow.cloud().s3().putObject(b -> b.bucket(protocolsBucket()).key(SAMPLE_KEY).metadata(metadata)
        .contentType("application/pdf"), RequestBody.fromBytes(Files.readAllBytes(SAMPLE_PDF)));
  }

  private byte[] intakeEvent() throws IOException {
    return eventWithBodies("protocol-intake.json", Map.of(SAMPLE_BUCKET, protocolsBucket()));
  }

  /** An SQS event file as its JSON, with sample names in the bodies replaced (each must occur). */
  private static byte[] eventWithBodies(String file, Map<String, String> replacements) throws IOException {
    var event = JSON.readTree(EVENTS.resolve(file).toFile());
    assertThat(event.path("Records")).as("records of %s", file).isNotEmpty();
    for (var record : event.path("Records")) {
      var body = record.path("body").asText();
      for (var replacement : replacements.entrySet()) {
        assertThat(body).as("body of %s", file).contains(replacement.getKey());
        body = body.replace(replacement.getKey(), replacement.getValue());
      }
      ((ObjectNode) record).put("body", body);
    }
    return JSON.writeValueAsBytes(event);
  }

  private static ObjectNode copyWithBody(ObjectNode original, String messageId, String body) {
    var copy = original.deepCopy();
    copy.put("messageId", messageId);
    copy.put("receiptHandle", original.path("receiptHandle").asText() + "-" + messageId);
    copy.put("body", body);
    return copy;
  }

  /** The function's handler through its entry point, as the local Lambda invokes it; its response. */
  private JsonNode invoke(String function, byte[] event) {
    return workflow.lambda().invoke(function, event);
  }

  // ------------------------------------------------------------------ assert helpers

  private MinutesRecord sampleMinutes() {
    return workflow.minutesFromUpload(SAMPLE_KEY).orElseThrow(() -> new AssertionError("no minutes record for " + SAMPLE_KEY));
  }

  private SendOut sendOut(String minutesId, int paragraph, String target) {
    return workflow.stores().sendOuts().findSendOut(minutesId, paragraph, target)
        .orElseThrow(() -> new AssertionError("no send-out of § " + paragraph + " to " + target));
  }

  private List<String> archivedKeys() {
    return workflow.cloud().s3().listObjectsV2(b -> b.bucket(workflow.cloud().physicalId("ArchiveBucket")))
        .contents().stream().map(o -> o.key()).toList();
  }
}
