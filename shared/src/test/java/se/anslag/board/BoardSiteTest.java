package se.anslag.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.anslag.board.SampleNotices.LUDVIKA;
import static se.anslag.board.SampleNotices.SMEDJEBACKEN;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import se.anslag.domain.Board;
import se.anslag.domain.TakedownPolicy;

/** The rendered board site: pages and addresses, escaping, the identity-number filter, byte-stable output. */
class BoardSiteTest {

  private static final String NOTICE_KEY = "ludvika/anslag/gemensamma-servicenamnden/2024-02-14/index.html";
  private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

  private final BoardSite site = new BoardSite();

  private Map<String, byte[]> renderLudvika(LocalDate today, BoardNotice... notices) {
    return site.render(List.of(LUDVIKA), Map.of("ludvika", List.of(notices)), today);
  }

  private static String text(Map<String, byte[]> files, String key) {
    assertThat(files).containsKey(key);
    return new String(files.get(key), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(TakedownPolicy.class)
  void noticeIsOnTheBoardFromPostingThroughTheLastAppealDay(TakedownPolicy policy) {
    BoardNotice notice = SampleNotices.gsn(policy);

    for (LocalDate day = LocalDate.parse("2024-02-20"); !day.isAfter(LocalDate.parse("2024-03-12"));
        day = day.plusDays(1)) {
      Map<String, byte[]> files = renderLudvika(day, notice);
      assertThat(text(files, NOTICE_KEY)).as("notice page on %s", day)
          .contains("Sista dag för överklagande").doesNotContain("Anslaget är nedtaget");
      assertThat(text(files, "ludvika/index.html")).as("board on %s", day).contains(NOTICE_KEY.substring(8));
    }
  }

  @ParameterizedTest
  @EnumSource(TakedownPolicy.class)
  void fromTheDayAfterTheLastAppealDayOnlyATakenDownPageRemains(TakedownPolicy policy) {
    BoardNotice notice = SampleNotices.gsn(policy);

    for (String day : List.of("2024-03-13", "2024-03-14", "2025-01-01")) {
      Map<String, byte[]> files = renderLudvika(LocalDate.parse(day), notice);
      String page = text(files, NOTICE_KEY);
      assertThat(page).contains("Anslaget är nedtaget")
          .contains("togs ned <time datetime=\"" + notice.dates().takedownOn() + "\">")
          .doesNotContain("Bokslut 2023", "2024/7", "Kanslienheten", "Smedjebacken");
      assertThat(text(files, "ludvika/index.html")).doesNotContain("anslag/gemensamma-servicenamnden");
    }
  }

  @Test
  void theBoardAndEachOrganPageHaveALabelledSubscriptionFormThatWorksWithoutScript() {
    Map<String, byte[]> files = renderLudvika(LocalDate.parse("2024-02-21"), SampleNotices.gsn());
    String board = text(files, "ludvika/index.html");
    String organ = text(files, "ludvika/organ/gemensamma-servicenamnden/index.html");

    for (String page : List.of(board, organ)) {
      assertThat(page).contains("<form method=\"post\" action=\"/api/subscriptions\">",
          "<input type=\"hidden\" name=\"board\" value=\"ludvika\">",
          "<label for=\"prenumerera-epost\">Din e-postadress</label>",
          "<input type=\"email\" id=\"prenumerera-epost\" name=\"email\" autocomplete=\"email\" required>")
          .doesNotContain("<script");
    }
    assertThat(board).doesNotContain("<input type=\"hidden\" name=\"organ\"");
    assertThat(organ).contains("<input type=\"hidden\" name=\"organ\" value=\"gemensamma-servicenamnden\">",
        "Prenumerera på Gemensamma servicenämnden</button>");
  }

  @Test
  void anOrganNameInTheSubscriptionFormIsEscaped() {
    BoardNotice hostile = SampleNotices.ordinary("h", "Nämnd <script>\"&", LocalDate.parse("2024-02-15"),
        LocalDate.parse("2024-02-19"));
    Map<String, byte[]> files = renderLudvika(LocalDate.parse("2024-02-21"), hostile);
    String organPage = files.keySet().stream().filter(k -> k.startsWith("ludvika/organ/")).findFirst()
        .map(k -> text(files, k)).orElseThrow();

    assertThat(organPage).contains("Prenumerera på Nämnd &lt;script&gt;&quot;&amp;</button>").doesNotContain("<script>");
  }

  @Test
  void noticeNotYetPostedProducesNoPage() {
    Map<String, byte[]> files = renderLudvika(LocalDate.parse("2024-02-19"), SampleNotices.gsn());

    assertThat(files).doesNotContainKey(NOTICE_KEY);
    assertThat(files.keySet()).noneMatch(key -> key.contains("gemensamma-servicenamnden"));
    assertThat(text(files, "ludvika/index.html")).contains("Det finns inga aktuella anslag");
    assertThat(text(files, "ludvika/anslag.atom")).doesNotContain("<entry>");
  }

  @Test
  void noticePageShowsEveryDateParagraphsStorageAndHowToAppeal() {
    String page = text(renderLudvika(LocalDate.parse("2024-02-21"), SampleNotices.gsn()), NOTICE_KEY);

    assertThat(page)
        .contains("<html lang=\"sv\">", "<meta charset=\"utf-8\">", "name=\"viewport\"")
        .contains("<dt>Sammanträdesdatum</dt><dd><time datetime=\"2024-02-14\">2024-02-14</time></dd>")
        .contains("<dt>Justeringsdatum</dt><dd><time datetime=\"2024-02-16\">2024-02-16</time></dd>")
        .contains("<dt>Anslaget uppsatt</dt><dd><time datetime=\"2024-02-20\">2024-02-20</time></dd>")
        .contains("<dt>Sista dag för överklagande</dt><dd><time datetime=\"2024-03-12\">2024-03-12</time></dd>")
        .contains("<dt>Tas ned</dt><dd><time datetime=\"2024-03-13\">2024-03-13</time></dd>")
        .contains("<dt>Förvaringsplats för protokollet</dt><dd>Kanslienheten, stadshuset Ludvika</dd>")
        .contains("<th scope=\"row\">§ 1</th><td>Begäran om överflyttning av investeringsmedel 2023-2024</td>"
            + "<td>2024/7</td>")
        .contains("§ 6", "Införande av Microsoft 365", "2024/9")
        .contains("laglighetsprövning", "förvaltningsrätten", "tre veckor")
        .contains("gemensam nämnd för Ludvika kommun och Smedjebackens kommun")
        .contains("href=\"#innehall\"", "<main id=\"innehall\">", "<header>", "<nav")
        .doesNotContain("<script", "Läs protokollet");
  }

  @Test
  void jointCommitteeAppealTimeRunsFromTheLatestPosting() {
    BoardNotice postedHereFirst = SampleNotices.withTexts(SampleNotices.gsn(), "Gemensamma servicenämnden",
        "gemensamma-servicenamnden", null, SampleNotices.PARAGRAPHS, null);
    BoardNotice notice = new BoardNotice(postedHereFirst.minutesId(), postedHereFirst.organ(),
        postedHereFirst.organSlug(), postedHereFirst.meetingDate(), postedHereFirst.adjustedOn(), null,
        postedHereFirst.paragraphs(), LocalDate.parse("2024-02-19"), postedHereFirst.dates(),
        postedHereFirst.policy(), postedHereFirst.cooperatingBoardNames(), null);

    String page = text(renderLudvika(LocalDate.parse("2024-02-19"), notice), NOTICE_KEY);

    assertThat(page)
        .contains("<dt>Anslaget uppsatt</dt><dd><time datetime=\"2024-02-19\">")
        .contains("<dt>Tiden för överklagande räknas från</dt><dd><time datetime=\"2024-02-20\">")
        .contains("den senaste av dagarna, <time datetime=\"2024-02-20\">2024-02-20</time>")
        .contains("<dt>Förvaringsplats för protokollet</dt><dd>Uppgift saknas");
  }

  @Test
  void sameDayPolicySaysTheNoticeStaysUpThroughTheDay() {
    String page = text(renderLudvika(LocalDate.parse("2024-03-12"), SampleNotices.gsn(TakedownPolicy.SAME_DAY)),
        NOTICE_KEY);

    assertThat(page).contains("<dt>Tas ned</dt><dd><time datetime=\"2024-03-12\">2024-03-12</time> (när dagen är slut)");
  }

  @Test
  void boardListsCurrentNoticesNewestPostingFirstWithOrganFilterPages() {
    BoardNotice older = SampleNotices.ordinary("a", "Kommunstyrelsen", LocalDate.parse("2024-02-01"),
        LocalDate.parse("2024-02-05"));
    BoardNotice newer = SampleNotices.ordinary("b", "Barn- och utbildningsnämnden", LocalDate.parse("2024-02-15"),
        LocalDate.parse("2024-02-19"));
    BoardNotice expired = SampleNotices.ordinary("c", "Kommunstyrelsen", LocalDate.parse("2024-01-02"),
        LocalDate.parse("2024-01-04"));

    Map<String, byte[]> files = renderLudvika(LocalDate.parse("2024-02-21"), older, newer, SampleNotices.gsn(), expired);

    String board = text(files, "ludvika/index.html");
    assertThat(board).containsSubsequence(
        "anslag/gemensamma-servicenamnden/2024-02-14/index.html",
        "anslag/barn-och-utbildningsnamnden/2024-02-15/index.html",
        "anslag/kommunstyrelsen/2024-02-01/index.html");
    assertThat(board).doesNotContain("2024-01-02/index.html")
        .contains("<th scope=\"col\" role=\"columnheader\">Sista dag för överklagande</th>",
            "<th scope=\"col\" role=\"columnheader\">Tas ned</th>")
        .contains("href=\"organ/kommunstyrelsen/index.html\">Kommunstyrelsen (1)</a>");
    String organPage = text(files, "ludvika/organ/kommunstyrelsen/index.html");
    assertThat(organPage).contains("../../anslag/kommunstyrelsen/2024-02-01/index.html")
        .doesNotContain("barn-och-utbildningsnamnden/2024-02-15", "2024-01-02/index.html");
    assertThat(text(files, "ludvika/anslag/kommunstyrelsen/2024-01-02/index.html")).contains("Anslaget är nedtaget");
  }

  @Test
  void organPageStaysWhenTheOrganHasNoCurrentNotice() {
    Map<String, byte[]> files = renderLudvika(LocalDate.parse("2024-04-01"), SampleNotices.gsn());

    assertThat(text(files, "ludvika/organ/gemensamma-servicenamnden/index.html"))
        .contains("Det finns inga aktuella anslag");
  }

  @Test
  void secondMinutesOfTheSameMeetingGetTheirOwnStableAddress() {
    BoardNotice first = SampleNotices.ordinary("zzz", "Kommunstyrelsen", LocalDate.parse("2024-02-01"),
        LocalDate.parse("2024-02-05"));
    BoardNotice immediate = new BoardNotice("aaa", first.organ(), first.organSlug(), first.meetingDate(),
        first.adjustedOn().plusDays(3), null, first.paragraphs(), LocalDate.parse("2024-02-08"), first.dates(),
        first.policy(), List.of(), null);

    Map<String, byte[]> beforeSecondIsPosted = renderLudvika(LocalDate.parse("2024-02-06"), first, immediate);
    Map<String, byte[]> afterSecondIsPosted = renderLudvika(LocalDate.parse("2024-02-09"), immediate, first);

    assertThat(beforeSecondIsPosted).containsKey("ludvika/anslag/kommunstyrelsen/2024-02-01/index.html")
        .doesNotContainKey("ludvika/anslag/kommunstyrelsen/2024-02-01-2/index.html");
    assertThat(afterSecondIsPosted).containsKey("ludvika/anslag/kommunstyrelsen/2024-02-01/index.html")
        .containsKey("ludvika/anslag/kommunstyrelsen/2024-02-01-2/index.html");
    assertThat(text(afterSecondIsPosted, "ludvika/anslag/kommunstyrelsen/2024-02-01-2/index.html"))
        .contains("<time datetime=\"2024-02-08\">");
  }

  @Test
  void hostileTextsAreEscapedEverywhere() {
    BoardNotice hostile = SampleNotices.withTexts(SampleNotices.gsn(),
        "<script>alert(\"organ\")</script>",
        "../../<script>",
        "javascript:alert('x') \"><img src=x onerror=alert(1)>",
        List.of(new ParagraphSummary(1, "<b>2024/7</b>", "Titel \" onmouseover=\"alert(1)\" & <iframe>")),
        "javascript:alert(document.cookie)");
    Board hostileBoard = new Board("ludvika", "Ludvika <kommun> & \"co\"");

    Map<String, byte[]> files = site.render(List.of(hostileBoard), Map.of("ludvika", List.of(hostile)),
        LocalDate.parse("2024-02-21"));

    assertThat(files.keySet()).allMatch(key -> key.matches("[a-z0-9./-]+"));
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String content = new String(file.getValue(), StandardCharsets.UTF_8);
      assertThat(content).as(file.getKey())
          .doesNotContain("<script", "<img", "<iframe", "<b>", "<kommun>", "javascript:alert(document");
      // In JSON the quote is written \"; in Atom's element text it is plain text, and the XML writer
      // writes it &quot; in attributes: in neither can it end an attribute.
      if (file.getKey().endsWith(".html")) {
        assertThat(content).as(file.getKey()).doesNotContain("\" onmouseover");
      }
      Matcher href = HREF.matcher(content);
      while (href.find()) {
        assertThat(href.group(1)).as("link in %s", file.getKey()).matches("[a-z0-9./#-]+");
      }
    }
    assertThat(text(files, "ludvika/anslag.atom"))
        .contains("label=\"&lt;script&gt;alert(&quot;organ&quot;)&lt;/script&gt;\"");
    String page = text(files, "ludvika/anslag/script/2024-02-14/index.html");
    assertThat(page).contains("&lt;script&gt;alert(&quot;organ&quot;)&lt;/script&gt;")
        .contains("javascript:alert(&#39;x&#39;) &quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
        .contains("Titel &quot; onmouseover=&quot;alert(1)&quot; &amp; &lt;iframe&gt;")
        .doesNotContain("Läs protokollet");
  }

  @Test
  void minutesDocumentIsLinkedOnlyWhenSetAndSafe() {
    BoardNotice withDocument = SampleNotices.withTexts(SampleNotices.gsn(), "Gemensamma servicenämnden",
        "gemensamma-servicenamnden", "Stadshuset", SampleNotices.PARAGRAPHS, "https://example.org/p/gsn.pdf?a=1&b=2");

    String page = text(renderLudvika(LocalDate.parse("2024-02-21"), withDocument), NOTICE_KEY);

    assertThat(page).contains("<a href=\"https://example.org/p/gsn.pdf?a=1&amp;b=2\">Läs protokollet</a>");
    assertThat(BoardSite.safeDocumentUrl("/protokoll/gsn.pdf")).isEqualTo("/protokoll/gsn.pdf");
    assertThat(BoardSite.safeDocumentUrl("JavaScript:alert(1)")).isNull();
    assertThat(BoardSite.safeDocumentUrl(" javascript:alert(1)")).isNull();
    assertThat(BoardSite.safeDocumentUrl("data:text/html,<script>")).isNull();
    assertThat(BoardSite.safeDocumentUrl("//evil.example/x")).isNull();
    assertThat(BoardSite.safeDocumentUrl("java\tscript:alert(1)")).isNull();
    assertThat(BoardSite.safeDocumentUrl("https://example.org/\"onmouseover=x")).isNull();
  }

  @Test
  void identityNumbersNeverReachAnyFile() {
    BoardNotice leaky = SampleNotices.withTexts(SampleNotices.gsn(),
        "Socialnämnden 19850709-1234",
        "socialnamnden",
        "Hos handläggare 850709+1234",
        List.of(
            new ParagraphSummary(1, "2024/7", "Ansökan från 8112189876 om bistånd"),
            new ParagraphSummary(2, "850769-1234", "Bokslut 2023, utfall 5 549,8 tkr")),
        null);
    Board board = new Board("ludvika", "Ludvika kommun 198507091234");

    for (String day : List.of("2024-02-21", "2024-03-20")) {
      Map<String, byte[]> files = site.render(List.of(board), Map.of("ludvika", List.of(leaky)), LocalDate.parse(day));

      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        String content = new String(file.getValue(), StandardCharsets.UTF_8);
        assertThat(PersonalIdentityNumbers.contains(content)).as("%s on %s", file.getKey(), day).isFalse();
        assertThat(content).doesNotContain("850709").doesNotContain("811218");
      }
    }
    String page = text(site.render(List.of(board), Map.of("ludvika", List.of(leaky)), LocalDate.parse("2024-02-21")),
        "ludvika/anslag/socialnamnden/2024-02-14/index.html");
    assertThat(page).contains("Ansökan från [personnummer borttaget] om bistånd", "utfall 5 549,8 tkr", "2024/7");
  }

  @Test
  void everyWrittenFormOfAnIdentityNumberIsRedactedInPageFeedAndJsonAndEveryOtherFigureKept() throws Exception {
    var forms = WrittenIdentityNumbers.all();
    var titles = new LinkedHashMap<Integer, WrittenIdentityNumbers.WrittenForm>();
    var paragraphs = new ArrayList<ParagraphSummary>();
    for (int i = 0; i < forms.size(); i++) {
      titles.put(i + 1, forms.get(i));
      paragraphs.add(new ParagraphSummary(i + 1, "2024/" + (i + 1), forms.get(i).text()));
    }
    BoardNotice notice = SampleNotices.withTexts(SampleNotices.gsn(), "Gemensamma servicenämnden",
        "gemensamma-servicenamnden", "Kanslienheten, stadshuset Ludvika", paragraphs, null);

    WrittenFormsOnTheBoard.check(renderLudvika(LocalDate.parse("2024-02-21"), notice), "ludvika", NOTICE_KEY, titles);
  }

  @Test
  void sameRecordsAndDayGiveByteIdenticalFilesWhateverTheInputOrder() {
    List<BoardNotice> notices = new ArrayList<>(List.of(
        SampleNotices.gsn(),
        SampleNotices.ordinary("a", "Kommunstyrelsen", LocalDate.parse("2024-02-01"), LocalDate.parse("2024-02-05")),
        SampleNotices.ordinary("b", "Kommunfullmäktige", LocalDate.parse("2024-02-12"), LocalDate.parse("2024-02-20")),
        SampleNotices.ordinary("c", "Kommunstyrelsen", LocalDate.parse("2024-01-02"), LocalDate.parse("2024-01-04"))));
    LocalDate today = LocalDate.parse("2024-02-21");
    Map<String, List<BoardNotice>> ordered = new LinkedHashMap<>();
    ordered.put("ludvika", notices);
    ordered.put("smedjebacken", List.of(SampleNotices.gsn()));

    Map<String, byte[]> first = site.render(List.of(LUDVIKA, SMEDJEBACKEN), ordered, today);
    List<BoardNotice> reversed = new ArrayList<>(notices);
    Collections.reverse(reversed);
    Map<String, List<BoardNotice>> hashed = new HashMap<>();
    hashed.put("smedjebacken", List.of(SampleNotices.gsn()));
    hashed.put("ludvika", reversed);
    Map<String, byte[]> second = site.render(List.of(SMEDJEBACKEN, LUDVIKA), hashed, today);

    assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
    for (String key : first.keySet()) {
      assertThat(second.get(key)).as(key).isEqualTo(first.get(key));
    }
    assertThat(List.copyOf(first.keySet())).isSorted();
  }

  @Test
  void siteIndexListsBoardsByName() {
    Map<String, byte[]> files = site.render(List.of(SMEDJEBACKEN, LUDVIKA), Map.of(), LocalDate.parse("2024-02-21"));

    assertThat(text(files, "index.html")).containsSubsequence(
        "<a href=\"ludvika/index.html\">Ludvika kommun</a>",
        "<a href=\"smedjebacken/index.html\">Smedjebackens kommun</a>");
    assertThat(files).containsKeys("ludvika/index.html", "smedjebacken/index.html", "ludvika/anslag.atom",
        "smedjebacken/anslag.json");
  }

  @Test
  void fiftyNoticesGiveABoardIndexUnder100Kilobytes() {
    List<BoardNotice> notices = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      LocalDate meeting = LocalDate.parse("2024-02-01").plusDays(i % 20);
      notices.add(SampleNotices.ordinary("m" + i, "Nämnd nummer " + (i % 7) + " med ett ganska långt namn",
          meeting, meeting.plusDays(3)));
    }

    Map<String, byte[]> files = site.render(List.of(LUDVIKA), Map.of("ludvika", notices), LocalDate.parse("2024-02-24"));

    String board = text(files, "ludvika/index.html");
    assertThat(board).contains("Aktuella anslag <time datetime=\"2024-02-24\">2024-02-24</time>: 50");
    assertThat(files.get("ludvika/index.html").length).isLessThan(100 * 1024);
  }

  @Test
  void rejectsInconsistentInput() {
    assertThatThrownBy(() -> site.render(List.of(LUDVIKA, LUDVIKA), Map.of(), LocalDate.parse("2024-02-21")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> site.render(List.of(LUDVIKA), Map.of("falun", List.of()), LocalDate.parse("2024-02-21")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> renderLudvika(LocalDate.parse("2024-02-21"), SampleNotices.gsn(), SampleNotices.gsn()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Board("../x", "X")).isInstanceOf(IllegalArgumentException.class);
  }
}
