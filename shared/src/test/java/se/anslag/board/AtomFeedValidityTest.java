package se.anslag.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Atom feed checked against RFC 4287 beyond well-formedness. No Atom RELAX NG or XSD schema is on Maven
 * Central, so the requirements of the RFC are checked one by one: which elements a feed and an entry must
 * have, how many of each they may have, the date format (RFC 3339, section 3.3), ids (absolute IRIs, unique),
 * and the link an entry without content needs.
 */
class AtomFeedValidityTest {

  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final String FEED_KEY = "ludvika/anslag.atom";
  /** RFC 3339 date-time with the upper-case T and Z that RFC 4287 section 3.3 requires. */
  private static final Pattern RFC_3339 =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
  private static final Set<String> FEED_CHILDREN = Set.of("author", "category", "contributor", "generator", "icon",
      "id", "link", "logo", "rights", "subtitle", "title", "updated", "entry");
  private static final Set<String> FEED_AT_MOST_ONE =
      Set.of("generator", "icon", "id", "logo", "rights", "subtitle", "title", "updated");
  private static final Set<String> ENTRY_CHILDREN = Set.of("author", "category", "content", "contributor", "id",
      "link", "published", "rights", "source", "summary", "title", "updated");
  private static final Set<String> ENTRY_AT_MOST_ONE =
      Set.of("content", "id", "published", "rights", "source", "summary", "title", "updated");
  private static final Set<String> TEXT_CONSTRUCTS = Set.of("title", "subtitle", "summary", "rights");

  private SortedMap<String, byte[]> files;
  private Element feed;

  @BeforeEach
  void renderAndParse() throws Exception {
    files = BoardFeedFixture.render();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    feed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(files.get(FEED_KEY))).getDocumentElement();
  }

  @Test
  void feedHasItsRequiredElementsOnce() {
    assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
    assertThat(feed.getLocalName()).isEqualTo("feed");
    assertChildren(feed, FEED_CHILDREN, FEED_AT_MOST_ONE);
    assertThat(children(feed, "id")).hasSize(1);
    assertThat(children(feed, "title")).hasSize(1);
    assertThat(children(feed, "updated")).hasSize(1);
    // 4.1.1: an author on the feed, unless every entry has its own; 3.2: a person has exactly one name.
    assertThat(children(feed, "author")).hasSize(1);
    assertThat(children(children(feed, "author").getFirst(), "name")).hasSize(1);
  }

  @Test
  void feedLinksToItselfAndOnceToItsHtmlPage() {
    List<Element> links = children(feed, "link");

    assertThat(links).allSatisfy(link -> assertThat(link.getAttribute("href")).isNotBlank());
    assertThat(links).filteredOn(link -> link.getAttribute("rel").equals("self")).hasSize(1);
    List<Element> alternates = links.stream().filter(AtomFeedValidityTest::isAlternate).toList();
    assertThat(alternates).hasSize(1); // 4.1.1: at most one per type and hreflang; we have one
    assertThat(resolve(FEED_KEY, alternates.getFirst().getAttribute("href"))).isEqualTo("ludvika/index.html");
  }

  @Test
  void everyEntryHasIdTitleUpdatedAndAnAlternateLinkToAPageThatExists() {
    List<Element> entries = children(feed, "entry");
    assertThat(entries).hasSize(3);

    for (Element entry : entries) {
      assertChildren(entry, ENTRY_CHILDREN, ENTRY_AT_MOST_ONE);
      assertThat(children(entry, "id")).hasSize(1);
      assertThat(children(entry, "title")).hasSize(1);
      assertThat(children(entry, "title").getFirst().getTextContent()).isNotBlank();
      assertThat(children(entry, "updated")).hasSize(1);
      // 4.1.2: an entry without content must have an alternate link.
      assertThat(children(entry, "content")).isEmpty();
      List<Element> alternates = children(entry, "link").stream().filter(AtomFeedValidityTest::isAlternate).toList();
      assertThat(alternates).hasSize(1);
      assertThat(files).containsKey(resolve(FEED_KEY, alternates.getFirst().getAttribute("href")));
      assertThat(children(entry, "category")).allSatisfy(c -> assertThat(c.getAttribute("term")).isNotBlank());
    }
  }

  @Test
  void idsAreAbsoluteIrisAndUnique() {
    Set<String> ids = new HashSet<>();
    List<Element> idElements = new ArrayList<>(children(feed, "id"));
    children(feed, "entry").forEach(entry -> idElements.addAll(children(entry, "id")));

    for (Element id : idElements) {
      URI iri = URI.create(id.getTextContent());
      assertThat(iri.isAbsolute()).as(iri.toString()).isTrue();
      assertThat(ids.add(iri.toString())).as("duplicate id %s", iri).isTrue();
    }
    assertThat(ids).hasSize(4);
  }

  @Test
  void datesAreRfc3339AndTheFeedIsAsNewAsItsNewestEntry() {
    List<Element> dates = new ArrayList<>(children(feed, "updated"));
    children(feed, "entry").forEach(entry -> {
      dates.addAll(children(entry, "updated"));
      dates.addAll(children(entry, "published"));
    });

    for (Element date : dates) {
      assertThat(date.getTextContent()).as(date.getLocalName()).matches(RFC_3339);
      OffsetDateTime.parse(date.getTextContent(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    OffsetDateTime feedUpdated = OffsetDateTime.parse(children(feed, "updated").getFirst().getTextContent());
    assertThat(children(feed, "entry")).allSatisfy(entry -> assertThat(
        OffsetDateTime.parse(children(entry, "updated").getFirst().getTextContent())).isBeforeOrEqualTo(feedUpdated));
  }

  @Test
  void textConstructsArePlainTextAndEscaped() {
    List<Element> texts = new ArrayList<>();
    collect(feed, texts);

    assertThat(texts).isNotEmpty().allSatisfy(text -> {
      // 3.1.1: type is absent (text) or one of text, html, xhtml; we publish plain text only.
      assertThat(text.getAttribute("type")).isIn("", "text");
      assertThat(text.getElementsByTagName("*").getLength()).as("markup in %s", text.getLocalName()).isZero();
    });
    String summary = texts.stream().filter(t -> t.getTextContent().contains("Bildning")).findFirst().orElseThrow()
        .getTextContent();
    assertThat(summary).contains("Kansliet <Bildning> & co", "'särskilda skäl'");
  }

  private static void collect(Element element, List<Element> texts) {
    for (Element child : children(element, null)) {
      if (TEXT_CONSTRUCTS.contains(child.getLocalName())) {
        texts.add(child);
      } else if (child.getLocalName().equals("entry")) {
        collect(child, texts);
      }
    }
  }

  private static boolean isAlternate(Element link) {
    return link.getAttribute("rel").isEmpty() || link.getAttribute("rel").equals("alternate");
  }

  private static void assertChildren(Element parent, Set<String> allowed, Set<String> atMostOne) {
    List<Element> children = children(parent, null);
    assertThat(children).allSatisfy(child -> assertThat(child.getLocalName())
        .as("Atom child of %s", parent.getLocalName()).isIn(allowed));
    for (String name : atMostOne) {
      assertThat(children(parent, name)).as("%s in %s", name, parent.getLocalName()).hasSizeLessThanOrEqualTo(1);
    }
  }

  /** The Atom-namespace child elements of a parent, all of them when name is null. */
  private static List<Element> children(Element parent, String name) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && ATOM.equals(element.getNamespaceURI())
          && (name == null || name.equals(element.getLocalName()))) {
        children.add(element);
      }
    }
    return children;
  }

  /** A relative link resolved against the key of the file it is in, as a key. */
  static String resolve(String fromKey, String href) {
    return URI.create("http://site/" + fromKey).resolve(href).getPath().substring(1);
  }
}
