package se.anslag.board;

import static se.anslag.format.Markup.escape;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import se.anslag.domain.Board;
import se.anslag.domain.SwedishTime;

/**
 * The board's Atom 1.0 feed: current notices, and recently taken-down ones marked withdrawn (title prefix
 * "Nedtaget:", category "nedtaget", summary "Nedtaget YYYY-MM-DD") so that readers learn of the takedown.
 * Times are the start of the day in Swedish time, so the feed depends only on the records and the day.
 */
final class AtomFeed {

  static final String NAMESPACE = "http://www.w3.org/2005/Atom";
  static final String STATE_SCHEME = "urn:anslag:tillstand";
  static final String ORGAN_SCHEME = "urn:anslag:organ";

  private AtomFeed() {}

  /** Entries must come newest first by {@link #updated}. */
  static String render(Board board, List<PlacedNotice> entries, LocalDate today) {
    String key = Links.atomFeed(board.id());
    LocalDate feedUpdated = entries.stream().map(AtomFeed::updated).max(LocalDate::compareTo).orElse(today);
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.append("<feed xmlns=\"").append(NAMESPACE).append("\" xml:lang=\"sv\">\n");
    xml.append("  <id>").append(Links.stableId(key)).append("</id>\n");
    xml.append("  <title>Anslagstavla – ").append(escape(board.name())).append("</title>\n");
    xml.append("  <subtitle>Tillkännagivanden om justerade protokoll</subtitle>\n");
    xml.append("  <updated>").append(dateTime(feedUpdated)).append("</updated>\n");
    xml.append("  <author><name>").append(escape(board.name())).append("</name></author>\n");
    xml.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"")
        .append(Links.relative(key, key)).append("\"/>\n");
    xml.append("  <link rel=\"alternate\" type=\"text/html\" href=\"")
        .append(Links.relative(key, Links.boardIndex(board.id()))).append("\"/>\n");
    for (PlacedNotice placed : entries) {
      entry(xml, key, placed);
    }
    xml.append("</feed>\n");
    return xml.toString();
  }

  /** An entry changes when it goes up and when it comes down (the day after the last appeal day). */
  static LocalDate updated(PlacedNotice placed) {
    return placed.isOnBoard()
        ? placed.notice().postedOnThisBoard()
        : placed.notice().dates().lastAppealDay().plusDays(1);
  }

  private static void entry(StringBuilder xml, String key, PlacedNotice placed) {
    BoardNotice notice = placed.notice();
    String heading = escape(notice.organ()) + ", sammanträde " + notice.meetingDate();
    xml.append("  <entry>\n");
    xml.append("    <id>").append(Links.stableId(placed.pageKey())).append("</id>\n");
    xml.append("    <title>").append(placed.isOnBoard() ? "" : "Nedtaget: ").append(heading).append("</title>\n");
    xml.append("    <published>").append(dateTime(notice.postedOnThisBoard())).append("</published>\n");
    xml.append("    <updated>").append(dateTime(updated(placed))).append("</updated>\n");
    xml.append("    <link rel=\"alternate\" type=\"text/html\" href=\"")
        .append(Links.relative(key, placed.pageKey())).append("\"/>\n");
    xml.append("    <category scheme=\"").append(STATE_SCHEME).append("\" term=\"")
        .append(placed.isOnBoard() ? "uppsatt\" label=\"Uppsatt\"/>\n" : "nedtaget\" label=\"Nedtaget\"/>\n");
    xml.append("    <category scheme=\"").append(ORGAN_SCHEME).append("\" term=\"").append(placed.organSlug())
        .append("\" label=\"").append(escape(notice.organ())).append("\"/>\n");
    xml.append("    <summary>").append(escape(summary(placed))).append("</summary>\n");
    xml.append("  </entry>\n");
  }

  private static String summary(PlacedNotice placed) {
    BoardNotice notice = placed.notice();
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
