package se.anslag.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import se.anslag.domain.Board;
import se.anslag.format.Json;

/**
 * The board's notices as JSON, in the shape documented in the README (after OParl: body, organization,
 * meeting, agendaItem, file). Withdrawn entries keep every key, with "withdrawn": true and the paragraph list,
 * storage place and file emptied.
 */
final class JsonFeed {

  /** Names the shape; a change that breaks readers gets a new number. */
  static final String TYPE = "anslag-notice-list/1";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  // Line feeds fixed (not the platform's) so the bytes are the same everywhere.
  private static final ObjectWriter WRITER = Json.mapper()
      .writer(new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n")))
      .with(new MarkupSafeEscapes());

  private JsonFeed() {}

  /**
   * Writes &lt; &gt; &amp; and the apostrophe as \\u escapes, so no markup appears in the file even if it is
   * ever served or embedded as HTML. Readers see the same strings.
   */
  private static final class MarkupSafeEscapes extends CharacterEscapes {
    private final int[] escapes;

    MarkupSafeEscapes() {
      escapes = CharacterEscapes.standardAsciiEscapesForJSON();
      for (char c : new char[] {'<', '>', '&', '\''}) {
        escapes[c] = CharacterEscapes.ESCAPE_STANDARD;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }

  static String render(Board board, List<PlacedNotice> entries, LocalDate today) {
    String key = Links.jsonFeed(board.id());
    ObjectNode root = NODES.objectNode();
    root.put("type", TYPE);
    root.put("date", today.toString());
    ObjectNode body = root.putObject("body");
    body.put("id", board.id());
    body.put("name", board.name());
    body.put("web", Links.relative(key, Links.boardIndex(board.id())));
    root.put("atom", Links.relative(key, Links.atomFeed(board.id())));
    ArrayNode data = root.putArray("data");
    for (PlacedNotice placed : entries) {
      data.add(notice(key, placed));
    }
    try {
      return WRITER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the notice list of board " + board.id(), e);
    }
  }

  private static ObjectNode notice(String key, PlacedNotice placed) {
    BoardNotice notice = placed.notice();
    boolean withdrawn = !placed.isOnBoard();
    ObjectNode node = NODES.objectNode();
    node.put("id", Links.stableId(placed.pageKey()));
    node.put("web", Links.relative(key, placed.pageKey()));
    node.put("withdrawn", withdrawn);
    // What kind of notice it is, by the slug the filter pages use: readers can tell kinds apart once there
    // are more than the minutes' notices, without a new version of the shape.
    node.put("kind", notice.kind().slug());

    ObjectNode organization = node.putObject("organization");
    organization.put("name", notice.organ());
    organization.put("slug", placed.organSlug());
    organization.put("web", Links.relative(key, Links.organIndex(placed.boardId(), placed.organSlug())));
    ArrayNode jointWith = organization.putArray("jointCommitteeWith");
    notice.cooperatingBoardNames().forEach(jointWith::add);

    ObjectNode meeting = node.putObject("meeting");
    meeting.put("date", notice.meetingDate().toString());
    meeting.put("minutesAdjustedOn", notice.adjustedOn().toString());

    ArrayNode agenda = node.putArray("agendaItem");
    if (!withdrawn) {
      for (ParagraphSummary paragraph : notice.paragraphs()) {
        ObjectNode item = agenda.addObject();
        item.put("number", paragraph.number());
        item.put("name", paragraph.title());
        item.put("caseNumber", paragraph.caseNumber());
      }
    }
    if (!withdrawn && notice.minutesDocumentUrl() != null) {
      node.putObject("file").put("accessUrl", notice.minutesDocumentUrl());
    } else {
      node.putNull("file");
    }
    node.put("storagePlace", withdrawn ? null : notice.storagePlace());
    node.put("postedOn", notice.postedOnThisBoard().toString());
    node.put("appealTimeStartsOn", notice.dates().postedOn().toString());
    node.put("lastAppealDay", notice.dates().lastAppealDay().toString());
    node.put("takedownOn", notice.dates().takedownOn().toString());
    node.put("takedownPolicy", notice.policy().name());
    return node;
  }
}
