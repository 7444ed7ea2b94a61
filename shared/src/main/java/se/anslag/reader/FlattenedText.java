package se.anslag.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes what extraction does to minutes that arrive as one line per page (web transcripts of PDFs,
 * tables pulled out of a cover page): the transcript's page index in front of each page, and
 * headings, notice blocks, section headings and recipient lists run together into one long line.
 *
 * <p>Only long lines are split: no line of minutes laid out by hand runs this long, so text as the
 * clerk wrote it is left as it is. A split is made only where a known piece of structure starts
 * (never at a mere capital letter), so at worst a sentence is broken in two.
 */
final class FlattenedText {

  /** Lines longer than this are taken for flattened pages or tables. */
  static final int LONG_LINE = 200;

  /**
   * A page of a transcript after its index: the page's own number as printed ("3", "3 (28)",
   * "Sida 3 (41)", "1 [25]", "(40)"), before the page's text.
   */
  private static final Pattern OWN_PAGE_NUMBER = Pattern.compile(
      "^(?:(?i:sida)\\s+)?(?<own>\\d{1,4})?\\s*(?:\\(\\s*\\d{1,4}\\s*\\)|\\[\\s*\\d{1,4}\\s*\\]|(?:/|av)\\s*\\d{1,4})?\\s+");

  /** Page furniture at the start of a flattened page: running dates and page numbers ("2013-11-05 2"). */
  private static final Pattern PAGE_FURNITURE = Pattern.compile(
      "^(?:\\d{4}-\\d{2}-\\d{2}(?:\\s+\\d{1,3}(?=\\s))?|(?i:sida)\\s+\\d{1,4}(?:\\s*(?:\\(\\s*\\d{1,4}\\s*\\)|(?:/|av)\\s*\\d{1,4}))?"
          + "|\\(\\s*\\d{1,4}\\s*\\))(?:\\s+(?:\\d{4}-\\d{2}-\\d{2}|\\(\\s*\\d{1,4}\\s*\\)))*\\s+");

  /** Headings of the notice block: made lines of their own, as the reader looks for them as whole lines. */
  private static final Pattern NOTICE_HEADING = Pattern.compile(
      "(?<![\\p{L}/])(?:ANSLAG\\s*/\\s*BEVIS|Anslag\\s*/\\s*[Bb]evis|BEVIS\\s*/\\s*ANSLAG|Bevis\\s*/\\s*[Aa]nslag"
          + "|ANSLAGSBEVIS|Anslagsbevis|BEVIS\\s+OM\\s+(?:ANSLAG|JUSTERING)|Bevis\\s+om\\s+(?:anslag|justering))"
          + "(?![\\p{L}/])");

  /** Section headings of a paragraph, capitalised and followed by the section's text. */
  private static final Pattern SECTION_HEADING = Pattern.compile(
      "(?<![\\p{L}\\p{N}])(?:Beslut|Ärendet|Ärendebeskrivning|Beskrivning\\s+av\\s+ärendet|Sammanfattning(?:\\s+av\\s+ärendet)?"
          + "|Bakgrund|Beslutsunderlag|Yrkanden?|Överläggning|Förslag\\s+till\\s+beslut|Propositionsordning"
          + "|Beslutsgång|Reservationer?|Protokollsanteckningar?|Ärendets\\s+beredning)"
          + "(?=\\s+\\p{Lu})");

  /** Recipient headings: the list after them stays on their line, where {@link Recipients} reads it inline. */
  private static final Pattern RECIPIENT_HEADING = Pattern.compile(
      "(?<![\\p{L}])(?:Beslut(?:et)?\\s+(?:skickas|sänds|expedieras)\\s+till|Protokollsutdrag\\s+(?:skickas\\s+)?till"
          + "|Utdrag\\s+(?:skickas\\s+)?till|Expedieras\\s+till|Exp(?=\\s*:))");

  /**
   * Where a paragraph heading may start inside a flattened page: after the start of the page, the
   * end of a sentence or page furniture. Its number is followed by a case number or a capitalised
   * title, which keeps references ("enligt § 5 i reglementet") and figures out.
   */
  private static final Pattern HEADING_START = Pattern.compile(
      "(?:^|(?<=[.!?:)]\\s)|(?<=\\d{4}-\\d{2}-\\d{2}\\s\\d{1,3}\\s))"
          + "(?:(?:\\p{Lu}\\p{L}{0,7}\\s*)?§\\s*\\d{1,4}|\\p{Lu}\\p{L}{0,5}\\s+\\d{1,4}|\\d{1,4})"
          + "(?=\\s+(?:Dnr|\\p{Lu}))");

  private FlattenedText() {}

  /**
   * Removes a transcript's page index: its pages are lines numbered 1, 2, 3, ... in front, followed
   * by the page's own printed number. Nothing is removed unless the first page line starts with "1".
   */
  static List<String> withoutPageIndex(List<String> lines) {
    int expected = 1;
    List<String> result = new ArrayList<>(lines.size());
    for (String line : lines) {
      String prefix = expected + " ";
      if (line.startsWith(prefix) && (line.length() > 60 || expected > 1)) {
        String page = line.substring(prefix.length());
        Matcher own = OWN_PAGE_NUMBER.matcher(page);
        if (own.lookingAt() && (own.group("own") == null || own.group("own").equals(String.valueOf(expected)))) {
          page = page.substring(own.end());
        }
        result.add(page);
        expected++;
      } else {
        result.add(line);
      }
    }
    return expected >= 2 ? result : lines;
  }

  /** The line split before each piece of structure that a flattening ran into it; short lines as they are. */
  static List<String> split(String line) {
    if (line.length() <= LONG_LINE) {
      return List.of(line);
    }
    TreeSet<Integer> cuts = new TreeSet<>();
    Matcher furniture = PAGE_FURNITURE.matcher(line);
    if (furniture.lookingAt()) {
      cuts.add(furniture.end());
    }
    cutAround(NOTICE_HEADING.matcher(line), cuts);
    cutAround(SECTION_HEADING.matcher(line), cuts);
    Matcher recipients = RECIPIENT_HEADING.matcher(line);
    while (recipients.find()) {
      cuts.add(recipients.start());
    }
    Matcher heading = HEADING_START.matcher(line);
    while (heading.find()) {
      cuts.add(heading.start());
    }
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      if (cut > from) {
        addTrimmed(parts, line.substring(from, cut));
        from = cut;
      }
    }
    addTrimmed(parts, line.substring(from));
    return parts;
  }

  private static void cutAround(Matcher matcher, TreeSet<Integer> cuts) {
    while (matcher.find()) {
      cuts.add(matcher.start());
      cuts.add(matcher.end());
    }
  }

  private static void addTrimmed(List<String> parts, String part) {
    String trimmed = part.strip();
    if (!trimmed.isEmpty()) {
      parts.add(trimmed);
    }
  }
}
