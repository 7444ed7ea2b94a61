package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;

/**
 * After publishing, over HTTP through the local API's JWT authorizer as the desk's page calls it:
 * the clerk withdraws a notice posted in error (the send-outs not yet sent are stopped, none is sent
 * twice, the boards keep a withdrawn record with the reason), and fetches the proof of posting
 * (anslagsbevis) as a PDF once the notice is down.
 */
class ClerkDeskWithdrawalIT {
  private static final ObjectMapper JSON = DeskTestStack.JSON;
  private static final String CLERK = DeskTestStack.CLERK;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path SAMPLE_TEXT = SampleWorkflow.ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt");

  @RegisterExtension static final DeskTestStack stack = new DeskTestStack();

  @Test
  void aWithdrawnNoticeStopsTheUnsentSendOutsAndStaysOnTheBoardAsAWithdrawnRecord() throws Exception {
    // Another meeting of the same organ than the proof's, so the two tests share nothing.
    var text = Files.readString(SAMPLE_TEXT).replace("2024-02-14", "2024-02-11");
    var key = stack.workflow().upload(stack.write("gsn-2024-02-11.txt", text), SampleWorkflow.ADJUSTED_ON, null);
    var minutes = stack.awaitStatus(key, MinutesStatus.AWAITING_REVIEW);
    var withdraw = "api/desk/minutes/" + minutes.id() + "/withdraw";
    var reason = "{\"reason\":\"Fel protokoll <b>anslogs</b> av misstag, se 19121212-1212.\"}";
    var beforePublishing = stack.post(withdraw, reason, stack.clerkToken());
    assertThat(beforePublishing.statusCode()).as("withdrawing minutes not published").isEqualTo(409);
    assertThat(JSON.readTree(beforePublishing.body()).path("message").asText())
        .isEqualTo("Bara publicerade protokoll kan återkallas (status: Väntar på granskning).");
    assertThat(stack.post("api/desk/minutes/" + minutes.id() + "/publish", "{}", stack.clerkToken()).statusCode()).isEqualTo(202);
    stack.awaitStatus(key, MinutesStatus.DISPATCHED);
    stack.awaitSettled(minutes.id(), stack.clerkToken());
    var notice = "ludvika/anslag/gemensamma-servicenamnden/2024-02-11/index.html";
    awaitPage(notice, "Bokslut 2023");
    var mailsBefore = SesMailbox.decisionMails(stack.workflow().cloud()).size();
    // What a withdrawal can find: one send-out still waiting for the mailer (PENDING), one that a
    // mailer has claimed and is carrying out now (SENDING: § 2's filing in the case file, which has no
    // SES acceptance that would settle it as sent). Both were settled once already, which lets the
    // test count that neither is sent again.
    var sendOuts = stack.workflow().stores().sendOuts();
    var waiting = sendOuts.findSendOut(minutes.id(), 3, "revisorerna@ludvika.example.org").orElseThrow();
    var beingSent = sendOuts.sendOuts(minutes.id()).stream()
        .filter(s -> s.paragraph() == 2 && s.kind() == SendOutKind.CASE_FILE).findFirst().orElseThrow();
    sendOuts.updateSendOut(waiting.withStatus(SendOutStatus.PENDING, Instant.now(), "Retrying: throttled", null));
    sendOuts.updateSendOut(beingSent.withStatus(SendOutStatus.SENDING, Instant.now(), null, null));
    assertThat(stack.post(withdraw, "{\"reason\":\"   \"}", stack.clerkToken()).statusCode()).as("no reason").isEqualTo(400);
    assertThat(stack.post(withdraw, reason, stack.otherOrganToken()).statusCode()).as("another organ's clerk").isEqualTo(403);

    var withdrawn = stack.post(withdraw, reason, stack.clerkToken());

    assertThat(withdrawn.statusCode()).isEqualTo(202);
    var record = stack.awaitStatus(key, MinutesStatus.WITHDRAWN);
    assertThat(record.statusDetail()).isEqualTo("Fel protokoll <b>anslogs</b> av misstag, se 19121212-1212.");
    awaitSendOut(minutes.id(), waiting, SendOutStatus.CANCELLED);
    assertThat(sendOuts.findSendOut(minutes.id(), 3, "revisorerna@ludvika.example.org").orElseThrow().detail())
        .isEqualTo("Anslaget återkallades innan utskicket gick iväg; inget skickat");
    assertThat(sendOuts.findSendOut(minutes.id(), 2, beingSent.target()).orElseThrow().status()).as("the send-out a mailer is sending is left to it").isEqualTo(SendOutStatus.SENDING);

    // That mailer fails for a while and puts its send-out back (PENDING); its message comes again.
    sendOuts.updateSendOut(sendOuts.findSendOut(minutes.id(), 2, beingSent.target())
        .orElseThrow().withStatus(SendOutStatus.PENDING, Instant.now(), "Retrying: throttled", null));
    for (var sendOut : List.of(waiting, beingSent)) {
      stack.workflow().cloud().sqs().sendMessage(b -> b.queueUrl(stack.workflow().cloud().queueUrl("SendOutQueue")).messageBody(
          "{\"minutesId\":\"" + minutes.id() + "\",\"paragraph\":" + sendOut.paragraph() + ",\"target\":\""
              + sendOut.target() + "\"}"));
    }
    awaitSendOut(minutes.id(), beingSent, SendOutStatus.CANCELLED);
    Thread.sleep(2000); // what a mailer would have sent by now
    assertThat(SesMailbox.decisionMails(stack.workflow().cloud())).as("nothing sent after the withdrawal").hasSize(mailsBefore);

    var page = awaitPage(notice, "Återkallat");
    assertThat(page).contains("<h1>Anslaget är återkallat</h1>",
        "Återkallat: Fel protokoll &lt;b&gt;anslogs&lt;/b&gt; av misstag, se [personnummer borttaget].")
        .doesNotContain("19121212", "<b>anslogs", "Bokslut 2023");
    assertThat(new String(stack.workflow().siteFile("smedjebacken/anslag/gemensamma-servicenamnden/2024-02-11/index.html")
        .orElseThrow(), StandardCharsets.UTF_8)).as("the other board of the joint committee").contains("Återkallat: Fel protokoll");
    assertThat(new String(stack.workflow().siteFile("ludvika/index.html").orElseThrow(), StandardCharsets.UTF_8))
        .as("the board's list").doesNotContain("2024-02-11");
    assertThat(new String(stack.workflow().siteFile("ludvika/urval/alla/alla/alla/index.html").orElseThrow(),
        StandardCharsets.UTF_8)).as("the filter page of every notice").doesNotContain("2024-02-11");
    assertThat(new String(stack.workflow().siteFile("ludvika/anslag.atom").orElseThrow(), StandardCharsets.UTF_8))
        .as("the feed entry's summary says why, not a takedown").contains("Återkallat: Fel protokoll");

    var shown = JSON.readTree(stack.get("api/desk/minutes/" + minutes.id(), stack.clerkToken()).body());
    assertThat(shown.path("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(shown.path("statusText").asText()).isEqualTo("Återkallat");
    assertThat(shown.path("history")).filteredOn(entry -> entry.path("action").asText().equals("Återkallade anslaget"))
        .singleElement().satisfies(entry -> {
          assertThat(entry.path("clerk").asText()).isEqualTo(CLERK);
          assertThat(entry.path("at").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
          assertThat(entry.path("detail").asText())
              .isEqualTo("Fel protokoll <b>anslogs</b> av misstag, se 19121212-1212. (1 utskick stoppat)");
        });
    assertThat(shown.path("sendOuts").valueStream().filter(row -> row.path("status").asText().equals("CANCELLED")))
        .extracting(row -> row.path("statusText").asText()).containsExactly("Inte skickat, stoppat", "Inte skickat, stoppat");
    var again = stack.post(withdraw, reason, stack.clerkToken());
    assertThat(again.statusCode()).as("withdrawn twice").isEqualTo(409);
    assertThat(JSON.readTree(again.body()).path("message").asText())
        .isEqualTo("Bara publicerade protokoll kan återkallas (status: Återkallat).");
  }

  @Test
  void theProofOfPostingIsAPdfOnceTheNoticeIsDown() throws Exception {
    var bytes = Files.readAllBytes(SAMPLE_TEXT);
    var id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    var key = stack.workflow().upload(SAMPLE_TEXT, SampleWorkflow.ADJUSTED_ON, null);
    var minutes = stack.awaitStatus(key, MinutesStatus.AWAITING_REVIEW);
    assertThat(minutes.id()).isEqualTo(id);
    var proof = "api/desk/minutes/" + id + "/proof";
    assertThat(stack.get(proof, stack.clerkToken()).statusCode()).as("before publishing").isEqualTo(409);
    assertThat(stack.post("api/desk/minutes/" + id + "/publish", "{\"postedOn\":\"2024-02-20\"}", stack.clerkToken()).statusCode())
        .isEqualTo(202);
    stack.awaitStatus(key, MinutesStatus.DISPATCHED);

    var tooEarly = stack.get(proof, stack.clerkToken());

    assertThat(tooEarly.statusCode()).as("while the notice is up").isEqualTo(409);
    assertThat(JSON.readTree(tooEarly.body()).path("message").asText())
        .isEqualTo("Anslaget är inte nedtaget än (det tas ned 2024-03-13); anslagsbeviset finns när det är nedtaget.");
    assertThat(JSON.readTree(stack.get("api/desk/minutes/" + id, stack.clerkToken()).body()).path("proofAvailable").asBoolean())
        .isFalse();
    try {
      // Posted 2024-02-20: the last appeal day is 2024-03-12, taken down the day after (rule 7's default).
      stack.workflow().lambda().withClock(LocalWorkflow.clockAt(LocalDate.of(2024, 3, 12)));
      assertThat(stack.get(proof, stack.clerkToken()).statusCode()).as("on the last appeal day").isEqualTo(409);
      stack.workflow().lambda().withClock(LocalWorkflow.clockAt(LocalDate.of(2024, 3, 13)));
      assertThat(stack.get(proof, stack.otherOrganToken()).statusCode()).as("another organ's clerk").isEqualTo(403);
      assertThat(HTTP.send(HttpRequest.newBuilder(stack.desk().siteAddress().resolve(proof)).GET().build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).as("no token").isEqualTo(401);
      assertThat(JSON.readTree(stack.get("api/desk/minutes/" + id, stack.clerkToken()).body()).path("proofAvailable").asBoolean())
          .isTrue();
      var tooLate = stack.post("api/desk/minutes/" + id + "/withdraw", "{\"reason\":\"Fel protokoll.\"}",
          stack.clerkToken());
      assertThat(tooLate.statusCode()).as("a withdrawal once the appeal time has run").isEqualTo(409);
      assertThat(JSON.readTree(tooLate.body()).path("message").asText())
          .isEqualTo("Anslaget har suttit uppe hela tiden för överklagande (till 2024-03-12) och kan inte återkallas;"
              + " anslagsbeviset finns kvar.");

      var response = HTTP.send(HttpRequest.newBuilder(stack.desk().siteAddress().resolve(proof))
          .header("Authorization", "Bearer " + stack.clerkToken()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
      assertThat(response.headers().firstValue("Content-Disposition"))
          .hasValue("attachment; filename=\"anslagsbevis-gemensamma-servicenamnden-2024-02-14.pdf\"");
      assertThat(new String(response.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      String read;
      try (var document = org.apache.pdfbox.Loader.loadPDF(response.body())) {
        read = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", " ");
      }
      assertThat(read).contains("Anslagsbevis", "Organ: Gemensamma servicenämnden", "Sammanträdesdatum: 2024-02-14",
          "Paragrafer: § 1–6", "Justerat: 2024-02-19",
          "Anslagstavla: Ludvika kommun Anslaget sattes upp: 2024-02-20 Sista dag för överklagande: 2024-03-12"
              + " Anslaget togs ned: 2024-03-13",
          "Anslagstavla: Smedjebackens kommun Anslaget sattes upp: 2024-02-20 Sista dag för överklagande: 2024-03-12"
              + " Anslaget togs ned: 2024-03-13",
          "Publicerat av: " + CLERK, "Protokollets id (SHA-256): " + id);
    } finally {
      stack.workflow().lambda().withClock(LocalWorkflow.clockAt(SampleWorkflow.POSTED_ON));
    }
  }

  // ---------------------------------------------------------------------- helpers

  private static void awaitSendOut(String minutesId, SendOut sendOut, SendOutStatus status) throws Exception {
    var deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      var now = stack.workflow().stores().sendOuts().findSendOut(minutesId, sendOut.paragraph(), sendOut.target());
      if (now.isPresent() && now.get().status() == status) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("§ " + sendOut.paragraph() + " to " + sendOut.target() + " did not become " + status);
  }

  /** The board's page once it contains the text (the board runs after intake). */
  private static String awaitPage(String key, String text) throws InterruptedException {
    var deadline = Instant.now().plus(Duration.ofSeconds(60));
    String page = null;
    while (Instant.now().isBefore(deadline)) {
      page = stack.workflow().siteFile(key).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
      if (page != null && page.contains(text)) {
        return page;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(key + " does not say " + text + ": " + page);
  }
}
