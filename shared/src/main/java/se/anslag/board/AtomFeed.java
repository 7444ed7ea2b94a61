package se.anslag.board;

import java.io.StringWriter;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import se.anslag.domain.Board;
import se.anslag.domain.SwedishTime;

/**
 * The board's Atom 1.0 feed: current notices, and recently taken-down ones marked withdrawn (title prefix
 * "Nedtaget:", category "nedtaget", summary "Nedtaget YYYY-MM-DD") so that readers learn of the takedown;
 * each entry also names its organ and its kind of notice ({@link NoticeKind}) as categories.
 * Times are the start of the day in Swedish time, so the feed depends only on the records and the day.
 * Written with the JDK's XML writer (javax.xml.stream), which escapes what needs escaping in text and
 * attributes.
 */
final class AtomFeed {

  static final String NAMESPACE = "http://www.w3.org/2005/Atom";
  static final String STATE_SCHEME = "urn:anslag:tillstand";
  static final String ORGAN_SCHEME = "urn:anslag:organ";
  /** The notice's kind (NoticeKind): its slug as term, its Swedish name as label. */
  static final String KIND_SCHEME = "urn:anslag:slag";

  private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

  private AtomFeed() {}

  /** Entries must come newest first by {@link #updated}. */
  static String render(Board board, List<PlacedNotice> entries, LocalDate today) {
    String key = Links.atomFeed(board.id());
    LocalDate feedUpdated = entries.stream().map(AtomFeed::updated).max(LocalDate::compareTo).orElse(today);
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(text);
      xml.writeStartDocument("utf-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("feed");
      xml.writeDefaultNamespace(NAMESPACE);
      xml.writeAttribute("xml:lang", "sv");
      element(xml, 1, "id", Links.stableId(key));
      element(xml, 1, "title", "Anslagstavla – " + board.name());
      element(xml, 1, "subtitle", "Tillkännagivanden om justerade protokoll");
      element(xml, 1, "updated", dateTime(feedUpdated));
      indent(xml, 1);
      xml.writeStartElement("author");
      xml.writeStartElement("name");
      xml.writeCharacters(board.name());
      xml.writeEndElement();
      xml.writeEndElement();
      link(xml, 1, "self", "application/atom+xml", Links.relative(key, key));
      link(xml, 1, "alternate", "text/html", Links.relative(key, Links.boardIndex(board.id())));
      for (PlacedNotice placed : entries) {
        entry(xml, key, placed);
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException impossible) {
      // Writing to a StringWriter has no I/O to fail; the text was cleaned of what XML does not allow.
      throw new IllegalStateException("Cannot write the Atom feed of board " + board.id(), impossible);
    }
    return text.toString();
  }

  /** An entry changes when it goes up and when it comes down (the day after the last appeal day). */
  static LocalDate updated(PlacedNotice placed) {
    return placed.isOnBoard()
        ? placed.notice().postedOnThisBoard()
        : placed.notice().dates().lastAppealDay().plusDays(1);
  }

  private static void entry(XMLStreamWriter xml, String key, PlacedNotice placed) throws XMLStreamException {
    BoardNotice notice = placed.notice();
    String heading = notice.organ() + ", sammanträde " + notice.meetingDate();
    indent(xml, 1);
    xml.writeStartElement("entry");
    element(xml, 2, "id", Links.stableId(placed.pageKey()));
    boolean withdrawn = placed.state() == NoticeState.WITHDRAWN;
    element(xml, 2, "title", (placed.isOnBoard() ? "" : withdrawn ? "Återkallat: " : "Nedtaget: ") + heading);
    element(xml, 2, "published", dateTime(notice.postedOnThisBoard()));
    element(xml, 2, "updated", dateTime(updated(placed)));
    link(xml, 2, "alternate", "text/html", Links.relative(key, placed.pageKey()));
    indent(xml, 2);
    xml.writeEmptyElement("category");
    xml.writeAttribute("scheme", STATE_SCHEME);
    xml.writeAttribute("term", placed.isOnBoard() ? "uppsatt" : withdrawn ? "aterkallat" : "nedtaget");
    xml.writeAttribute("label", placed.isOnBoard() ? "Uppsatt" : withdrawn ? "Återkallat" : "Nedtaget");
    indent(xml, 2);
    xml.writeEmptyElement("category");
    xml.writeAttribute("scheme", ORGAN_SCHEME);
    xml.writeAttribute("term", placed.organSlug());
    xml.writeAttribute("label", notice.organ());
    indent(xml, 2);
    xml.writeEmptyElement("category");
    xml.writeAttribute("scheme", KIND_SCHEME);
    xml.writeAttribute("term", notice.kind().slug());
    xml.writeAttribute("label", notice.kind().label());
    element(xml, 2, "summary", summary(placed));
    indent(xml, 1);
    xml.writeEndElement();
  }

  /** A new line and two spaces per level, so the feed reads as it always did. */
  private static void indent(XMLStreamWriter xml, int level) throws XMLStreamException {
    xml.writeCharacters("\n" + "  ".repeat(level));
  }

  private static void element(XMLStreamWriter xml, int level, String name, String text) throws XMLStreamException {
    indent(xml, level);
    xml.writeStartElement(name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }

  private static void link(XMLStreamWriter xml, int level, String rel, String type, String href)
      throws XMLStreamException {
    indent(xml, level);
    xml.writeEmptyElement("link");
    xml.writeAttribute("rel", rel);
    xml.writeAttribute("type", type);
    xml.writeAttribute("href", href);
  }

  private static String summary(PlacedNotice placed) {
    BoardNotice notice = placed.notice();
    if (placed.state() == NoticeState.WITHDRAWN) {
      return "Återkallat: " + notice.withdrawnReason();
    }
    if (!placed.isOnBoard()) {
      return "Nedtaget " + notice.dates().takedownOn();
    }
    StringBuilder summary = new StringBuilder()
        .append("Protokollet justerat ").append(notice.adjustedOn())
        .append(". Anslaget uppsatt ").append(notice.postedOnThisBoard())
        .append(". Sista dag för överklagande ").append(notice.dates().lastAppealDay())
        .append(". Tas ned ").append(notice.dates().takedownOn()).append('.');
    if (notice.storagePlace() != null) {
      summary.append(" Förvaringsplats för protokollet: ").append(notice.storagePlace()).append('.');
    }
    if (!notice.paragraphs().isEmpty()) {
      summary.append(" Paragrafer: ").append(notice.paragraphs().stream()
          .map(p -> "§ " + p.number() + " " + p.title() + (p.caseNumber() == null ? "" : " (Dnr " + p.caseNumber() + ")"))
          .collect(Collectors.joining("; "))).append('.');
    }
    return summary.toString();
  }

  private static String dateTime(LocalDate day) {
    return day.atStartOfDay(SwedishTime.ZONE).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
