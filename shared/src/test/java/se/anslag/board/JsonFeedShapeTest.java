package se.anslag.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JSON notice list checked field by field against the README, the document that promises its shape. */
class JsonFeedShapeTest {

  private static final Path README = Path.of("../README.md");
  private static final String JSON_SECTION = "### The notice list as JSON";
  private static final String JSON_KEY = "ludvika/anslag.json";
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final String UUID_URN = "urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final Pattern TABLE_FIELD = Pattern.compile("(?m)^\\| `([A-Za-z]+(?:\\[])?)` \\|");
  private static final List<String> ROOT_KEYS = List.of("type", "date", "body", "atom", "data");
  private static final List<String> NOTICE_KEYS = List.of("id", "web", "withdrawn", "kind", "organization", "meeting",
      "agendaItem", "file", "storagePlace", "postedOn", "appealTimeStartsOn", "lastAppealDay", "takedownOn",
      "takedownPolicy");

  private SortedMap<String, byte[]> files;
  private JsonNode root;

  @BeforeEach
  void renderAndParse() throws IOException {
    files = BoardFeedFixture.render();
    root = new ObjectMapper().readTree(files.get(JSON_KEY));
  }

  @Test
  void theReadmeDocumentsExactlyTheFieldsThatAreWritten() throws IOException {
    Set<String> documented = new LinkedHashSet<>();
    var readme = Files.readString(README, StandardCharsets.UTF_8);
    var start = readme.indexOf(JSON_SECTION);
    assertThat(start).as("the README's section on the JSON notice list").isNotNegative();
    var end = readme.indexOf("\n#", start + JSON_SECTION.length());
    Matcher field = TABLE_FIELD.matcher(readme.substring(start, end < 0 ? readme.length() : end));
    while (field.find()) {
      documented.add(field.group(1));
    }

    Set<String> written = new LinkedHashSet<>();
    root.fieldNames().forEachRemaining(name -> written.add(root.get(name).isArray() ? name + "[]" : name));
    root.get("data").get(0).fieldNames().forEachRemaining(
        name -> written.add(root.at("/data/0/" + name).isArray() ? name + "[]" : name));
    assertThat(written).containsExactlyInAnyOrderElementsOf(documented);
  }

  @Test
  void listHasTypeDateBodyAndAtomLink() {
    assertThat(fieldNames(root)).containsExactlyElementsOf(ROOT_KEYS);
    assertThat(root.get("type").asText()).isEqualTo("anslag-notice-list/1");
    assertThat(root.get("date").asText()).isEqualTo(BoardFeedFixture.TODAY.toString());
    assertThat(fieldNames(root.get("body"))).containsExactly("id", "name", "web");
    assertThat(root.at("/body/id").asText()).isEqualTo("ludvika");
    assertThat(root.at("/body/name").asText()).isEqualTo("Ludvika kommun");
    assertThat(resolve(root.at("/body/web").asText())).isEqualTo("ludvika/index.html");
    assertThat(resolve(root.get("atom").asText())).isEqualTo("ludvika/anslag.atom");
    assertThat(root.get("data").isArray()).isTrue();
  }

  @Test
  void everyNoticeHasEveryKeyWithTheDocumentedTypes() {
    assertThat(root.get("data")).hasSize(3);
    for (JsonNode notice : root.get("data")) {
      String web = notice.get("web").asText();
      assertThat(fieldNames(notice)).as(web).containsExactlyElementsOf(NOTICE_KEYS);
      assertThat(notice.get("id").asText()).matches(UUID_URN);
      assertThat(files).as("notice page of %s", web).containsKey(resolve(web));
      assertThat(notice.get("withdrawn").isBoolean()).isTrue();
      assertThat(notice.get("kind").asText()).as("kind of %s", web).isEqualTo("protokoll");

      JsonNode organization = notice.get("organization");
      assertThat(fieldNames(organization)).containsExactly("name", "slug", "web", "jointCommitteeWith");
      assertThat(organization.get("name").asText()).isNotBlank();
      assertThat(organization.get("slug").asText()).matches("[a-z0-9]+(-[a-z0-9]+)*");
      assertThat(files).containsKey(resolve(organization.get("web").asText()));
      assertThat(organization.get("jointCommitteeWith").isArray()).isTrue();
      organization.get("jointCommitteeWith").forEach(name -> assertThat(name.isTextual()).isTrue());

      assertThat(fieldNames(notice.get("meeting"))).containsExactly("date", "minutesAdjustedOn");
      for (String date : List.of("/meeting/date", "/meeting/minutesAdjustedOn", "/postedOn", "/appealTimeStartsOn",
          "/lastAppealDay", "/takedownOn")) {
        assertThat(notice.at(date).asText()).as(date).matches(DATE);
        LocalDate.parse(notice.at(date).asText());
      }
      for (JsonNode item : notice.get("agendaItem")) {
        assertThat(fieldNames(item)).containsExactly("number", "name", "caseNumber");
        assertThat(item.get("number").isInt()).isTrue();
        assertThat(item.get("name").isTextual()).isTrue();
        assertThat(item.get("caseNumber").isTextual() || item.get("caseNumber").isNull()).isTrue();
      }
      JsonNode file = notice.get("file");
      assertThat(file.isNull() || fieldNames(file).equals(List.of("accessUrl"))).as("file of %s", web).isTrue();
      if (!file.isNull()) {
        assertThat(file.get("accessUrl").asText()).matches("(https?://.+|/[^/].*)");
      }
      assertThat(notice.get("storagePlace").isTextual() || notice.get("storagePlace").isNull()).isTrue();
      assertThat(notice.get("takedownPolicy").asText()).isIn("NEXT_DAY", "SAME_DAY");
    }
  }

  @Test
  void currentNoticesCarryTheirDetailsAndWithdrawnOnesOnlyTheirDates() {
    Map<Boolean, List<JsonNode>> byWithdrawn = new HashMap<>();
    root.get("data").forEach(n -> byWithdrawn.computeIfAbsent(n.get("withdrawn").asBoolean(), k -> new ArrayList<>())
        .add(n));

    assertThat(byWithdrawn.get(false)).hasSize(2).allSatisfy(notice -> {
      assertThat(notice.get("agendaItem")).isNotEmpty();
      assertThat(notice.get("storagePlace").isTextual()).isTrue();
      assertThat(LocalDate.parse(notice.get("lastAppealDay").asText())).isAfterOrEqualTo(BoardFeedFixture.TODAY);
    });
    assertThat(byWithdrawn.get(true)).hasSize(1).allSatisfy(notice -> {
      assertThat(notice.get("agendaItem")).isEmpty();
      assertThat(notice.get("file").isNull()).isTrue();
      assertThat(notice.get("storagePlace").isNull()).isTrue();
      assertThat(LocalDate.parse(notice.get("lastAppealDay").asText())).isBefore(BoardFeedFixture.TODAY);
    });
    JsonNode withDocument = byWithdrawn.get(false).stream()
        .filter(n -> n.at("/organization/slug").asText().equals("barn-och-utbildningsnamnden"))
        .findFirst().orElseThrow();
    assertThat(withDocument.at("/file/accessUrl").asText()).isEqualTo("/protokoll/bun-2024-02-22.pdf");
    assertThat(withDocument.at("/agendaItem/0/caseNumber").isNull()).isTrue();
    assertThat(withDocument.get("storagePlace").asText()).isEqualTo("Kansliet <Bildning> & co");
  }

  @Test
  void jointCommitteeRunsItsAppealTimeFromTheLatestPosting() {
    JsonNode sample = root.get("data").valueStream()
        .filter(n -> n.at("/organization/slug").asText().equals("gemensamma-servicenamnden"))
        .findFirst().orElseThrow();

    assertThat(sample.at("/organization/jointCommitteeWith/0").asText()).isEqualTo("Smedjebackens kommun");
    assertThat(sample.get("appealTimeStartsOn").asText()).isEqualTo("2024-02-20");
    assertThat(sample.get("lastAppealDay").asText()).isEqualTo("2024-03-12");
    assertThat(sample.get("takedownOn").asText()).isEqualTo("2024-03-13");
  }

  @Test
  void noticesComeNewestChangeFirst() {
    List<LocalDate> changes = new ArrayList<>();
    for (JsonNode notice : root.get("data")) {
      changes.add(notice.get("withdrawn").asBoolean()
          ? LocalDate.parse(notice.get("lastAppealDay").asText()).plusDays(1)
          : LocalDate.parse(notice.get("postedOn").asText()));
    }
    assertThat(changes).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void idsAreTheAtomEntryIdsOfTheSamePages() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    NodeList entries = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(files.get("ludvika/anslag.atom")))
        .getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
    Map<String, String> atomIdByPage = new HashMap<>();
    for (int i = 0; i < entries.getLength(); i++) {
      Element entry = (Element) entries.item(i);
      String href = ((Element) entry.getElementsByTagNameNS("*", "link").item(0)).getAttribute("href");
      String id = entry.getElementsByTagNameNS("*", "id").item(0).getTextContent();
      atomIdByPage.put(AtomFeedValidityTest.resolve("ludvika/anslag.atom", href), id);
    }

    for (JsonNode notice : root.get("data")) {
      assertThat(notice.get("id").asText()).isEqualTo(atomIdByPage.get(resolve(notice.get("web").asText())));
    }
  }

  @Test
  void fileHoldsNoMarkupCharacters() {
    String json = new String(files.get(JSON_KEY), StandardCharsets.UTF_8);

    assertThat(json).doesNotContain("<", ">", "&", "'").contains("Kansliet \\u003CBildning\\u003E \\u0026 co");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String resolve(String href) {
    return AtomFeedValidityTest.resolve(JSON_KEY, href);
  }
}
