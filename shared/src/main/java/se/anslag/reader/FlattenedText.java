package se.anslag.reader;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
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

  /** Lines longer than this are taken for flattened pages or tables: a text with one is split throughout. */
  static final int LONG_LINE = 200;

  /**
   * A page of a transcript after its index: the page's own number as printed ("3", "3 (28)",
   * "Sida 3 (41)", "1 [25]", "(40)"), before the page's text.
   */
  private static final Pattern OWN_PAGE_NUMBER = Pattern.compile(
      "^(?:(?i:sida)\\s+)?(?<own>\\d{1,4})?\\s*(?:\\(\\s*\\d{1,4}\\s*\\)|\\[\\s*\\d{1,4}\\s*\\]|(?:/|av)\\s*\\d{1,4})?\\s+");

  /**
   * One piece of page furniture: a running date, a page number, the municipality, the kind of
   * document; after a date or the kind of document, the bare page number ("2013-11-05 2",
   * "PROTOKOLL 2").
   */
  private static final String FURNITURE_TOKEN = "(?:\\d{4}-\\d{2}-\\d{2}(?:\\s+\\d{1,3}(?=\\s))?"
      + "|(?i:sida|s\\.)\\s*\\d{1,4}(?:\\s*(?:\\(\\s*\\d{1,4}\\s*\\)|(?:av|/)\\s*\\d{1,4}))?"
      + "|\\d{1,3}\\s*[(\\[]\\s*\\d{1,4}\\s*[)\\]]|[(\\[]\\s*\\d{1,4}\\s*[)\\]]"
      + "|(?:\\p{Lu}[\\p{L}-]*\\s+){1,2}(?:KOMMUN|[Kk]ommun)"
      + "|(?iu:sammanträdesprotokoll|protokoll)(?:\\s+\\d{1,3}(?=\\s)(?!\\s*[(\\[]))?)";
  /** Page furniture at the start of a flattened page ("SKELLEFTEÅ KOMMUN PROTOKOLL 2", "Avesta kommun sammanträdesprotokoll Sida 3"). */
  private static final Pattern PAGE_FURNITURE = Pattern.compile(
      "^" + FURNITURE_TOKEN + "(?:\\s+" + FURNITURE_TOKEN + ")*\\s+");

  /** What may follow the organ's name in a page's running header: page marks and the date. */
  private static final Pattern RUNNING_TITLE_REST = Pattern.compile(
      "(?:\\s*(?:[(\\[]\\s*\\d{1,4}\\s*[)\\]]|\\d{4}-\\d{2}-\\d{2}|(?i:sida)\\s*\\d{1,4}(?:\\s*(?:av|/)\\s*\\d{1,4})?))*\\s*");

  /** Headings of the notice block: made lines of their own, as the reader looks for them as whole lines. */
  private static final Pattern NOTICE_HEADING = Pattern.compile(
      "(?<![\\p{L}/])(?:ANSLAG\\s*/\\s*BEVIS|Anslag\\s*/\\s*[Bb]evis|BEVIS\\s*/\\s*ANSLAG|Bevis\\s*/\\s*[Aa]nslag"
          + "|ANSLAGSBEVIS|Anslagsbevis|BEVIS\\s+OM\\s+(?:ANSLAG|JUSTERING)|Bevis\\s+om\\s+(?:anslag|justering)"
          + "|ANSLAG(?:\\s+PÅ\\s+KOMMUNENS(?:\\s+OFFICIELLA)?\\s+ANSLAGSTAVLA)?|BEVIS)"
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
  private static final String HEADING_FORM =
      "(?:(?:\\p{Lu}\\p{L}{0,7}\\s*)?§\\s*\\d{1,4}|\\d{1,4}\\s*§|(?<!:\\s)\\p{Lu}\\p{L}{0,5}\\s+\\d{1,4}(?:/\\d{4})?"
          + "|(?<!:\\s)\\d{1,4})(?=\\s+(?:Dnr|dnr|\\p{Lu}|\\d{1,4}/))";
  /**
   * After a label's colon only a heading with "§": "Paragrafer: 104" and "Ärendenummer: Ks 1126/2014"
   * are values.
   */
  private static final Pattern HEADING_START = Pattern.compile("(?:^|(?<=[.!?:)\\]]\\s))" + HEADING_FORM);
  /** A heading right after a page's running header. */
  private static final Pattern HEADING_AT_START = Pattern.compile("^" + HEADING_FORM);

  private FlattenedText() {}

  /** The lines of a transcript with its page index removed, and which of them are pages. */
  record Pages(List<String> lines, BitSet pageLines) {}

  /**
   * Removes a transcript's page index: its pages are lines numbered 1, 2, 3, ... in front, followed
   * by the page's own printed number (once or more). Null when the lines are no such transcript:
   * the first page line must start with "1", and page lines must be at least half of the lines.
   */
  static Pages withoutPageIndex(List<String> lines) {
    int expected = 1;
    List<String> result = new ArrayList<>(lines.size());
    BitSet pageLines = new BitSet();
    for (String line : lines) {
      String index = String.valueOf(expected);
      boolean indexed = line.startsWith(index) && line.length() > index.length()
          && (line.charAt(index.length()) == ' ' || line.charAt(index.length()) == '(');
      if (indexed && (line.length() > 60 || expected > 1)) {
        String page = line.substring(index.length()).strip();
        // "3 3 (28) ...", "1 1 1 ...", "1(23) ...": the page's own number, printed once or twice
        for (int repeat = 0; repeat < 2; repeat++) {
          Matcher own = OWN_PAGE_NUMBER.matcher(page);
          if (own.lookingAt() && own.end() > 0
              && (own.group("own") == null || own.group("own").equals(index))) {
            page = page.substring(own.end());
          }
        }
        pageLines.set(result.size());
        result.add(page);
        expected++;
      } else {
        result.add(line);
      }
    }
    // A transcript is its page lines: in other text, numbered lines are list items or figures
    long text = lines.stream().filter(line -> !line.isEmpty()).count();
    int pages = expected - 1;
    return pages >= 2 && pages * 2 >= text ? new Pages(result, pageLines) : null;
  }

  /** Whether this part is only an organ's name: the running header of a transcript's page. */
  static boolean isRunningTitle(String part) {
    return OrganNames.atStart(part).map(found -> RUNNING_TITLE_REST.matcher(part.substring(found.end())).matches())
        .orElse(false);
  }

  /** Whether this part is page furniture only (a running date, a page number), as split off a page. */
  static boolean isFurniture(String part) {
    Matcher furniture = PAGE_FURNITURE.matcher(part + " ");
    return furniture.lookingAt() && furniture.end() >= part.length();
  }

  /** The line split before each piece of structure that a flattening ran into it. */
  static List<String> split(String line) {
    TreeSet<Integer> cuts = new TreeSet<>();
    Matcher furniture = PAGE_FURNITURE.matcher(line);
    int contentStart = 0;
    if (furniture.lookingAt()) {
      cuts.add(furniture.end());
      contentStart = furniture.end();
    }
    // "Kommunfullmäktige Kf 71 Information ...": the running header names the organ before the heading
    Optional<OrganNames.Found> header = OrganNames.atStart(line.substring(contentStart));
    if (header.isPresent()) {
      int after = contentStart + header.get().end();
      while (after < line.length() && line.charAt(after) == ' ') {
        after++;
      }
      if (HEADING_AT_START.matcher(line.substring(after)).lookingAt()) {
        cuts.add(after);
      }
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
