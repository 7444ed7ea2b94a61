package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutEvent;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;

/**
 * SES delivery events, as the configuration set publishes them through SNS (raw delivery) into
 * DeliveryEventsQueue, recorded on the send-outs of the sample minutes by DeliveryEventsFunction.
 */
class DeliveryEventsIT {
  private static final LocalDate ADJUSTED_ON = LocalDate.of(2024, 2, 19);
  private static final LocalDate POSTED_ON = LocalDate.of(2024, 2, 20);
  private static final String MALFORMED = "{\"notAnSesEvent\": true}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final SampleWorkflow sample = new SampleWorkflow();
  private LocalWorkflow workflow;

  @BeforeEach
  void useTheSampleWorkflow() {
    workflow = sample.get();
  }

  @Test
  void deliveryBounceAndComplaintEventsSettleTheirSendOutsAndMalformedOnesEndInTheDeadLetterQueue() throws Exception {
    var key = workflow.upload(SampleWorkflow.ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt"), ADJUSTED_ON, POSTED_ON);
    assertThat(workflow.process().deadLettered()).isZero();
    var minutesId = workflow.minutesFromUpload(key).orElseThrow().id();
    var mailed = workflow.stores().sendOuts().sendOuts(minutesId).stream().filter(s -> s.kind() == SendOutKind.EMAIL).toList();
    assertThat(mailed).hasSizeGreaterThanOrEqualTo(6).allMatch(s -> s.status() == SendOutStatus.SENT);
    var delivered = mailed.get(0);
    var bounced = mailed.get(1);
    var complained = mailed.get(2);
    var softBounced = mailed.get(3);
    var untouched = mailed.get(4);

    var deliveryEvent = delivery(delivered, "2024-02-20T08:00:03.447Z");
    send(deliveryEvent);
    send(deliveryEvent); // SNS and SQS deliver at least once
    send(bounce(bounced, "Permanent", "NoEmail", "smtp; 550 5.1.1 user unknown", "2024-02-20T08:00:04.000Z"));
    send(delivery(complained, "2024-02-20T08:00:05.000Z"));
    send(complaint(complained, "2024-02-20T09:30:00.000Z"));
    send(bounce(softBounced, "Transient", "MailboxFull", "smtp; 452 4.2.2 mailbox full", "2024-02-20T08:00:06.000Z"));
    send(deliveryOf("0100018dunknown-receipt-to-the-clerk-000000", "gsn.sekreterare@ludvika.example.org",
        "2024-02-20T08:00:07.000Z"));
    send(MALFORMED);
    var drained = workflow.process();

    assertThat(status(delivered)).isEqualTo(SendOutStatus.DELIVERED);
    assertThat(history(delivered)).extracting(SendOutEvent::status).containsExactly(
        SendOutStatus.PENDING, SendOutStatus.SENDING, SendOutStatus.SENT, SendOutStatus.DELIVERED);
    assertThat(history(delivered).getLast().detail()).contains("250 2.6.0 Message received");

    assertThat(status(bounced)).isEqualTo(SendOutStatus.BOUNCED);
    assertThat(current(bounced).detail()).contains("Permanent/NoEmail").contains("550 5.1.1 user unknown");
    assertThat(history(bounced).getLast().status()).isEqualTo(SendOutStatus.BOUNCED);

    assertThat(status(complained)).isEqualTo(SendOutStatus.COMPLAINED);
    assertThat(history(complained)).extracting(SendOutEvent::status)
        .endsWith(SendOutStatus.DELIVERED, SendOutStatus.COMPLAINED);

    assertThat(status(softBounced)).as("SES retries a soft bounce").isEqualTo(SendOutStatus.SENT);
    assertThat(history(softBounced).getLast().status()).isEqualTo(SendOutStatus.SENT);
    assertThat(history(softBounced).getLast().detail()).contains("Transient/MailboxFull").contains("mailbox full");

    assertThat(status(untouched)).isEqualTo(SendOutStatus.SENT);
    assertThat(history(untouched)).extracting(SendOutEvent::status)
        .containsExactly(SendOutStatus.PENDING, SendOutStatus.SENDING, SendOutStatus.SENT);

    // The unknown message id was acknowledged; only the malformed message was given up on.
    assertThat(drained.deadLetters()).containsEntry("DeliveryEventsDeadLetterQueue", 1);
    assertThat(drained.deadLettered()).isEqualTo(1);
    var deadLetters = workflow.cloud().sqs().receiveMessage(b -> b
        .queueUrl(workflow.cloud().queueUrl("DeliveryEventsDeadLetterQueue")).maxNumberOfMessages(10)).messages();
    assertThat(deadLetters).extracting(m -> m.body()).containsExactly(MALFORMED);
  }

  @Test
  void sendEventsRecordTheAcceptedMessageOnTheSendOutNamedByTheirHeader() throws Exception {
    var key = workflow.upload(SampleWorkflow.ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt"), ADJUSTED_ON, POSTED_ON);
    assertThat(workflow.process().deadLettered()).isZero();
    var minutesId = workflow.minutesFromUpload(key).orElseThrow().id();
    var mailed = workflow.stores().sendOuts().sendOuts(minutesId).stream().filter(s -> s.kind() == SendOutKind.EMAIL).toList();
    var accepted = mailed.get(0);
    var delivered = mailed.get(1);
    var malformed = "%s/%d/not-an-encoded-target@/1".formatted(minutesId, accepted.paragraph());

    send(delivery(delivered, "2024-02-20T08:00:03.447Z"));
    assertThat(workflow.process().deadLettered()).isZero();
    var sendEvent = sendOf(accepted.sesMessageId(), accepted.target(), sendOutHeader(accepted, 1));
    send(sendEvent);
    send(sendEvent); // SNS and SQS deliver at least once
    send(sendOf(delivered.sesMessageId(), delivered.target(), sendOutHeader(delivered, 1))); // later than its delivery
    send(sendOf("0100018dnot-anslags-mail-000000", "someone@ludvika.example.org",
        "%s/999/someone%%40ludvika.example.org/1".formatted(minutesId)));
    send(sendOf("0100018dno-header-000000", "someone@ludvika.example.org", null));
    send(sendOf("0100018dmalformed-header-000000", accepted.target(), malformed));
    var drained = workflow.process();

    assertThat(current(accepted).status()).as("the status stays").isEqualTo(SendOutStatus.SENT);
    assertThat(acceptedMessage(accepted)).containsExactly(accepted.sesMessageId(), "1");
    assertThat(history(accepted)).extracting(SendOutEvent::status).containsExactly(
        SendOutStatus.PENDING, SendOutStatus.SENDING, SendOutStatus.SENT, SendOutStatus.SENT);
    assertThat(history(accepted).getLast().detail())
        .isEqualTo("Accepted by SES as message " + accepted.sesMessageId() + " (attempt 1)");

    assertThat(current(delivered).status()).as("a settled status never moves back").isEqualTo(SendOutStatus.DELIVERED);
    assertThat(acceptedMessage(delivered)).containsExactly(delivered.sesMessageId(), "1");
    assertThat(history(delivered)).extracting(SendOutEvent::status).containsExactly(SendOutStatus.PENDING,
        SendOutStatus.SENDING, SendOutStatus.SENT, SendOutStatus.DELIVERED, SendOutStatus.DELIVERED);

    // The unknown send-out and the mail without the header were acknowledged; the malformed header was not.
    assertThat(drained.deadLetters()).containsEntry("DeliveryEventsDeadLetterQueue", 1);
    assertThat(drained.deadLettered()).isEqualTo(1);
    var deadLetters = workflow.cloud().sqs().receiveMessage(b -> b
        .queueUrl(workflow.cloud().queueUrl("DeliveryEventsDeadLetterQueue")).maxNumberOfMessages(10)).messages();
    assertThat(deadLetters).singleElement().satisfies(m -> assertThat(m.body()).contains(malformed));
  }

  /** The X-Anslag-Send-Out value the mailer writes: minutes id, paragraph, target (percent-encoded), attempt. */
  private static String sendOutHeader(SendOut sendOut, int attempt) {
    return sendOut.minutesId() + "/" + sendOut.paragraph() + "/"
        + URLEncoder.encode(sendOut.target(), StandardCharsets.UTF_8) + "/" + attempt;
  }

  private List<String> acceptedMessage(SendOut sendOut) {
    return workflow.stores().sendOuts().acceptance(sendOut)
        .map(accepted -> List.of(accepted.messageId(), String.valueOf(accepted.attempt()))).orElse(List.of());
  }

  private void send(String body) {
    workflow.cloud().sqs().sendMessage(b -> b.queueUrl(workflow.cloud().queueUrl("DeliveryEventsQueue")).messageBody(body));
  }

  private SendOut current(SendOut sendOut) {
    return workflow.stores().sendOuts().findSendOut(sendOut.minutesId(), sendOut.paragraph(), sendOut.target()).orElseThrow();
  }

  private SendOutStatus status(SendOut sendOut) {
    return current(sendOut).status();
  }

  private List<SendOutEvent> history(SendOut sendOut) {
    return workflow.stores().deliveryEvents().sendOutHistory(sendOut);
  }

  // SES event notifications as SES publishes them to SNS (eventType, mail, and the event's object).

  /** An event with the mail's headers as SES repeats them; {@code sendOutHeader} null: none. */
  private static ObjectNode event(String eventType, String messageId, String recipient, String sendOutHeader) {
    var event = JSON.createObjectNode().put("eventType", eventType);
    var mail = event.putObject("mail").put("timestamp", "2024-02-20T08:00:01.120Z")
        .put("source", "anslag@example.org").put("sendingAccountId", "123456789012").put("messageId", messageId);
    mail.putArray("destination").add(recipient);
    mail.put("headersTruncated", false);
    var headers = mail.putArray("headers");
    headers.addObject().put("name", "From").put("value", "anslag@example.org");
    headers.addObject().put("name", "To").put("value", recipient);
    if (sendOutHeader != null) {
      headers.addObject().put("name", "X-Anslag-Send-Out").put("value", sendOutHeader);
    }
    headers.addObject().put("name", "MIME-Version").put("value", "1.0");
    return event;
  }

  /** An event of the mail the mailer sent for this send-out, in its last attempt. */
  private static ObjectNode event(String eventType, SendOut sendOut) {
    return event(eventType, sendOut.sesMessageId(), sendOut.target(), sendOutHeader(sendOut, sendOut.attempts()));
  }

  private static String sendOf(String messageId, String recipient, String sendOutHeader) {
    var event = event("Send", messageId, recipient, sendOutHeader);
    event.putObject("send");
    return event.toString();
  }

  private static String delivery(SendOut sendOut, String at) {
    return withDelivery(event("Delivery", sendOut), sendOut.target(), at);
  }

  /** The Delivery event of a mail that is not Anslag's: its headers name no send-out. */
  private static String deliveryOf(String messageId, String recipient, String at) {
    return withDelivery(event("Delivery", messageId, recipient, null), recipient, at);
  }

  private static String withDelivery(ObjectNode event, String recipient, String at) {
    var delivery = event.putObject("delivery").put("timestamp", at).put("processingTimeMillis", 2327)
        .put("smtpResponse", "250 2.6.0 Message received").put("reportingMTA", "mta.ludvika.example.org");
    delivery.putArray("recipients").add(recipient);
    return event.toString();
  }

  private static String bounce(SendOut sendOut, String type, String subType, String diagnostic, String at) {
    var event = event("Bounce", sendOut);
    var bounce = event.putObject("bounce").put("bounceType", type).put("bounceSubType", subType)
        .put("timestamp", at).put("feedbackId", "feedback-" + type + "-" + sendOut.sesMessageId())
        .put("reportingMTA", "dsn; mta.ludvika.example.org");
    bounce.putArray("bouncedRecipients").addObject().put("emailAddress", sendOut.target())
        .put("action", "failed").put("status", type.equals("Permanent") ? "5.1.1" : "4.2.2")
        .put("diagnosticCode", diagnostic);
    return event.toString();
  }

  private static String complaint(SendOut sendOut, String at) {
    var event = event("Complaint", sendOut);
    var complaint = event.putObject("complaint").put("timestamp", at)
        .put("feedbackId", "feedback-complaint-" + sendOut.sesMessageId()).put("complaintFeedbackType", "abuse")
        .put("userAgent", "ExampleMail/1.0").put("arrivalDate", at);
    complaint.putArray("complainedRecipients").addObject().put("emailAddress", sendOut.target());
    return event.toString();
  }
}
