package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clerk desk in Debian's headless Chromium ({@code local/browser-tests/desk-journey.mjs}) against
 * the whole local stack: sign in to the Cognito emulator by keyboard, a refused file, the sample PDF
 * uploaded straight to the S3 emulator with the progress shown, read by the intake and listed, reviewed,
 * fixed and published, its send-outs followed until settled, the notice opened on both boards, sign
 * out. Every state: zero axe-core WCAG 2.1 A/AA violations, no sideways scrolling at 390 px, the
 * keyboard walk; screenshots in {@code local/target/browser-artifacts/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClerkDeskBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LocalWorkflow workflow;
  private static final String IT_CHEF = "it-chef@ludvika.example.org";

  private LocalDesk desk;
  private LocalDesk.ClerkAccount clerk;
  private JsonNode report;
  private String stderr;

  @BeforeAll
  void runTheJourney(@TempDir Path work) throws Exception {
    int port;
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    workflow = LocalWorkflow.start(SampleWorkflow.ROOT, LocalDesk.parameters(port), Clock.systemUTC(), System.err);
    // The organ reviews before publishing, and the directory lacks IT-chef (§ 6): the clerk fixes it.
    var setup = Files.readString(SampleWorkflow.ROOT.resolve("local/setup/sample-setup.yaml"));
    var reviewed = setup.replace("review: none", "review: required")
        .replace("  - name: IT-chef\n    addresses: [it-chef@ludvika.example.org]\n", "");
    assertThat(reviewed).contains("review: required").doesNotContain("name: IT-chef");
    workflow.loadSetup(Files.writeString(work.resolve("setup.yaml"), reviewed));
    desk = LocalDesk.start(workflow, port, System.err);
    clerk = desk.createClerk("gsn.sekreterare@ludvika.example.org", List.of("gemensamma-servicenamnden"));
    var spec = JSON.createObjectNode()
        .put("deskUrl", desk.deskAddress().toString())
        .put("email", clerk.email())
        .put("password", clerk.password())
        .put("file", SampleWorkflow.ROOT.resolve(DemoCommand.SAMPLE_MINUTES).toString())
        .put("listed", "Gemensamma servicenämnden, sammanträde 2024-02-14")
        .put("fixAddress", IT_CHEF)
        .put("boardNotice", "Gemensamma servicenämnden, sammanträde 2024-02-14")
        .put("artifactDir", BrowserScript.ARTIFACTS.toString());
    var result = BrowserScript.run("desk-journey.mjs", spec, work);
    report = result.report();
    stderr = result.stderr();
  }

  @AfterAll
  void stop() {
    if (desk != null) {
      desk.close();
    }
    if (workflow != null) {
      workflow.close();
    }
  }

  @Test
  void theJourneyRanWithoutAFailure() {
    assertThat(report.path("error").asText(null)).as("desk-journey.mjs error; stderr:\n%s", stderr).isNull();
    var failures = new ArrayList<String>();
    report.path("failures").forEach(f -> failures.add(f.asText()));
    assertThat(failures).as("stderr:\n%s", stderr).isEmpty();
    assertThat(report.path("ok").asBoolean()).isTrue();
  }

  @Test
  void theClerkSignedInAndOutAndNoTokenIsLeft() {
    assertThat(report.path("lang").asText()).isEqualTo("sv");
    assertThat(report.path("wrongPassword").asText()).isEqualTo("Fel e-postadress eller lösenord.");
    assertThat(report.path("signedInAs").asText()).isEqualTo(clerk.email());
    assertThat(report.path("organs").asText()).isEqualTo("Gemensamma servicenämnden");
    assertThat(report.path("signedOut").asText()).isEqualTo("Du är utloggad.");
    assertThat(report.path("tokenKept").asBoolean()).isFalse();
    assertThat(report.path("cookies").asInt()).as("no cookie carries the clerk's authority").isZero();
  }

  @Test
  void theSamplePdfWasUploadedWithItsProgressShownAndListedOnceRead() {
    assertThat(report.path("refusedFile").asText()).contains("”protokoll.docx” är varken en PDF-fil eller en textfil");
    assertThat(report.path("progress").path("shown").asBoolean()).isTrue();
    var values = new ArrayList<Integer>();
    report.path("progress").path("values").forEach(v -> values.add(v.asInt()));
    assertThat(values).contains(100);
    assertThat(report.path("progress").path("label").asText()).isEqualTo("Laddar upp gsn-2024-02-14.pdf");
    assertThat(report.path("afterUpload").asText())
        .isEqualTo("Protokollet är inläst: Gemensamma servicenämnden, sammanträde 2024-02-14. Status: Väntar på granskning.");
    assertThat(report.path("list").get(0).asText()).contains("Väntar på granskning");
    // What the browser uploaded is what intake read: one set of minutes, the organ's.
    assertThat(workflow.stores().minutes().listMinutes()).singleElement()
        .satisfies(minutes -> assertThat(minutes.sourceKey()).startsWith("desk/"));
  }

  @Test
  void theClerkReviewedFixedTheUnknownRecipientAndPublishedAndEveryDecisionWentOut() throws Exception {
    assertThat(report.path("reviewParagraphs")).extracting(JsonNode::asText)
        .hasSize(6).allMatch(heading -> heading.startsWith("§ "))
        .anyMatch(heading -> heading.startsWith("§ 6 (Dnr 2024/9) Införande av Microsoft 365"));
    // The dates with their rules; which days depends on today, the posting day the page proposes.
    assertThat(report.path("reviewSchedule")).extracting(line -> line.path("what").asText())
        .containsExactly("Justerat", "Senaste dag att anslå", "Anslås", "Sista dag för överklagande", "Tas ned");
    assertThat(report.path("reviewSchedule")).allSatisfy(line ->
        assertThat(line.path("dateAndRule").asText()).matches("\\d{4}-\\d{2}-\\d{2}: .+"));
    assertThat(report.path("reviewSchedule").get(3).path("dateAndRule").asText()).contains("Tre veckor från anslagsdagen");
    assertThat(report.path("unknownLines")).extracting(JsonNode::asText)
        .containsExactly("IT-chef fvb till Samordningsgruppen: okänd mottagare, skickas inte");
    assertThat(report.path("fixed").asText()).isEqualTo("Mottagaren IT-chef är sparad.");
    assertThat(report.path("unknownLinesAfterFix").asInt()).isZero();
    assertThat(report.path("publishButton").asText()).isEqualTo("Publicera: sätt upp anslaget och skicka besluten");
    assertThat(report.path("published").asText()).isEqualTo("Status: Anslaget.");
    assertThat(report.path("listAfterPublishing").get(0).asText()).contains("Anslaget", "Sista dag för överklagande");
    assertThat(report.path("withdrawReasonLabel").asText()).isEqualTo("Skäl att återkalla (visas på anslagstavlan)");
    assertThat(report.path("withdrawButton").asText()).isEqualTo("Återkalla anslaget");
    // As the sample with the whole directory: 18 mails, IT-chef's among them, each once.
    var deadline = java.time.Instant.now().plusSeconds(60);
    while (java.time.Instant.now().isBefore(deadline) && SesMailbox.decisionMails(workflow.cloud()).size() < 18) {
      Thread.sleep(200);
    }
    assertThat(SesMailbox.decisionMails(workflow.cloud())).hasSize(18)
        .filteredOn(mail -> mail.to().contains(IT_CHEF)).singleElement()
        .extracting(SesMailbox.Mail::subject).asString().contains("§ 6");
  }

  @Test
  void thePublishedMinutesShowEverySendOutSettledAndTheNoticeOnBothBoards() {
    // The sample: 24 decision send-outs (§§ 1-6), 18 of them mails and 6 filed in the case file, and
    // the clerk's receipt; every one settled before the totals end with a full stop.
    var rows = new ArrayList<JsonNode>();
    report.path("sendOutRows").forEach(rows::add);
    assertThat(rows).filteredOn(row -> row.path("paragraph").asText().startsWith("§ ")).hasSize(24)
        .extracting(row -> row.path("status").asText())
        .satisfies(statuses -> {
          assertThat(statuses).filteredOn("Diariefört"::equals).hasSize(6);
          assertThat(statuses).filteredOn(status -> status.equals("Skickat") || status.equals("Levererat")).hasSize(18);
        });
    assertThat(report.path("sendOutTotals").asText()).startsWith(rows.size() + " av " + rows.size() + " klara").endsWith(".");
    // Every action in the minutes' history with the clerk: the upload (the desk put the clerk on the object), the fix, the publication.
    assertThat(report.path("history")).extracting(JsonNode::asText)
        .satisfiesExactly(
            upload -> assertThat(upload).contains("Laddade upp (" + clerk.email() + ")"),
            fix -> assertThat(fix).contains("(" + clerk.email() + ")").contains("IT-chef"),
            publication -> assertThat(publication).contains("Publicerade (" + clerk.email() + ")"));
    assertThat(report.path("boardLinks")).extracting(link -> link.path("text").asText())
        .containsExactlyInAnyOrder("Visa på Ludvika kommun", "Visa på Smedjebackens kommun");
    assertThat(report.path("boards").properties()).as("%s", report.path("boardTexts")).hasSize(2).allSatisfy(board ->
        assertThat(board.getValue().asBoolean()).as(board.getKey()).isTrue());
  }

  @Test
  void everyStateHasNoAxeViolationsNoSidewaysScrollingAndScreenshots() {
    var states = new ArrayList<String>();
    for (JsonNode state : report.path("states")) {
      states.add(state.path("name").asText());
      for (var viewport : List.of("desktop", "phone")) {
        var result = state.path("viewports").path(viewport);
        assertThat(result.path("axe").path("violations")).as("%s %s", state.path("name"), viewport).isEmpty();
        assertThat(result.path("axe").path("passes").asInt()).isPositive();
        assertThat(result.path("horizontalOverflowPx").asInt()).as("%s %s", state.path("name"), viewport).isZero();
      }
    }
    assertThat(states).containsExactly("sign-in", "sign-in-refused", "start", "refused-file", "listed", "review",
        "published", "send-outs", "signed-out");
    assertThat(report.path("screenshots")).hasSize(states.size() * 2 + 1);
    report.path("screenshots").forEach(s -> assertThat(Path.of(s.asText())).isRegularFile());
  }

  @Test
  void theDeskWorksByKeyboardAlone() {
    for (JsonNode state : report.path("states")) {
      if (state.has("keyboard")) {
        var keyboard = state.path("keyboard");
        assertThat(keyboard.path("skipLink").path("isFirst").asBoolean()).as(state.path("name").asText()).isTrue();
        assertThat(keyboard.path("skipLink").path("movesToMain").asBoolean()).as(state.path("name").asText()).isTrue();
        assertThat(keyboard.path("failures")).as(state.path("name").asText()).isEmpty();
        assertThat(keyboard.path("tabStops").asInt()).isGreaterThan(2);
      }
    }
  }
}
