package se.anslag.board;

import static org.assertj.core.api.Assertions.assertThat;
import static se.anslag.board.SampleNotices.LUDVIKA;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The board's Atom and JSON feeds: their shape, withdrawn entries, hostile texts. */
class BoardFeedsTest {

  private static final String ATOM = "http://www.w3.org/2005/Atom";

  private final BoardSite site = new BoardSite();

  private Map<String, byte[]> render(LocalDate today, BoardNotice... notices) {
    return site.render(List.of(LUDVIKA), Map.of("ludvika", List.of(notices)), today);
  }

  private static Document parseXml(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  private static String childText(Element parent, String name) {
    return parent.getElementsByTagNameNS(ATOM, name).item(0).getTextContent();
  }

  @Test
  void atomFeedIsAtomXmlWithOneEntryPerCurrentNotice() throws Exception {
    Document feed = parseXml(render(LocalDate.parse("2024-02-21"), SampleNotices.gsn()).get("ludvika/anslag.atom"));

    Element root = feed.getDocumentElement();
    assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
    assertThat(root.getLocalName()).isEqualTo("feed");
    assertThat(childText(root, "id")).startsWith("urn:uuid:");
    assertThat(childText(root, "updated")).isEqualTo("2024-02-20T00:00:00+01:00");
    NodeList entries = root.getElementsByTagNameNS(ATOM, "entry");
    assertThat(entries.getLength()).isEqualTo(1);
    Element entry = (Element) entries.item(0);
    assertThat(childText(entry, "title")).isEqualTo("Gemensamma servicenämnden, sammanträde 2024-02-14");
    assertThat(childText(entry, "summary")).contains("Sista dag för överklagande 2024-03-12", "Tas ned 2024-03-13",
        "§ 1 Begäran om överflyttning av investeringsmedel 2023-2024 (Dnr 2024/7)");
    Element link = (Element) entry.getElementsByTagNameNS(ATOM, "link").item(0);
    assertThat(link.getAttribute("href")).isEqualTo("anslag/gemensamma-servicenamnden/2024-02-14/index.html");
    assertThat(kindCategories(entry)).containsExactly("protokoll Protokoll");
  }

  /** The entry's categories of the kind scheme, each as "term label". */
  private static List<String> kindCategories(Element entry) {
    NodeList categories = entry.getElementsByTagNameNS(ATOM, "category");
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < categories.getLength(); i++) {
      Element category = (Element) categories.item(i);
      if (category.getAttribute("scheme").equals("urn:anslag:slag")) {
        kinds.add(category.getAttribute("term") + " " + category.getAttribute("label"));
      }
    }
    return kinds;
  }

  @Test
  void takenDownNoticeStaysInTheFeedMarkedWithdrawnWithTheSameId() throws Exception {
    Element current = (Element) parseXml(render(LocalDate.parse("2024-03-12"), SampleNotices.gsn())
        .get("ludvika/anslag.atom")).getElementsByTagNameNS(ATOM, "entry").item(0);
    Element withdrawn = (Element) parseXml(render(LocalDate.parse("2024-03-13"), SampleNotices.gsn())
        .get("ludvika/anslag.atom")).getElementsByTagNameNS(ATOM, "entry").item(0);

    assertThat(childText(withdrawn, "id")).isEqualTo(childText(current, "id"));
    assertThat(childText(withdrawn, "title")).startsWith("Nedtaget: ");
    assertThat(childText(withdrawn, "summary")).isEqualTo("Nedtaget 2024-03-13");
    assertThat(childText(withdrawn, "updated")).isEqualTo("2024-03-13T00:00:00+01:00");
    Element state = (Element) withdrawn.getElementsByTagNameNS(ATOM, "category").item(0);
    assertThat(state.getAttribute("term")).isEqualTo("nedtaget");
    assertThat(kindCategories(withdrawn)).containsExactly("protokoll Protokoll");
  }

  @Test
  void withdrawnEntriesLeaveTheFeedsAfterThirtyDays() throws Exception {
    LocalDate lastListed = LocalDate.parse("2024-03-13").plusDays(BoardSite.DEFAULT_WITHDRAWN_LISTED_DAYS - 1);

    Map<String, byte[]> stillListed = render(lastListed, SampleNotices.gsn());
    Map<String, byte[]> gone = render(lastListed.plusDays(1), SampleNotices.gsn());

    assertThat(parseXml(stillListed.get("ludvika/anslag.atom")).getElementsByTagNameNS(ATOM, "entry").getLength())
        .isEqualTo(1);
    assertThat(parseXml(gone.get("ludvika/anslag.atom")).getElementsByTagNameNS(ATOM, "entry").getLength())
        .isZero();
    assertThat(new ObjectMapper().readTree(gone.get("ludvika/anslag.json")).get("data")).isEmpty();
    assertThat(gone).containsKey("ludvika/anslag/gemensamma-servicenamnden/2024-02-14/index.html");
  }

  @Test
  void atomFeedWithHostileTextsStillParses() throws Exception {
    BoardNotice hostile = SampleNotices.withTexts(SampleNotices.gsn(), "A & B <nämnd> ]]> \u0001",
        "a-b", "\"'<>&", List.of(new ParagraphSummary(1, null, "<![CDATA[x]]> &amp;")), null);

    Document feed = parseXml(render(LocalDate.parse("2024-02-21"), hostile).get("ludvika/anslag.atom"));

    Element entry = (Element) feed.getElementsByTagNameNS(ATOM, "entry").item(0);
    assertThat(childText(entry, "title")).isEqualTo("A & B <nämnd> ]]>, sammanträde 2024-02-14");
    assertThat(childText(entry, "summary")).contains("§ 1 <![CDATA[x]]> &amp;.");
  }

  @Test
  void jsonFeedHasTheDocumentedShape() throws Exception {
    BoardNotice withDocument = SampleNotices.withTexts(SampleNotices.gsn(), "Gemensamma servicenämnden",
        "gemensamma-servicenamnden", "Kanslienheten, stadshuset Ludvika", SampleNotices.PARAGRAPHS,
        "/protokoll/gsn-2024-02-14.pdf");

    JsonNode root = new ObjectMapper().readTree(render(LocalDate.parse("2024-02-21"), withDocument)
        .get("ludvika/anslag.json"));

    assertThat(root.get("type").asText()).isEqualTo("anslag-notice-list/1");
    assertThat(root.get("date").asText()).isEqualTo("2024-02-21");
    assertThat(root.at("/body/id").asText()).isEqualTo("ludvika");
    assertThat(root.at("/body/name").asText()).isEqualTo("Ludvika kommun");
    assertThat(root.at("/body/web").asText()).isEqualTo("index.html");
    assertThat(root.get("atom").asText()).isEqualTo("anslag.atom");
    JsonNode notice = root.get("data").get(0);
    assertThat(notice.get("id").asText()).startsWith("urn:uuid:");
    assertThat(notice.get("web").asText()).isEqualTo("anslag/gemensamma-servicenamnden/2024-02-14/index.html");
    assertThat(notice.get("withdrawn").asBoolean()).isFalse();
    assertThat(notice.get("kind").asText()).isEqualTo("protokoll");
    assertThat(notice.at("/organization/name").asText()).isEqualTo("Gemensamma servicenämnden");
    assertThat(notice.at("/organization/slug").asText()).isEqualTo("gemensamma-servicenamnden");
    assertThat(notice.at("/organization/web").asText()).isEqualTo("organ/gemensamma-servicenamnden/index.html");
    assertThat(notice.at("/organization/jointCommitteeWith/0").asText()).isEqualTo("Smedjebackens kommun");
    assertThat(notice.at("/meeting/date").asText()).isEqualTo("2024-02-14");
    assertThat(notice.at("/meeting/minutesAdjustedOn").asText()).isEqualTo("2024-02-16");
    assertThat(notice.get("agendaItem")).hasSize(6);
    assertThat(notice.at("/agendaItem/0/number").asInt()).isEqualTo(1);
    assertThat(notice.at("/agendaItem/0/name").asText()).isEqualTo("Begäran om överflyttning av investeringsmedel 2023-2024");
    assertThat(notice.at("/agendaItem/0/caseNumber").asText()).isEqualTo("2024/7");
    assertThat(notice.at("/file/accessUrl").asText()).isEqualTo("/protokoll/gsn-2024-02-14.pdf");
    assertThat(notice.get("storagePlace").asText()).isEqualTo("Kanslienheten, stadshuset Ludvika");
    assertThat(notice.get("postedOn").asText()).isEqualTo("2024-02-20");
    assertThat(notice.get("appealTimeStartsOn").asText()).isEqualTo("2024-02-20");
    assertThat(notice.get("lastAppealDay").asText()).isEqualTo("2024-03-12");
    assertThat(notice.get("takedownOn").asText()).isEqualTo("2024-03-13");
    assertThat(notice.get("takedownPolicy").asText()).isEqualTo("NEXT_DAY");
  }

  @Test
  void withdrawnJsonEntryKeepsItsShapeWithoutParagraphsOrStorage() throws Exception {
    JsonNode notice = new ObjectMapper().readTree(render(LocalDate.parse("2024-03-13"), SampleNotices.gsn())
        .get("ludvika/anslag.json")).get("data").get(0);

    assertThat(notice.get("withdrawn").asBoolean()).isTrue();
    assertThat(notice.get("kind").asText()).isEqualTo("protokoll");
    assertThat(notice.get("agendaItem")).isEmpty();
    assertThat(notice.get("storagePlace").isNull()).isTrue();
    assertThat(notice.get("file").isNull()).isTrue();
    assertThat(notice.get("takedownOn").asText()).isEqualTo("2024-03-13");
    assertThat(notice.toString()).doesNotContain("Bokslut", "Kanslienheten");
  }
}
