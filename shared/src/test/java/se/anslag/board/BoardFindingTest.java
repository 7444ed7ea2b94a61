package se.anslag.board;

import static org.assertj.core.api.Assertions.assertThat;
import static se.anslag.board.SampleNotices.LUDVIKA;
import static se.anslag.board.SampleNotices.ordinary;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Finding a notice on a static board: filter pages per kind, organ and year, pages of a long list, the archive. */
class BoardFindingTest {

  private static final LocalDate TODAY = LocalDate.parse("2025-03-20");
  /** Two notices a page, so that three make two pages. */
  private final BoardSite site = new BoardSite(30, 2);

  private Map<String, byte[]> render(BoardNotice... notices) {
    return site.render(List.of(LUDVIKA), Map.of("ludvika", List.of(notices)), TODAY);
  }

  private static String text(Map<String, byte[]> files, String key) {
    assertThat(files).containsKey(key);
    return new String(files.get(key), StandardCharsets.UTF_8);
  }

  /** Kommunstyrelsen 2024-11-04 (down 2024-11-29), Kommunstyrelsen 2025-03-03 (up), Bygg- och miljönämnden 2025-02-10 (down 2025-03-07). */
  private Map<String, byte[]> threeNotices() {
    return render(
        ordinary("ks-2024-11", "Kommunstyrelsen", LocalDate.parse("2024-11-04"), LocalDate.parse("2024-11-07")),
        ordinary("ks-2025-03", "Kommunstyrelsen", LocalDate.parse("2025-03-03"), LocalDate.parse("2025-03-06")),
        ordinary("bmn-2025-02", "Bygg- och miljönämnden", LocalDate.parse("2025-02-10"), LocalDate.parse("2025-02-13")));
  }

  @Test
  void everyCombinationTheFormOffersIsAPageEmptyOnesToo() {
    var files = threeNotices();

    // kinds {alla, protokoll} x organs {alla, bygg-och-miljonamnden, kommunstyrelsen} x years {alla, 2025, 2024}
    assertThat(files.keySet().stream().filter(k -> k.startsWith("ludvika/urval/") && !k.contains("/sida-")))
        .hasSize(18)
        .contains("ludvika/urval/alla/alla/alla/index.html", "ludvika/urval/protokoll/kommunstyrelsen/2024/index.html",
            "ludvika/urval/alla/bygg-och-miljonamnden/2024/index.html");
    assertThat(text(files, "ludvika/urval/alla/bygg-och-miljonamnden/2024/index.html")).contains("Inga anslag matchar.");
  }

  @Test
  void aFilterPageListsCurrentAndTakenDownNoticesOfItsChoiceNewestPostingFirst() {
    var files = threeNotices();

    var page = text(files, "ludvika/urval/protokoll/kommunstyrelsen/alla/index.html");

    assertThat(page).contains("<h1>Protokoll från Kommunstyrelsen</h1>",
        "<caption id=\"lista\">Anslag i urvalet: 2</caption>",
        "<a href=\"../../../../anslag/kommunstyrelsen/2025-03-03/index.html\">",
        "Nedtaget <time datetime=\"2024-11-29\">2024-11-29</time>")
        .doesNotContain("Bygg- och miljönämnden<span");
    assertThat(page.indexOf("2025-03-03")).isLessThan(page.indexOf("2024-11-04"));
    assertThat(page).contains("<option value=\"kommunstyrelsen\" selected>Kommunstyrelsen</option>",
        "<option value=\"protokoll\" selected>Protokoll</option>", "<option value=\"alla\" selected>Alla år</option>");
  }

  @Test
  void aLongListGoesOnOverPagesThatLinkToEachOther() {
    var files = threeNotices();

    var first = text(files, "ludvika/urval/alla/alla/alla/index.html");
    var second = text(files, "ludvika/urval/alla/alla/alla/sida-2/index.html");

    assertThat(first).contains("Anslag i urvalet: 3, 1–2 visas", "<a href=\"sida-2/index.html\" rel=\"next\">Nästa sida</a>",
        "aria-current=\"page\">Sida 1</a>", "sida 1 av 2");
    assertThat(second).contains("Anslag i urvalet: 3, 3–3 visas", "<a href=\"../index.html\" rel=\"prev\">Föregående sida</a>",
        "2024-11-04").doesNotContain("2025-03-03");
    assertThat(files).doesNotContainKey("ludvika/urval/alla/alla/alla/sida-3/index.html");
  }

  @Test
  void theBoardPageHasAGetFormAndPlainLinksPerYearAndToTheArchive() {
    var page = text(threeNotices(), "ludvika/index.html");

    assertThat(page).contains("<form method=\"get\" action=\"sok/index.html\">",
        "<label for=\"hitta-organ\">Organ</label>", "<select id=\"hitta-organ\" name=\"organ\">",
        "<option value=\"bygg-och-miljonamnden\">Bygg- och miljönämnden</option>",
        "<select id=\"hitta-ar\" name=\"ar\">", "<option value=\"2024\">2024</option>",
        "<a href=\"urval/alla/alla/2025/index.html\">Uppsatta 2025</a>",
        "<a href=\"arkiv/index.html\">Arkiv: nedtagna anslag</a>")
        .doesNotContain("<script");
  }

  @Test
  void takenDownNoticesAreInTheArchiveOfTheYearTheyCameDown() {
    var files = threeNotices();

    assertThat(text(files, "ludvika/arkiv/index.html")).contains(
        "<a href=\"2025/index.html\">2025</a>: 1 anslag", "<a href=\"2024/index.html\">2024</a>: 1 anslag");
    var year2025 = text(files, "ludvika/arkiv/2025/index.html");
    assertThat(year2025).contains("<h1>Anslag nedtagna 2025</h1>", "Bygg- och miljönämnden",
        "Nedtaget <time datetime=\"2025-03-07\">2025-03-07</time>",
        "<a href=\"../../anslag/bygg-och-miljonamnden/2025-02-10/index.html\">")
        .doesNotContain("2025-03-03");
    assertThat(text(files, "ludvika/arkiv/2024/index.html")).contains("2024-11-04").doesNotContain("2025-02-10");
  }

  @Test
  void aBoardWithoutNoticesHasAnEmptyArchiveAndOneFilterPage() {
    var files = render();

    assertThat(text(files, "ludvika/arkiv/index.html")).contains("Inga anslag har tagits ned.");
    assertThat(files.keySet().stream().filter(k -> k.startsWith("ludvika/urval/")))
        .containsExactly("ludvika/urval/alla/alla/alla/index.html");
  }

  @Test
  void organNamesInTheFormAndListsAreEscaped() {
    var files = render(ordinary("x", "<b>Nämnd</b> & \"co\"", LocalDate.parse("2025-03-03"), LocalDate.parse("2025-03-06")));

    for (var key : List.of("ludvika/index.html", "ludvika/urval/alla/alla/alla/index.html")) {
      assertThat(text(files, key)).doesNotContain("<b>Nämnd").contains("&lt;b&gt;Nämnd&lt;/b&gt; &amp; &quot;co&quot;");
    }
  }
}
