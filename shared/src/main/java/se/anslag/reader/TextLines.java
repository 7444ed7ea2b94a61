package se.anslag.reader;

import java.util.ArrayList;
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

  /** Glyphs that word processors use for list bullets; the list item itself stays. */
  private static final Pattern LEADING_BULLETS =
      Pattern.compile("^(?:(?:[•◦▪■●○·∙➢➤►✓✔*]|o(?=\\s+\\p{Lu}))\\s*)++");

  private TextLines() {}

  static List<String> of(String text) {
    String normalized = text
        .replace("\uFEFF", "")
        .replace("\r\n", "\n")
        .replace('\r', '\n');
    normalized = joinPages(normalized);
    List<String> cleaned = new ArrayList<>();
    for (String raw : normalized.split("\n", -1)) {
      cleaned.add(clean(raw));
    }
    List<String> lines = new ArrayList<>();
    Set<String> pageHeaders = new HashSet<>();
    for (String page : FlattenedText.withoutPageIndex(cleaned)) {
      for (String line : FlattenedText.split(page)) {
        add(line, lines, pageHeaders);
      }
    }
    return lines;
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
    String line = sb.toString().trim().replaceAll(" {2,}", " ");
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
