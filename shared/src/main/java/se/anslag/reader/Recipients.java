package se.anslag.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.anslag.domain.RecipientLine;

/** Recipient headings ("Beslut skickas till", "Exp:") and the split of a line into name and qualifier. */
final class Recipients {

  /** Group "inline" holds what follows the heading on the same line ("Exp: Tekniska enheten"). */
  static final Pattern HEADING = Pattern.compile(
      "(?iu)^(?:beslut(?:et)?\\s+(?:skickas|sänds|expedieras|delges|överlämnas)\\s+till"
          + "|protokollsutdrag\\s+(?:skickas\\s+|sänds\\s+)?till|utdrag\\s+(?:skickas\\s+|sänds\\s+)?till"
          + "|skickas\\s+till|sänds\\s+till|expedieras\\s+till|expedieras|expediering|sändlista"
          + "|exp(?=\\s*[:.])|exp$)"
          + "\\s*[:.]?\\s*(?<inline>.*)$");

  private static final String QUALIFIERS =
      "för\\s+kännedom|för\\s+åtgärd|för\\s+yttrande|för\\s+verkställighet|för\\s+handläggning"
          + "|för\\s+information|för\\s+beslut|för\\s+diarieföring"
          + "|(?:fvb|f\\.v\\.b\\.?|för\\s+vidarebefordran)\\s+till\\s+.+";

  private static final Pattern BRACKETED =
      Pattern.compile("(?iu)^(?<name>.*?)[\\s,]*\\((?<q>" + QUALIFIERS + "|fk|f\\.k\\.?)\\)\\s*\\.?$");
  private static final Pattern TRAILING =
      Pattern.compile("(?iu)^(?<name>.+?)[\\s,]*(?:\\s|,)(?<q>" + QUALIFIERS + ")\\s*\\.?$");
  private static final Pattern LIST_DASH = Pattern.compile("^[-–—]\\s*");
  private static final Pattern QUALIFIER_ONLY = Pattern.compile("(?iu)^\\(?(?:" + QUALIFIERS + ")\\)?$");
  private static final Pattern FORWARD = Pattern.compile("(?iu)^(?:fvb|f\\.v\\.b\\.?|för\\s+vidarebefordran)\\s+till\\s+");

  private Recipients() {}

  static boolean isHeading(String line) {
    return HEADING.matcher(line).matches();
  }

  /** Text on the heading line itself, or "" when the list starts on the next line. */
  static String inline(String headingLine) {
    Matcher m = HEADING.matcher(headingLine);
    return m.matches() ? m.group("inline").trim() : "";
  }

  /**
   * Splits a printed entry: one line of a list, or a comma-separated line when {@code splitCommas}.
   * A comma part that is only a qualifier ("Kommunstyrelsen, för kännedom") belongs to the part before.
   */
  static List<RecipientLine> parse(String printed, boolean splitCommas) {
    String line = LIST_DASH.matcher(printed.trim()).replaceFirst("").trim();
    if (line.isEmpty()) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    if (splitCommas) {
      for (String part : line.split("\\s*[,;]\\s*")) {
        part = LIST_DASH.matcher(part.trim()).replaceFirst("").trim();
        if (part.isEmpty()) {
          continue;
        }
        if (QUALIFIER_ONLY.matcher(part).matches() && !parts.isEmpty()) {
          parts.set(parts.size() - 1, parts.getLast() + ", " + part);
        } else {
          parts.add(part);
        }
      }
    } else {
      parts.add(line);
    }
    List<RecipientLine> result = new ArrayList<>();
    for (String part : parts) {
      result.add(split(part));
    }
    return result;
  }

  static RecipientLine split(String raw) {
    String line = raw.trim();
    Matcher m = BRACKETED.matcher(line);
    if (!m.matches()) {
      m = TRAILING.matcher(line);
      if (!m.matches()) {
        return new RecipientLine(stripEnd(line), null, raw);
      }
    }
    String name = stripEnd(m.group("name"));
    if (name.isEmpty()) {
      return new RecipientLine(stripEnd(line), null, raw);
    }
    return new RecipientLine(name, normalizeQualifier(m.group("q")), raw);
  }

  private static String normalizeQualifier(String printed) {
    String q = printed.trim().replaceAll("\\s+", " ");
    Matcher forward = FORWARD.matcher(q);
    if (forward.find()) {
      // RecipientLine.forwardTo() reads the "fvb till " form, so every spelling is brought to it
      return "fvb till " + q.substring(forward.end()).trim();
    }
    String lower = q.toLowerCase(Locale.ROOT);
    return lower.equals("fk") || lower.startsWith("f.k") ? "för kännedom" : lower;
  }

  private static String stripEnd(String s) {
    return s.trim().replaceAll("[\\s,;.]+$", "");
  }
}
