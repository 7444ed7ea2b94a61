package se.anslag.deliveryevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import se.anslag.compose.SendOutHeader;

/** Parsing SES event notifications, raw and in an SNS envelope, and refusing what is not one. */
class SesEventTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MAIL = """
      "mail": {"timestamp": "2024-02-20T08:00:01.120Z", "source": "anslag@example.org",
               "messageId": "0100-abc-000000", "destination": ["revisorerna@ludvika.example.org"]}""";

  @Test
  void theSampleEventsBodyIsADeliveryOfTheSampleMessage() throws Exception {
    var sample = JSON.readTree(Files.readString(projectRoot().resolve("events/delivery-events.json")));

    var event = SesEvent.parse(JSON, sample.path("Records").get(0).path("body").asText());

    assertThat(event.type()).isEqualTo(SesEvent.Type.DELIVERY);
    assertThat(event.messageId()).isEqualTo("010f018dc7a5e2b1-5f0c7e2a-3b4d-4c1e-9a8f-0e1d2c3b4a59-000000");
    assertThat(event.at()).isEqualTo(Instant.parse("2024-02-20T08:00:03.447Z"));
    assertThat(event.recipients()).containsExactly("kommunstyrelsen@ludvika.example.org");
    assertThat(event.detail()).contains("250 2.6.0 Message received");
    assertThat(event.concerns("Kommunstyrelsen@Ludvika.example.org")).isTrue();
  }

  @Test
  void permanentBounceCarriesTheDiagnosticCode() {
    var event = SesEvent.parse(JSON, """
        {"eventType": "Bounce", %s,
         "bounce": {"bounceType": "Permanent", "bounceSubType": "General", "timestamp": "2024-02-20T08:01:00Z",
                    "feedbackId": "fb-1", "bouncedRecipients": [{"emailAddress": "revisorerna@ludvika.example.org",
                    "action": "failed", "status": "5.1.1", "diagnosticCode": "smtp; 550 5.1.1 user unknown"}]}}
        """.formatted(MAIL));

    assertThat(event.type()).isEqualTo(SesEvent.Type.PERMANENT_BOUNCE);
    assertThat(event.detail()).isEqualTo(
        "Permanent/General bounce: revisorerna@ludvika.example.org: smtp; 550 5.1.1 user unknown");
    assertThat(event.eventKey()).isEqualTo("Bounce@fb-1");
  }

  @Test
  void transientAndUndeterminedBouncesAreSoft() {
    for (var bounceType : new String[] {"Transient", "Undetermined"}) {
      var event = SesEvent.parse(JSON, """
          {"eventType": "Bounce", %s, "bounce": {"bounceType": "%s", "timestamp": "2024-02-20T08:01:00Z",
           "bouncedRecipients": [{"emailAddress": "revisorerna@ludvika.example.org"}]}}
          """.formatted(MAIL, bounceType));

      assertThat(event.type()).as(bounceType).isEqualTo(SesEvent.Type.TRANSIENT_BOUNCE);
    }
  }

  @Test
  void complaintNamesTheComplainingRecipient() {
    var event = SesEvent.parse(JSON, """
        {"eventType": "Complaint", %s, "complaint": {"timestamp": "2024-02-21T10:00:00Z", "feedbackId": "fb-2",
         "complaintFeedbackType": "abuse", "complainedRecipients": [{"emailAddress": "revisorerna@ludvika.example.org"}]}}
        """.formatted(MAIL));

    assertThat(event.type()).isEqualTo(SesEvent.Type.COMPLAINT);
    assertThat(event.detail()).isEqualTo("Complaint (abuse) from revisorerna@ludvika.example.org");
    assertThat(event.concerns("someone.else@ludvika.example.org")).isFalse();
  }

  private static String send(String headers) {
    return """
        {"eventType": "Send", "mail": {"timestamp": "2024-02-20T08:00:01.120Z", "source": "anslag@example.org",
         "messageId": "0100-abc-000000", "destination": ["it-chef@ludvika.example.org"],
         "headersTruncated": false, "headers": [%s]}, "send": {}}
        """.formatted(headers);
  }

  @Test
  void aSendEventNamesTheSendOutAndAttemptOfItsHeader() {
    var event = SesEvent.parse(JSON, send("""
        {"name": "From", "value": "anslag@example.org"},
        {"name": "X-Anslag-Send-Out", "value": "ab12/6/it-chef%40ludvika.example.org/1"}"""));

    assertThat(event.type()).isEqualTo(SesEvent.Type.SEND);
    assertThat(event.messageId()).isEqualTo("0100-abc-000000");
    assertThat(event.sendOut()).isEqualTo(new SendOutHeader("ab12", 6, "it-chef@ludvika.example.org", 1));
    assertThat(event.eventKey()).isEqualTo("Send@0100-abc-000000");
    assertThat(event.detail()).isEqualTo("Accepted by SES as message 0100-abc-000000 (attempt 1)");
  }

  @Test
  void aSendEventWithoutTheHeaderNamesNoSendOut() {
    var event = SesEvent.parse(JSON, send("{\"name\": \"From\", \"value\": \"someone@example.org\"}"));

    assertThat(event.type()).isEqualTo(SesEvent.Type.SEND);
    assertThat(event.sendOut()).isNull();
  }

  @Test
  void everyEventOfAMailNamesItsSendOutAndSaysWhetherItCarriesTheHeadersWhole() {
    var delivery = SesEvent.parse(JSON, """
        {"eventType": "Delivery", "mail": {"timestamp": "2024-02-20T08:00:01.120Z", "messageId": "0100-abc-000000",
          "destination": ["it-chef@ludvika.example.org"], "headersTruncated": false,
          "headers": [{"name": "X-Anslag-Send-Out", "value": "ab12/6/it-chef%40ludvika.example.org/2"}]},
         "delivery": {"timestamp": "2024-02-20T08:00:03Z", "recipients": ["it-chef@ludvika.example.org"]}}""");
    var truncated = SesEvent.parse(JSON, """
        {"eventType": "Delivery", "mail": {"timestamp": "2024-02-20T08:00:01.120Z", "messageId": "0100-abc-000000",
          "headersTruncated": true, "headers": []}, "delivery": {"timestamp": "2024-02-20T08:00:03Z"}}""");
    var withoutHeaders = SesEvent.parse(JSON, """
        {"eventType": "Delivery", %s, "delivery": {"timestamp": "2024-02-20T08:00:03Z"}}""".formatted(MAIL));

    assertThat(delivery.sendOut()).isEqualTo(new SendOutHeader("ab12", 6, "it-chef@ludvika.example.org", 2));
    assertThat(delivery.headersComplete()).isTrue();
    assertThat(truncated.sendOut()).isNull();
    assertThat(truncated.headersComplete()).isFalse();
    assertThat(withoutHeaders.headersComplete()).as("no mail.headers at all").isFalse();
  }

  @Test
  void aSendEventWithAnUnreadableHeaderIsMalformed() {
    assertThatThrownBy(() -> SesEvent.parse(JSON, send("{\"name\": \"x-anslag-send-out\", \"value\": \"ab12/6\"}")))
        .isInstanceOf(SesEvent.MalformedEventException.class).hasMessageContaining("X-Anslag-Send-Out");
  }

  @Test
  void anEventInsideAnSnsEnvelopeIsUnwrapped() throws Exception {
    var inner = """
        {"eventType": "Delivery", %s, "delivery": {"timestamp": "2024-02-20T08:00:03Z",
         "recipients": ["revisorerna@ludvika.example.org"]}}""".formatted(MAIL);
    var envelope = JSON.createObjectNode().put("Type", "Notification").put("Message", inner).toString();

    assertThat(SesEvent.parse(JSON, envelope).type()).isEqualTo(SesEvent.Type.DELIVERY);
  }

  @Test
  void bodiesThatAreNotSesEventsAreMalformed() {
    for (var body : new String[] {"", "not json", "[1]", "{\"notAnSesEvent\": true}",
        "{\"eventType\": \"Delivery\", \"mail\": {}}",
        "{\"eventType\": \"Bounce\", " + MAIL + ", \"bounce\": {}}",
        "{\"eventType\": \"Delivery\", \"mail\": {\"messageId\": \"m\", \"timestamp\": \"yesterday\"}}"}) {
      assertThatThrownBy(() -> SesEvent.parse(JSON, body)).as(body).isInstanceOf(SesEvent.MalformedEventException.class);
    }
  }

  private static Path projectRoot() {
    var directory = Path.of("").toAbsolutePath();
    while (!Files.exists(directory.resolve("template.yaml"))) {
      directory = directory.getParent();
    }
    return directory;
  }
}
