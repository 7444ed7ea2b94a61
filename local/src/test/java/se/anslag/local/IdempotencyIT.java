package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.anslag.cli.ProjectRoot;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.SendOutMessage;
import software.amazon.awssdk.core.sync.RequestBody;

/** What arrives twice, a second upload of the same bytes or a redelivered message, is done once. */
class IdempotencyIT {
  private static final Path ROOT = ProjectRoot.find();
  private static final Path SAMPLE_TEXT = ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt");
  private static final LocalDate ADJUSTED_ON = LocalDate.of(2024, 2, 19);
  private static final LocalDate POSTED_ON = LocalDate.of(2024, 2, 20);
  /** The sample's e-mail send-outs with the sample setup: see SampleMinutesWorkflowIT. */
  private static final int SAMPLE_MAILS = 18;
  private static final int SAMPLE_FILINGS = 6;
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final SampleWorkflow sample = new SampleWorkflow();
  private LocalWorkflow workflow;

  @BeforeEach
  void useTheSampleWorkflow() {
    workflow = sample.get();
  }

  @Test
  void theSameBytesUploadedAgainUnderAnotherKeyChangeNothing() throws IOException {
    var firstKey = workflow.upload(SAMPLE_TEXT, ADJUSTED_ON, POSTED_ON);
    assertThat(workflow.process().deadLettered()).isZero();
    var minutes = workflow.minutesFromUpload(firstKey).orElseThrow();
    var sendOutsBefore = workflow.stores().sendOuts().sendOuts(minutes.id());
    var noticesBefore = workflow.stores().notices().notices(minutes.id());
    assertThat(SesMailbox.decisionMails(workflow.cloud())).hasSize(SAMPLE_MAILS);

    putObject("uploads/kopia av protokollet.txt", Files.readAllBytes(SAMPLE_TEXT));
    var drained = workflow.process();

    assertThat(drained.messages()).as("the second upload reached intake").isPositive();
    assertThat(drained.deadLettered()).isZero();
    assertThat(workflow.stores().minutes().listMinutes()).singleElement().satisfies(only -> {
      assertThat(only.id()).isEqualTo(minutes.id());
      assertThat(only.sourceKey()).isEqualTo(firstKey);
      assertThat(only.status()).isEqualTo(MinutesStatus.DISPATCHED);
      assertThat(only.receivedAt()).isEqualTo(minutes.receivedAt());
    });
    assertThat(workflow.stores().sendOuts().sendOuts(minutes.id())).containsExactlyInAnyOrderElementsOf(sendOutsBefore);
    assertThat(workflow.stores().notices().notices(minutes.id())).containsExactlyInAnyOrderElementsOf(noticesBefore);
    assertThat(SesMailbox.decisionMails(workflow.cloud())).hasSize(SAMPLE_MAILS);
  }

  @Test
  void everySendOutMessageDeliveredTwiceSendsEachDecisionToEachAddressOnce() throws IOException {
    // Intake alone, so that the send-out queue holds the first copy of every message.
    var key = "uploads/gsn-2024-02-14.txt";
    putObject(key, Files.readAllBytes(SAMPLE_TEXT));
    var intakeResponse = workflow.lambda().invoke("ProtocolIntakeFunction", intakeEventFor(key));
    assertThat(intakeResponse.path("batchItemFailures")).isEmpty();
    var minutesId = workflow.minutesFromUpload(key).orElseThrow().id();
    var sendOuts = workflow.stores().sendOuts().sendOuts(minutesId);
    assertThat(sendOuts).filteredOn(s -> s.kind() == SendOutKind.EMAIL || s.kind() == SendOutKind.CASE_FILE)
        .hasSize(SAMPLE_MAILS + SAMPLE_FILINGS);
    for (var sendOut : sendOuts) {
      var again = new SendOutMessage(sendOut.minutesId(), sendOut.paragraph(), sendOut.target());
      workflow.cloud().sqs().sendMessage(b -> b.queueUrl(workflow.cloud().queueUrl("SendOutQueue"))
          .messageBody(toJson(again)));
    }

    var drained = workflow.process();

    assertThat(drained.deadLettered()).isZero();
    var mails = SesMailbox.decisionMails(workflow.cloud());
    assertThat(mails).hasSize(SAMPLE_MAILS);
    var mailsPerParagraphAndAddress = mails.stream().collect(Collectors.groupingBy(
        mail -> paragraphOf(mail.subject()) + " " + String.join(",", mail.to()), Collectors.counting()));
    assertThat(mailsPerParagraphAndAddress).hasSize(SAMPLE_MAILS).allSatisfy((paragraphAndAddress, count) ->
        assertThat(count).as("mails of § %s", paragraphAndAddress).isEqualTo(1));
    var settled = workflow.stores().sendOuts().sendOuts(minutesId);
    assertThat(settled).allSatisfy(sendOut -> {
      assertThat(sendOut.status()).isIn(SendOutStatus.SENT, SendOutStatus.FILED);
      assertThat(sendOut.attempts()).as("attempts of § %d to %s", sendOut.paragraph(), sendOut.target()).isEqualTo(1);
    });
    var sesIds = settled.stream().filter(s -> s.kind() == SendOutKind.EMAIL).map(SendOut::sesMessageId).toList();
    assertThat(sesIds).containsExactlyInAnyOrderElementsOf(mails.stream().map(SesMailbox.Mail::messageId).toList());
  }

  @Test
  void theMailerInvokedTwiceWithTheSameEventSendsParagraphOneOnce() throws IOException {
    var key = workflow.upload(SAMPLE_TEXT, ADJUSTED_ON, POSTED_ON);
    workflow.lambda().invoke("ProtocolIntakeFunction", intakeEventFor(key));
    var minutesId = workflow.minutesFromUpload(key).orElseThrow().id();
    var event = eventFile("decision-mailer.json", body -> body.replace("SAMPLE", minutesId));

    var first = workflow.lambda().invoke("DecisionMailerFunction", event);
    var second = workflow.lambda().invoke("DecisionMailerFunction", event);

    assertThat(first.path("batchItemFailures")).isEmpty();
    assertThat(second.path("batchItemFailures")).isEmpty();
    assertThat(SesMailbox.decisionMails(workflow.cloud())).singleElement()
        .satisfies(mail -> assertThat(mail.to()).containsExactly("kommunstyrelsen@ludvika.example.org"));
    var filed = workflow.stores().sendOuts().findSendOut(minutesId, 1, SendOut.CASE_FILE_TARGET).orElseThrow();
    assertThat(filed.status()).isEqualTo(SendOutStatus.FILED);
    assertThat(filed.attempts()).isEqualTo(1);
  }

  // ------------------------------------------------------------------ helpers

  private void putObject(String key, byte[] content) {
    var metadata = Map.of("adjusted-on", ADJUSTED_ON.toString(), "posted-on", POSTED_ON.toString());
    workflow.cloud().s3().putObject(b -> b.bucket(workflow.cloud().physicalId("ProtocolsBucket")).key(key)
        .metadata(metadata).contentType("text/plain"), RequestBody.fromBytes(content));
  }

  /** The sample intake event of events/, pointed at this run's bucket and the given key. */
  private byte[] intakeEventFor(String key) throws IOException {
    return eventFile("protocol-intake.json", body -> body
        .replace("anslag-protocols-sample", workflow.cloud().physicalId("ProtocolsBucket"))
        .replace("gemensamma-servicenamnden/gsn-2024-02-14.pdf", key));
  }

  /** An SQS event file of events/ as its JSON (what the handler's entry point reads), each body rewritten. */
  private static byte[] eventFile(String file, Function<String, String> rewrite) throws IOException {
    var event = JSON.readTree(ROOT.resolve("events").resolve(file).toFile());
    event.path("Records").forEach(record ->
        ((ObjectNode) record).put("body", rewrite.apply(record.path("body").asText())));
    return JSON.writeValueAsBytes(event);
  }

  /** "… § 3 Driftbudget …" -> "3": the paragraph a decision mail is about, from its subject. */
  private static String paragraphOf(String subject) {
    var matcher = java.util.regex.Pattern.compile("§ (\\d+) ").matcher(subject);
    assertThat(matcher.find()).as("subject names a paragraph: %s", subject).isTrue();
    return matcher.group(1);
  }

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
