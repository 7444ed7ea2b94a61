package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resident on the public board in Debian's headless Chromium, against the whole local stack (the site
 * bucket behind the local CloudFront, the HTTP API, the queues and the SES emulator), by keyboard alone
 * ({@code local/browser-tests/board-journey.mjs}): subscribes from Ludvika's board, finds the confirmation
 * mail in the SES emulator's mailbox, opens its link; chooses an organ and a year in the filter form; follows
 * an organ link and the archive. Every page reached: zero axe-core WCAG 2.1 A/AA violations at 1280 and 390
 * px; the new static pages also get check-pages.mjs's keyboard walk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoardSubscribeAndFindBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUBSCRIBER = "anna@example.org";
  private static final Pattern CONFIRM_LINK = Pattern.compile("/api/subscriptions/confirm\\?token=[A-Za-z0-9_-]{43}");

  private LocalWorkflow workflow;
  private LocalDesk site;
  private JsonNode journey;
  private JsonNode confirmation;
  private JsonNode pages;
  private String confirmationMail;
  private final StringBuilder stderr = new StringBuilder();

  @BeforeAll
  void runTheJourney(@TempDir Path work) throws Exception {
    int port;
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    workflow = LocalWorkflow.start(SampleWorkflow.ROOT, LocalDesk.parameters(port),
        LocalWorkflow.clockAt(SampleWorkflow.POSTED_ON), System.err);
    // Published before the site serves, so the desk's queue loop and the test never drain at once.
    BoardFindingIT.publishTwoOrgansOverTwoYears(workflow, work);
    site = LocalDesk.start(workflow, port, System.err);
    var board = site.siteAddress().resolve("ludvika/");

    var find = BrowserScript.run("board-journey.mjs", JSON.createObjectNode()
        .put("phase", "subscribe-and-find").put("boardUrl", board.toString()).put("email", SUBSCRIBER)
        .put("organ", "Kommunstyrelsen").put("organLink", "organ/kommunstyrelsen/index.html").put("year", "2025")
        .put("archiveYear", "2024").put("artifactDir", BrowserScript.ARTIFACTS.toString()), work);
    journey = find.report();
    stderr.append(find.stderr());

    var deadline = Instant.now().plusSeconds(90);
    while (confirmationMail == null && Instant.now().isBefore(deadline)) {
      confirmationMail = SesMailbox.mails(workflow.cloud()).stream().filter(m -> m.to().contains(SUBSCRIBER))
          .map(m -> m.subject() + "\n" + m.text()).findFirst().orElse(null);
      Thread.sleep(250);
    }
    assertThat(confirmationMail).as("the confirmation mail in the SES emulator's mailbox").isNotNull();
    var link = CONFIRM_LINK.matcher(confirmationMail);
    assertThat(link.find()).as(confirmationMail).isTrue();
    // The mail links to the deployed site's host; locally the same path and query go to the local site.
    var confirm = BrowserScript.run("board-journey.mjs", JSON.createObjectNode().put("phase", "confirm")
        .put("confirmUrl", site.siteAddress().resolve(link.group().substring(1)).toString())
        .put("artifactDir", BrowserScript.ARTIFACTS.toString()), work);
    confirmation = confirm.report();
    stderr.append(confirm.stderr());

    var spec = JSON.createObjectNode().put("baseUrl", site.siteAddress().toString())
        .put("artifactDir", BrowserScript.ARTIFACTS.toString());
    var list = spec.putArray("pages");
    list.addObject().put("name", "finding-board").put("path", "ludvika/index.html")
        .set("texts", JSON.valueToTree(List.of("Hitta ett anslag", "Arkiv: nedtagna anslag", "Uppsatta 2024")));
    list.addObject().put("name", "finding-filtered").put("path", "ludvika/urval/alla/kommunstyrelsen/2025/index.html")
        .set("texts", JSON.valueToTree(List.of("Alla anslag från Kommunstyrelsen, uppsatta 2025", "2025-01-20")));
    list.addObject().put("name", "finding-all").put("path", "ludvika/urval/alla/alla/alla/index.html")
        .set("texts", JSON.valueToTree(List.of("Anslag i urvalet: 2", "Nedtaget 2024-03-13")));
    list.addObject().put("name", "finding-empty").put("path", "ludvika/urval/protokoll/kommunstyrelsen/2024/index.html")
        .set("texts", JSON.valueToTree(List.of("Inga anslag matchar.")));
    list.addObject().put("name", "finding-archive").put("path", "ludvika/arkiv/index.html")
        .set("texts", JSON.valueToTree(List.of("Arkiv: nedtagna anslag", "2024: 1 anslag")));
    list.addObject().put("name", "finding-archive-2024").put("path", "ludvika/arkiv/2024/index.html")
        .set("texts", JSON.valueToTree(List.of("Anslag nedtagna 2024", "Gemensamma servicenämnden")));
    var checked = BrowserScript.run("check-pages.mjs", spec, work);
    pages = checked.report();
    stderr.append(checked.stderr());
  }

  @AfterAll
  void stop() {
    if (site != null) {
      site.close();
    }
    if (workflow != null) {
      workflow.close();
    }
  }

  @Test
  void theJourneysRanWithoutAFailure() {
    for (var report : List.of(journey, confirmation, pages)) {
      assertThat(report.path("error").asText(null)).as("stderr:\n%s", stderr).isNull();
      var failures = new ArrayList<String>();
      report.path("failures").forEach(f -> failures.add(f.asText()));
      report.path("pages").forEach(p -> p.path("failures").forEach(f -> failures.add(p.path("name").asText() + ": " + f.asText())));
      assertThat(failures).as("stderr:\n%s", stderr).isEmpty();
      assertThat(report.path("ok").asBoolean()).isTrue();
    }
  }

  @Test
  void aResidentSubscribesByKeyboardAndConfirmsFromTheMail() {
    assertThat(journey.path("subscriptionLabel").asText()).isEqualTo("Din e-postadress");
    assertThat(journey.path("subscribed").path("status").asInt()).isEqualTo(200);
    assertThat(journey.path("subscribed").path("text").asText()).contains("Kontrollera din e-post", "Ludvika kommun")
        .doesNotContain(SUBSCRIBER);
    assertThat(confirmationMail).startsWith("Bekräfta din prenumeration på anslagen på Ludvika kommun")
        .contains("Om du inte har bett om det här behöver du inte göra något");
    assertThat(confirmation.path("confirmed").path("status").asInt()).isEqualTo(200);
    assertThat(confirmation.path("confirmed").path("text").asText()).contains("Prenumerationen är bekräftad");
  }

  @Test
  void theFilterFormLeadsToThePageOfTheChosenOrganAndYear() {
    var filtered = journey.path("filtered");
    assertThat(filtered.path("url").asText()).endsWith("/ludvika/urval/alla/kommunstyrelsen/2025/");
    assertThat(filtered.path("h1").asText()).isEqualTo("Alla anslag från Kommunstyrelsen, uppsatta 2025");
    assertThat(filtered.path("selected")).extracting(JsonNode::asText)
        .containsExactly("Alla slag", "Kommunstyrelsen", "2025");
    assertThat(filtered.path("rows")).extracting(JsonNode::asText).singleElement().asString()
        .contains("Kommunstyrelsen", "Protokoll", "2025-01-15", "2025-01-20", "Uppe");
  }

  @Test
  void theOrganLinkAndTheArchiveFindTheirNotices() {
    assertThat(journey.path("organ").path("url").asText()).endsWith("/ludvika/organ/kommunstyrelsen/index.html");
    assertThat(journey.path("organ").path("rows")).extracting(JsonNode::asText).singleElement().asString()
        .contains("Kommunstyrelsen", "2025-01-15");
    assertThat(journey.path("archiveYears")).extracting(JsonNode::asText).containsExactly("2024: 1 anslag");
    var year = journey.path("archiveYear");
    assertThat(year.path("url").asText()).endsWith("/ludvika/arkiv/2024/index.html");
    assertThat(year.path("h1").asText()).isEqualTo("Anslag nedtagna 2024");
    assertThat(year.path("rows")).extracting(JsonNode::asText).singleElement().asString()
        .contains("Gemensamma servicenämnden", "2024-02-14", "Nedtaget 2024-03-13");
  }

  @Test
  void everyPageReachedHasNoAxeViolations() {
    var states = new ArrayList<String>();
    for (var report : List.of(journey, confirmation)) {
      for (JsonNode state : report.path("states")) {
        states.add(state.path("name").asText());
        for (var viewport : List.of("desktop", "phone")) {
          var axe = state.path("viewports").path(viewport).path("axe");
          assertThat(axe.path("violations")).as("%s %s", state.path("name"), viewport).isEmpty();
          assertThat(axe.path("passes").asInt()).isPositive();
        }
      }
    }
    assertThat(states).containsExactly("subscription-answer", "filtered", "organ", "archive", "archive-year",
        "confirmed");
    assertThat(pages.path("pages")).hasSize(6).allSatisfy(page -> {
      for (var viewport : List.of("desktop", "phone")) {
        assertThat(page.path("viewports").path(viewport).path("axe").path("violations")).as(page.path("name").asText())
            .isEmpty();
        assertThat(page.path("viewports").path(viewport).path("keyboard").path("failures")).isEmpty();
      }
    });
  }
}
