package se.anslag.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.assertj.core.api.SoftAssertions;
import se.anslag.board.WrittenIdentityNumbers.WrittenForm;

/**
 * Checks what a board wrote for paragraphs whose titles are the hand-written forms: in the notice page's
 * paragraph table, the Atom feed's entry and the JSON list, each title reads exactly as the list says it must
 * after redaction, and no file of the site holds a number as it was written. Used on files rendered in memory
 * and on files read back from the site bucket.
 */
public final class WrittenFormsOnTheBoard {
  private static final Pattern MARKUP = Pattern.compile("[<>&\"']");

  private WrittenFormsOnTheBoard() {}

  /**
   * @param site every file of the site, by key
   * @param boardId the board whose feeds list the notice
   * @param noticePage the key of the notice's page
   * @param titles the form printed as each paragraph's title, by paragraph number
   */
  public static void check(Map<String, byte[]> site, String boardId, String noticePage, Map<Integer, WrittenForm> titles)
      throws Exception {
    var page = text(site, noticePage);
    var json = new ObjectMapper().readTree(text(site, boardId + "/anslag.json"));
    var atom = atomText(site.get(boardId + "/anslag.atom"));
    var soft = new SoftAssertions();
    for (var entry : titles.entrySet()) {
      int number = entry.getKey();
      var form = entry.getValue();
      // The forms hold no markup characters, so the page prints them as they are, with nothing escaped.
      assertThat(MARKUP.matcher(form.text()).find()).as("%s holds a markup character", form).isFalse();
      var printed = form.printed();
      soft.assertThat(page).as("notice page, § %d, %s", number, form)
          .contains("<tr><th scope=\"row\">§ " + number + "</th><td>" + printed + "</td>");
      soft.assertThat(agendaItemName(json, number)).as("JSON, § %d, %s", number, form).isEqualTo(printed);
      soft.assertThat(atom).as("Atom, § %d, %s", number, form).contains("§ " + number + " " + printed + " (Dnr ");
      for (var written : form.numbersAsWritten()) {
        // As a figure of its own: "850709-1234" inside a kept "Konto 850709-12345" is not that number.
        var asWritten = Pattern.compile("(?<![0-9])(?:" + Pattern.quote(written) + "|"
            + Pattern.quote(WrittenIdentityNumbers.collapse(written)) + ")(?![0-9])");
        for (var file : site.entrySet()) {
          var content = new String(file.getValue(), StandardCharsets.UTF_8);
          soft.assertThat(asWritten.matcher(content).find()).as("%s holds %s", file.getKey(), form).isFalse();
        }
      }
    }
    soft.assertAll();
  }

  private static String agendaItemName(JsonNode list, int number) {
    for (var notice : list.get("data")) {
      for (var item : notice.get("agendaItem")) {
        if (item.get("number").asInt() == number) {
          return item.get("name").asText();
        }
      }
    }
    return null;
  }

  /** The Atom feed's text with the XML escapes undone, as a feed reader shows it. */
  private static String atomText(byte[] atom) throws Exception {
    assertThat(atom).as("Atom feed").isNotNull();
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(atom)).getDocumentElement().getTextContent();
  }

  private static String text(Map<String, byte[]> site, String key) {
    assertThat(site).containsKey(key);
    return new String(site.get(key), StandardCharsets.UTF_8);
  }
}
