package se.anslag.format;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Address segments made from names: the only text that ever goes into a link or an object key. */
public final class Slugs {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
  private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_SLUG_CHARS = Pattern.compile("[^a-z0-9]+");
  private static final int MAX_LENGTH = 80;

  private Slugs() {}

  /**
   * "Gemensamma servicenämnden" becomes "gemensamma-servicenamnden": lowercase, diacritics dropped (å, ä to
   * a, ö to o, é to e), every other run of characters a single hyphen, at most 80 characters. Returns "" when
   * nothing usable is left.
   */
  public static String slug(String text) {
    if (text == null) {
      return "";
    }
    String lower = text.toLowerCase(Locale.ROOT)
        .replace("æ", "ae").replace("ø", "o").replace("ß", "ss").replace("œ", "oe");
    String withoutMarks = COMBINING_MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    String hyphenated = NOT_SLUG_CHARS.matcher(withoutMarks).replaceAll("-");
    String trimmed = trimHyphens(hyphenated);
    if (trimmed.length() <= MAX_LENGTH) {
      return trimmed;
    }
    return trimHyphens(trimmed.substring(0, MAX_LENGTH));
  }

  /** True when the text is already a slug: lowercase ASCII letters and digits, single inner hyphens. */
  public static boolean isSlug(String text) {
    return text != null && text.length() <= MAX_LENGTH && SLUG.matcher(text).matches();
  }

  private static String trimHyphens(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) == '-') {
      start++;
    }
    while (end > start && text.charAt(end - 1) == '-') {
      end--;
    }
    return text.substring(start, end);
  }
}
