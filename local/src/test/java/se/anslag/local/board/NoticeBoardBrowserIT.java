package se.anslag.local.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import se.anslag.domain.Board;
import se.anslag.board.BoardNotice;
import se.anslag.board.BoardSite;
import se.anslag.board.ParagraphSummary;
import se.anslag.domain.NoticeDates;
import se.anslag.calendar.NoticeSchedule;
import se.anslag.domain.TakedownPolicy;
import se.anslag.local.BrowserScript;

/**
 * The sample notice (Gemensamma servicenämnden 2024-02-14) on the boards of Ludvika and Smedjebacken, rendered
 * by {@link BoardSite}, served on 127.0.0.1 and checked in Debian's headless Chromium by
 * {@code local/browser-tests/check-pages.mjs}: Swedish language, the right dates visible, zero axe-core WCAG 2.1
 * A/AA violations, usable by keyboard alone, no sideways scrolling on a 390 px phone. Screenshots go to
 * {@code local/target/browser-artifacts/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoticeBoardBrowserIT {

  private static final LocalDate UP = LocalDate.parse("2024-02-21");
  private static final LocalDate TAKEN_DOWN = LocalDate.parse("2024-03-13");
  private static final String NOTICE_PAGE = "anslag/gemensamma-servicenamnden/2024-02-14/index.html";
  private static final Path ARTIFACTS = BrowserScript.ARTIFACTS;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path work;
  private StaticSiteServer server;
  private JsonNode report;
  private String nodeErrors;

  @BeforeAll
  void renderServeAndCheckInChromium(@TempDir Path work) throws Exception {
    this.work = work;
    Path site = Files.createDirectories(work.resolve("site"));
    writeSite(site.resolve(UP.toString()), UP);
    writeSite(site.resolve(TAKEN_DOWN.toString()), TAKEN_DOWN);
    server = new StaticSiteServer(site);
    report = runPageChecks(pageSpecs());
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyPageWasChecked() {
    assertThat(report.path("error").asText(null)).as("check-pages.mjs error; stderr:\n%s", nodeErrors).isNull();
    assertThat(pages()).hasSize(pageSpecs().size());
    for (JsonNode page : pages()) {
      assertThat(page.path("viewports").has("desktop")).as(page.path("name").asText()).isTrue();
      assertThat(page.path("viewports").has("phone")).as(page.path("name").asText()).isTrue();
    }
  }

  @Test
  void axeFindsNoWcag21AaViolations() {
    List<String> violations = new ArrayList<>();
    forEachViewport((name, viewport, result) -> {
      for (JsonNode violation : result.path("axe").path("violations")) {
        violations.add(name + " (" + viewport + "): " + violation.path("id").asText() + " – "
            + violation.path("help").asText() + " at " + violation.path("nodes"));
      }
      assertThat(result.path("axe").path("passes").asInt()).as("axe ran on %s (%s)", name, viewport).isPositive();
    });
    assertThat(violations).as("axe-core violations").isEmpty();
  }

  @Test
  void pagesAreSwedishAndShowTheirDates() {
    forEachViewport((name, viewport, result) -> {
      assertThat(result.path("lang").asText()).as("lang of %s", name).isEqualTo("sv");
      for (JsonNode text : result.path("texts")) {
        boolean wrong = text.path("absent").asBoolean() ? text.path("present").asBoolean()
            : !text.path("visible").asBoolean();
        assertThat(wrong).as("%s (%s): %s %s", name, viewport, text.path("absent").asBoolean()
            ? "shows" : "does not show", text.path("text").asText()).isFalse();
      }
    });
  }

  @Test
  void pagesWorkByKeyboardAlone() {
    forEachViewport((name, viewport, result) -> {
      JsonNode keyboard = result.path("keyboard");
      assertThat(keyboard.path("failures")).as("%s (%s) keyboard", name, viewport).isEmpty();
      assertThat(keyboard.path("skipLink").path("isFirst").asBoolean()).as("%s skip link first", name).isTrue();
      assertThat(keyboard.path("skipLink").path("movesToMain").asBoolean()).as("%s skip link", name).isTrue();
      assertThat(keyboard.path("unreachableLinks")).as("%s unreachable links", name).isEmpty();
      assertThat(keyboard.path("tabStops").asInt()).as("%s tab stops", name).isGreaterThan(1);
    });
  }

  @Test
  void pagesFitAPhoneScreenWithoutSidewaysScrolling() {
    for (JsonNode page : pages()) {
      assertThat(page.path("viewports").path("phone").path("horizontalOverflowPx").asInt())
          .as("sideways overflow of %s at 390 px", page.path("name").asText()).isZero();
    }
  }

  @Test
  void everyPageLeftAScreenshotPerViewport() {
    for (JsonNode page : pages()) {
      List<String> screenshots = new ArrayList<>();
      page.path("screenshots").forEach(screenshot -> screenshots.add(screenshot.asText()));
      String name = page.path("name").asText();
      // A full page and the focused skip link, on a desktop and on a phone.
      assertThat(screenshots).as(name).containsExactlyInAnyOrder(
          ARTIFACTS.resolve(name + "-desktop.png").toString(),
          ARTIFACTS.resolve(name + "-desktop-skip-link.png").toString(),
          ARTIFACTS.resolve(name + "-phone.png").toString(),
          ARTIFACTS.resolve(name + "-phone-skip-link.png").toString());
      screenshots.forEach(screenshot -> assertThat(Path.of(screenshot)).isRegularFile());
    }
  }

  @Test
  void theCheckerReportsNoOtherFailure() {
    for (JsonNode page : pages()) {
      assertThat(page.path("failures")).as(page.path("name").asText()).isEmpty();
    }
    assertThat(report.path("ok").asBoolean()).isTrue();
  }

  // --- the sample ---

  private static final Board LUDVIKA = new Board("ludvika", "Ludvika kommun");
  private static final Board SMEDJEBACKEN = new Board("smedjebacken", "Smedjebackens kommun");

  /** The sample minutes as one board shows them: posted on both boards on 2024-02-20, default policy. */
  private static BoardNotice sampleNotice(Board otherBoard) {
    LocalDate posted = LocalDate.parse("2024-02-20");
    NoticeDates dates = NoticeSchedule.forPostings(List.of(posted, posted), TakedownPolicy.NEXT_DAY);
    return new BoardNotice(
        "sha256-gsn-2024-02-14",
        "Gemensamma servicenämnden",
        "gemensamma-servicenamnden",
        LocalDate.parse("2024-02-14"),
        LocalDate.parse("2024-02-19"),
        "kanslienheten, stadshuset Ludvika",
        List.of(
            new ParagraphSummary(1, "2024/7", "Begäran om överflyttning av investeringsmedel 2023-2024"),
            new ParagraphSummary(2, "2024/6", "Bokslut 2023"),
            new ParagraphSummary(3, "2024/5", "Driftbudget och fördelningsnyckel 2025"),
            new ParagraphSummary(4, "2024/8", "Investeringsbudget 2025"),
            new ParagraphSummary(5, "2024/2", "Information från verksamheten"),
            new ParagraphSummary(6, "2024/9", "Införande av Microsoft 365")),
        posted,
        dates,
        TakedownPolicy.NEXT_DAY,
        List.of(otherBoard.name()),
        null);
  }

  private static void writeSite(Path folder, LocalDate today) throws IOException {
    SortedMap<String, byte[]> files = new BoardSite().render(
        List.of(LUDVIKA, SMEDJEBACKEN),
        Map.of(LUDVIKA.id(), List.of(sampleNotice(SMEDJEBACKEN)), SMEDJEBACKEN.id(), List.of(sampleNotice(LUDVIKA))),
        today);
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path target = folder.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, file.getValue());
    }
  }

  private static List<ObjectNode> pageSpecs() {
    String up = UP + "/";
    String down = TAKEN_DOWN + "/";
    List<String> boardDates =
        List.of("Gemensamma servicenämnden", "2024-02-14", "2024-02-20", "2024-03-12", "2024-03-13");
    return List.of(
        page(up + "site-index", up + "index.html",
            List.of("Ludvika kommun", "Smedjebackens kommun", "2024-02-21"), Map.of(), List.of()),
        page(up + "ludvika-board", up + "ludvika/index.html", boardDates, Map.of(), List.of()),
        page(up + "smedjebacken-board", up + "smedjebacken/index.html", boardDates, Map.of(), List.of()),
        page(up + "ludvika-organ", up + "ludvika/organ/gemensamma-servicenamnden/index.html", boardDates,
            Map.of(), List.of()),
        page(up + "ludvika-notice", up + "ludvika/" + NOTICE_PAGE,
            List.of("Begäran om överflyttning av investeringsmedel 2023-2024", "Införande av Microsoft 365"),
            noticeDefinitions(), List.of()),
        page(up + "smedjebacken-notice", up + "smedjebacken/" + NOTICE_PAGE, List.of("Bokslut 2023"),
            noticeDefinitions(), List.of()),
        page(down + "ludvika-taken-down", down + "ludvika/" + NOTICE_PAGE,
            List.of("Anslaget är nedtaget", "togs ned 2024-03-13", "gick ut 2024-03-12"), Map.of(),
            List.of("Bokslut 2023", "kanslienheten")),
        page(down + "ludvika-board", down + "ludvika/index.html",
            List.of("Det finns inga aktuella anslag 2024-03-13"), Map.of(),
            // No current notice and no organ link; the organ stays a choice of the finding form, whose
            // lists and archive still hold the notice taken down.
            List.of("sammanträde 2024-02-14", "Gemensamma servicenämnden (1)")));
  }

  private static Map<String, String> noticeDefinitions() {
    return Map.of(
        "Sammanträdesdatum", "2024-02-14",
        "Justeringsdatum", "2024-02-19",
        "Anslaget uppsatt", "2024-02-20",
        "Tiden för överklagande räknas från", "2024-02-20",
        "Sista dag för överklagande", "2024-03-12",
        "Tas ned", "2024-03-13",
        "Förvaringsplats för protokollet", "kanslienheten, stadshuset Ludvika");
  }

  private static ObjectNode page(
      String name, String path, List<String> texts, Map<String, String> definitions, List<String> absent) {
    ObjectNode page = JSON.createObjectNode();
    page.put("name", name.replace('/', '-'));
    page.put("path", path);
    texts.forEach(page.putArray("texts")::add);
    ObjectNode terms = page.putObject("definitions");
    definitions.forEach(terms::put);
    absent.forEach(page.putArray("absent")::add);
    return page;
  }

  // --- running check-pages.mjs ---

  private JsonNode runPageChecks(List<ObjectNode> pages) throws Exception {
    ObjectNode spec = JSON.createObjectNode();
    spec.put("baseUrl", server.baseUrl().toString());
    spec.put("artifactDir", ARTIFACTS.toString());
    ArrayNode list = spec.putArray("pages");
    pages.forEach(list::add);
    var result = BrowserScript.run("check-pages.mjs", spec, work);
    nodeErrors = result.stderr();
    return result.report();
  }

  private List<JsonNode> pages() {
    List<JsonNode> pages = new ArrayList<>();
    report.path("pages").forEach(pages::add);
    return pages;
  }

  private interface ViewportCheck {
    void check(String page, String viewport, JsonNode result);
  }

  private void forEachViewport(ViewportCheck check) {
    assertThat(pages()).isNotEmpty();
    for (JsonNode page : pages()) {
      page.path("viewports").properties()
          .forEach(viewport -> check.check(page.path("name").asText(), viewport.getKey(), viewport.getValue()));
    }
  }
}
