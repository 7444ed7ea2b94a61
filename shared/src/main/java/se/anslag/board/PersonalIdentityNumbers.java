package se.anslag.board;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps personal identity numbers (personnummer) and coordination numbers (samordningsnummer) off the public
 * board (domain rule 10). The one place that decides what is one: the board redacts with {@link #redact}, and
 * intake warns the clerk with {@link #contains}, so the two always agree.
 *
 * <p><b>Normalised first.</b> The text is matched in a normalised view, so that what a reader sees as a
 * number is matched as one: every Unicode dash (Pd, the minus sign U+2212, the full-width hyphen U+FF0D) is a
 * hyphen; every space (no-break, thin U+2009, narrow no-break U+202F, figure, ideographic) and every line break
 * is a space, and a run of them is one space; invisible characters (format characters such as zero-width
 * space U+200B, joiners, the byte order mark and bidi controls; control characters; combining marks; Hangul
 * fillers) are left out; every decimal digit (full-width ０-９ too) is its ASCII digit. The soft hyphen U+00AD
 * is read twice, once as a hyphen (it prints as one at a line break) and once as nothing, and a number found
 * in either reading is redacted. What is replaced is the original text from the number's first digit to its
 * last, invisible characters inside it included.
 *
 * <p><b>Redacted</b>, when the date part is a real date (the day may carry +60, a samordningsnummer; an
 * eight-digit date must start with 18, 19 or 20; a six-digit one may be in the 1900s or the 2000s) and the
 * number is not part of a longer figure (no digit, nor a hyphen, dot, slash or colon followed by a digit,
 * right after it; no digit right before it):
 *
 * <ul>
 *   <li>YYMMDD or YYYYMMDD, one or two hyphens (a space or a line break allowed on each side), four digits
 *       (also written "12 34"): {@code 850709-1234}, {@code 850709 - 1234}, {@code 850709--1234},
 *       {@code 19850709 - 1234}, {@code 850709-12 34}, a dash or hyphen at a line break;
 *   <li>YYMMDD+XXXX, YYYYMMDD+XXXX (aged 100 or more);
 *   <li>YYYYMMDDXXXX, the twelve digits run together;
 * </ul>
 *
 * <p>and, <b>only when the Luhn check digit is right</b> (computed over YYMMDDXXX as Skatteverket does, the
 * +60 day included), the forms other figures share: YYMMDDXXXX run together (mobile numbers such as
 * 0701234567), a space instead of the hyphen ({@code 850709 1234}, {@code 19850709 1234}: tables flattened
 * to text put dates and amounts side by side), a plus with spaces around it (a sum), and a date written with
 * hyphens before the four digits ({@code 1985-07-09-1234}, next to date ranges).
 *
 * <p>The hyphen forms need no check digit: a number mistyped in the minutes is still somebody's identity
 * number, and no other figure in Swedish minutes is written as a date, a hyphen and four digits.
 *
 * <p><b>Kept</b>: case numbers ({@code Dnr 2024/7}, {@code KS 2024/55}, {@code BUN/2016:360}, {@code 17/12}),
 * amounts ({@code 5 549,8 tkr}), dates and date ranges ({@code 2024-02-14}, {@code 2019-02-05 – 2019-02-27},
 * {@code 2023-2024}), phone numbers in their usual groups ({@code 0240-860 00}, {@code 070-123 45 67}), and
 * organisation numbers ({@code 212000-2239}: month 20 or more is never a date). Not recognised: a number with
 * spaces inside the date ({@code 85 07 09-1234}), with a wrong check digit in the run-together or spaced
 * forms, and reserve numbers of the health services (letters in the last four).
 */
public final class PersonalIdentityNumbers {

  public static final String REPLACEMENT = "[personnummer borttaget]";

  private static final char SOFT_HYPHEN = '\u00AD';

  /**
   * In the normalised view: the date part (eight digits, six digits, or a date with hyphens), the separator
   * (hyphens, pluses and single spaces, at most two signs), the last four digits (maybe split 2 + 2).
   */
  private static final Pattern CANDIDATE = Pattern.compile(
      "(?<![0-9])(?<date>[0-9]{8}|[0-9]{6}|(?:[0-9]{2})?[0-9]{2}-[0-9]{2}-[0-9]{2})"
          + "(?<sep>(?: ?[-+]){0,2} ?)(?<last>[0-9]{2} ?[0-9]{2})(?![0-9]|[-./:][0-9])");

  private PersonalIdentityNumbers() {}

  /** The text with every identity number replaced by "[personnummer borttaget]"; null stays null. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    List<int[]> spans = spans(text);
    if (spans.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int[] span : spans) {
      out.append(text, copied, span[0]).append(REPLACEMENT);
      copied = span[1];
    }
    return out.append(text, copied, text.length()).toString();
  }

  /** Every identity number in the text as it is written there, in order; none for null. */
  public static List<String> found(String text) {
    if (text == null) {
      return List.of();
    }
    return spans(text).stream().map(span -> text.substring(span[0], span[1])).toList();
  }

  /** True when the text holds at least one identity number. */
  public static boolean contains(String text) {
    return text != null && !spans(text).isEmpty();
  }

  /** Start (inclusive) and end (exclusive) in the original text of every number, in order, not overlapping. */
  private static List<int[]> spans(String text) {
    List<int[]> spans = new ArrayList<>();
    find(Normalised.of(text, false), spans);
    if (text.indexOf(SOFT_HYPHEN) >= 0) {
      find(Normalised.of(text, true), spans);
      spans.sort((a, b) -> Integer.compare(a[0], b[0]));
      List<int[]> merged = new ArrayList<>();
      for (int[] span : spans) {
        if (!merged.isEmpty() && span[0] < merged.getLast()[1]) {
          merged.getLast()[1] = Math.max(merged.getLast()[1], span[1]);
        } else {
          merged.add(span);
        }
      }
      return merged;
    }
    return spans;
  }

  private static void find(Normalised view, List<int[]> spans) {
    Matcher match = CANDIDATE.matcher(view.text);
    while (match.find()) {
      if (isIdentityNumber(match.group("date"), match.group("sep"), match.group("last"))) {
        spans.add(new int[] {view.start[match.start()], view.end[match.end() - 1]});
      }
    }
  }

  private static boolean isIdentityNumber(String datePart, String separator, String last) {
    String signs = separator.replace(" ", "");
    boolean spaced = separator.contains(" ");
    boolean hyphen = signs.equals("-") || signs.equals("--");
    boolean plus = signs.equals("+");
    if (!signs.isEmpty() && !hyphen && !plus) {
      return false; // "+-", "++": not how a number is written
    }
    if (last.contains(" ") && !hyphen) {
      return false; // "12 34" only after a hyphen; elsewhere it reads as a phone number's groups
    }
    boolean dateWithHyphens = datePart.contains("-");
    String date = datePart.replace("-", "");
    if (!isValidDate(date)) {
      return false;
    }
    String lastDigits = last.replace(" ", "");
    boolean needsCheckDigit = dateWithHyphens
        || (plus && spaced)
        || (signs.isEmpty() && (spaced || date.length() == 6));
    return !needsCheckDigit || hasValidCheckDigit(date.substring(date.length() - 6) + lastDigits);
  }

  private static boolean isValidDate(String date) {
    if (date.length() == 8) {
      int century = Integer.parseInt(date.substring(0, 2));
      if (century < 18 || century > 20) {
        return false;
      }
      return isExistingDate(Integer.parseInt(date.substring(0, 4)), date.substring(4));
    }
    int yearInCentury = Integer.parseInt(date.substring(0, 2));
    // The century is unknown: accept the date if it exists in either the 1900s or the 2000s.
    return isExistingDate(1900 + yearInCentury, date.substring(2)) || isExistingDate(2000 + yearInCentury, date.substring(2));
  }

  /** @param monthDay MMDD, the day plus 60 for a samordningsnummer */
  private static boolean isExistingDate(int year, String monthDay) {
    int month = Integer.parseInt(monthDay.substring(0, 2));
    int day = Integer.parseInt(monthDay.substring(2));
    if (day > 60) {
      day -= 60;
    }
    try {
      LocalDate.of(year, month, day);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /** Luhn over the ten digits YYMMDDXXXX: weights 2, 1, 2, ... from the left, digit sums of the products. */
  static boolean hasValidCheckDigit(String tenDigits) {
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      int product = (tenDigits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
      sum += product / 10 + product % 10;
    }
    return sum % 10 == 0;
  }

  /**
   * The text as it is matched (see the class comment), with the original range of each of its characters.
   * {@code start[i]} and {@code end[i]} are the original indices where view character i begins and ends.
   */
  private record Normalised(String text, int[] start, int[] end) {

    static Normalised of(String original, boolean softHyphenIsHyphen) {
      StringBuilder view = new StringBuilder(original.length());
      int[] start = new int[original.length()];
      int[] end = new int[original.length()];
      int i = 0;
      while (i < original.length()) {
        int codePoint = original.codePointAt(i);
        int next = i + Character.charCount(codePoint);
        char mapped = map(codePoint, softHyphenIsHyphen);
        if (mapped == ' ' && !view.isEmpty() && view.charAt(view.length() - 1) == ' ') {
          end[view.length() - 1] = next; // a run of spaces is one space
        } else if (mapped != 0) {
          start[view.length()] = i;
          end[view.length()] = next;
          view.append(mapped);
        }
        i = next;
      }
      return new Normalised(view.toString(), start, end);
    }

    /** The view's character for one code point: a digit, '-', '+', ' ', 0 for nothing, ASCII as it is, else 'x'. */
    private static char map(int codePoint, boolean softHyphenIsHyphen) {
      if (codePoint == SOFT_HYPHEN) {
        return softHyphenIsHyphen ? '-' : 0;
      }
      int digit = Character.getType(codePoint) == Character.DECIMAL_DIGIT_NUMBER ? Character.digit(codePoint, 10) : -1;
      if (digit >= 0) {
        return (char) ('0' + digit);
      }
      if (Character.getType(codePoint) == Character.DASH_PUNCTUATION
          || codePoint == '\u2212' || codePoint == '\u2043' || codePoint == '\u02D7' || codePoint == '\u2796') {
        return '-';
      }
      if (codePoint == '+' || codePoint == '\uFF0B' || codePoint == '\uFE62' || codePoint == '\u2795') {
        return '+';
      }
      if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == '\u0085') {
        return ' ';
      }
      if (isInvisible(codePoint)) {
        return 0;
      }
      return codePoint < 0x80 ? (char) codePoint : 'x'; // other letters and signs only need to be no digit
    }

    private static boolean isInvisible(int codePoint) {
      return switch (Character.getType(codePoint)) {
        case Character.FORMAT, Character.CONTROL, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> true;
        default -> codePoint == '\u115F' || codePoint == '\u1160' || codePoint == '\u3164' || codePoint == '\uFFA0'
            || codePoint == '\u17B4' || codePoint == '\u17B5';
      };
    }
  }
}
