package se.anslag.reader;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns extracted text into clean lines: odd spaces and bullet glyphs removed, running headers and
 * footers dropped. Blank lines stay (as "") because plain-text minutes use them as separators.
 */
final class TextLines {

  /** Running headers and footers that PDF extraction puts between the lines of the text. */
  private static final List<Pattern> RUNNING_LINES = List.of(
      Pattern.compile("(?iu)^(justerandes?|ordförandes?|ordf\\.?)\\s*(sign|signatur|signaturer|sign\\.)\\b.*"),
      Pattern.compile("(?iu)^(justerare|justerande)\\s*(sign|signatur)\\b.*"),
      Pattern.compile("(?iu)^utdragsbestyrkande\\b.*"),
      Pattern.compile("(?iu)^(.{0,80}\\s)?sida\\s*\\d{1,4}\\s*((av|/)\\s*\\d{1,4}|\\(\\s*\\d{1,4}\\s*\\))?$"),
      Pattern.compile("^\\d{1,3}\\s*(\\(\\s*\\d{1,3}\\s*\\)|\\[\\s*\\d{1,3}\\s*\\]|(/|av)\\s*\\d{1,3})?$"),
      // "(2)": how some text layers mark the start of a page
      Pattern.compile("^\\(\\s*\\d{1,3}\\s*\\)$"));

  private static final Pattern PAGE_NUMBER_AFTER_TEXT =
      Pattern.compile("(?iu)^(?<text>.{1,80}?)\\s+sida\\s*\\d{1,4}\\s*((av|/)\\s*\\d{1,4}|\\(\\s*\\d{1,4}\\s*\\))?$");

  private static final Pattern OCR_SECTION_SIGN = Pattern.compile("\\$(\\$)?(?=\\s*\\d)");

  /** Glyphs that word processors use for list bullets; the list item itself stays. */
  private static final Pattern LEADING_BULLETS =
      Pattern.compile("^(?:(?:[•◦▪■●○·∙➢➤►✓✔*]|o(?=\\s+\\p{Lu}))\\s*)++");

  private TextLines() {}

  /**
   * The lines of a text; which of them start the text of a page in a flattened transcript (after its
   * page furniture and running header), where a heading of a transcript that lost its "§" stands;
   * and which are a page's first line.
   */
  record Lines(List<String> lines, BitSet pageStarts, BitSet pages) {

    /** Where the first page ends: the cover, where the front page's loose labels stand. */
    int coverEnd() {
      int second = pages.nextSetBit(pages.nextSetBit(0) + 1);
      return second > 0 ? second : Math.min(lines.size(), COVER_LINES);
    }
  }

  /** Without page marks, the cover is taken to be this many lines. */
  private static final int COVER_LINES = 60;

  static Lines of(String text) {
    String normalized = text
        .replace("\uFEFF", "")
        .replace("\r\n", "\n")
        .replace('\r', '\n');
    normalized = joinPages(normalized);
    List<String> cleaned = new ArrayList<>();
    for (String raw : normalized.split("\n", -1)) {
      cleaned.add(clean(raw));
    }
    FlattenedText.Pages transcript = FlattenedText.withoutPageIndex(cleaned);
    List<String> raw = transcript == null ? cleaned : transcript.lines();
    boolean flattened = transcript != null || raw.stream().anyMatch(l -> l.length() > FlattenedText.LONG_LINE);
    List<String> lines = new ArrayList<>();
    BitSet pageStarts = new BitSet();
    BitSet pages = new BitSet();
    Set<String> pageHeaders = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String line = raw.get(i);
      if (!flattened) {
        add(line, lines, pageHeaders);
        continue;
      }
      boolean page = transcript != null ? transcript.pageLines().get(i) : line.length() > FlattenedText.LONG_LINE;
      if (page) {
        pages.set(lines.size());
      }
      for (String part : FlattenedText.split(line)) {
        int before = lines.size();
        add(part, lines, pageHeaders);
        if (page && lines.size() > before && !FlattenedText.isFurniture(part) && !FlattenedText.isRunningTitle(part)) {
          pageStarts.set(before);
          page = false;
        }
      }
    }
    return new Lines(lines, pageStarts, pages);
  }

  private static void add(String line, List<String> lines, Set<String> pageHeaders) {
    Matcher pageNumber = PAGE_NUMBER_AFTER_TEXT.matcher(line);
    if (pageNumber.matches()) {
      // "Valnämnden Sida 1 av 3": the page header may be the only place that names the organ, so its
      // text is kept once, where it first appears; on later pages it is a running header
      String header = pageNumber.group("text").trim();
      if (pageHeaders.add(header) && !isRunningLine(header)) {
        lines.add(header);
      }
    } else if (!isRunningLine(line)) {
      lines.add(line);
    }
  }

  /**
   * A page break is no paragraph break: lists and sentences go on across pages, so a form feed and
   * the line ends around it become one line end. (A loop, because "\n*\f\n*" backtracks quadratically
   * over long runs of line ends.)
   */
  private static String joinPages(String text) {
    if (text.indexOf('\f') < 0) {
      return text;
    }
    StringBuilder joined = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '\f') {
        joined.append(c);
        i++;
        continue;
      }
      while (!joined.isEmpty() && joined.charAt(joined.length() - 1) == '\n') {
        joined.setLength(joined.length() - 1);
      }
      joined.append('\n');
      i++;
      while (i < text.length() && (text.charAt(i) == '\n' || text.charAt(i) == '\f')) {
        i++;
      }
    }
    return joined.toString();
  }

  static String clean(String raw) {
    StringBuilder sb = new StringBuilder(raw.length());
    raw.codePoints().forEach(cp -> {
      if (cp >= 0xE000 && cp <= 0xF8FF) {
        return; // private-use bullet glyphs (U+F0B7 and friends)
      }
      if (cp == 0x00AD || (cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF) {
        return; // soft hyphen and zero-width characters
      }
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        sb.append(' ');
      } else if (Character.isISOControl(cp)) {
        sb.append(' ');
      } else {
        sb.appendCodePoint(cp);
      }
    });
    // OCR reads "§" as "$": "$ 28", "$$ 33-37"; no minutes count dollars
    String line = sb.toString().trim().replaceAll(" {2,}", " ");
    if (line.indexOf('$') >= 0) {
      line = OCR_SECTION_SIGN.matcher(line).replaceAll(sign -> sign.group(1) != null ? "§§" : "§");
    }
    Matcher bullets = LEADING_BULLETS.matcher(line);
    return bullets.lookingAt() ? line.substring(bullets.end()) : line;
  }

  static boolean isRunningLine(String line) {
    if (line.isEmpty()) {
      return false;
    }
    for (Pattern p : RUNNING_LINES) {
      if (p.matcher(line).matches()) {
        return true;
      }
    }
    return false;
  }
}
