package se.anslag.board;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps personal identity numbers (personnummer) and coordination numbers (samordningsnummer) off the public
 * board (domain rule 10).
 *
 * <p>Recognised: YYMMDD-XXXX, YYMMDD+XXXX, YYYYMMDD-XXXX and the same without a separator or with a space or
 * a dash variant (PDF text carries en dashes), not part of a longer run of digits. Coordination numbers add 60
 * to the day. The date part must be a valid date; that keeps organisation numbers (month 20 or more), case
 * numbers ("2024/7"), amounts ("5 549,8") and dates ("2024-02-14") intact.
 *
 * <p>The Luhn check digit is deliberately not required: a number mistyped in the minutes is still somebody's
 * identity number, and publishing it wrongly costs more than redacting a stray ten-digit figure.
 */
public final class PersonalIdentityNumbers {

  public static final String REPLACEMENT = "[personnummer borttaget]";

  // Separators: hyphen, plus (aged 100 or more), space, no-break space, and the dashes PDF extraction produces.
  private static final Pattern CANDIDATE = Pattern.compile(
      "(?<![0-9])(?:(\\d{2})(\\d{2})(\\d{2})(\\d{2})|(\\d{2})(\\d{2})(\\d{2}))"
          + "[-+ \\u00A0\\u2010\\u2011\\u2012\\u2013\\u2212]?\\d{4}(?![0-9])");

  private PersonalIdentityNumbers() {}

  /** The text with every identity number replaced by "[personnummer borttaget]"; null stays null. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    Matcher matcher = CANDIDATE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    boolean changed = false;
    while (matcher.find()) {
      if (hasValidDate(matcher)) {
        matcher.appendReplacement(out, Matcher.quoteReplacement(REPLACEMENT));
        changed = true;
      }
    }
    if (!changed) {
      return text;
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** True when the text holds at least one identity number. */
  public static boolean contains(String text) {
    if (text == null) {
      return false;
    }
    Matcher matcher = CANDIDATE.matcher(text);
    while (matcher.find()) {
      if (hasValidDate(matcher)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasValidDate(Matcher match) {
    if (match.group(1) != null) {
      int century = Integer.parseInt(match.group(1));
      if (century < 18 || century > 20) {
        return false;
      }
      int year = century * 100 + Integer.parseInt(match.group(2));
      return isValidDate(year, Integer.parseInt(match.group(3)), Integer.parseInt(match.group(4)));
    }
    int yearInCentury = Integer.parseInt(match.group(5));
    int month = Integer.parseInt(match.group(6));
    int day = Integer.parseInt(match.group(7));
    // The century is unknown: accept the date if it exists in either the 1900s or the 2000s.
    return isValidDate(1900 + yearInCentury, month, day) || isValidDate(2000 + yearInCentury, month, day);
  }

  private static boolean isValidDate(int year, int month, int dayField) {
    int day = dayField > 60 ? dayField - 60 : dayField; // samordningsnummer
    return isExistingDate(year, month, day);
  }

  private static boolean isExistingDate(int year, int month, int day) {
    try {
      LocalDate.of(year, month, day);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }
}
