package se.anslag.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Joins the lines of a decision or title as printed: numbered or bulleted items each start a new
 * line of the result, other lines continue the item before them. A word broken at the line end
 * ("2023-" / "2024") is joined without a space, except before "och", "eller", ... ("risk- och").
 */
final class DecisionText {

  private static final Pattern ITEM_START = Pattern.compile("^(?:\\d{1,2}[.)]|\\p{L}[.)]|[-–—])\\s+.*");
  private static final Pattern CONJUNCTION_START =
      Pattern.compile("(?iu)^(?:och|eller|samt|respektive|resp\\.|till|som)\\b.*");

  private DecisionText() {}

  /** "2023-" at the end: only the tail is looked at, as the item can grow long. */
  private static boolean endsWithBrokenWord(CharSequence item) {
    int n = item.length();
    return n >= 2 && item.charAt(n - 1) == '-' && Character.isLetterOrDigit(item.charAt(n - 2));
  }

  static String join(List<String> lines) {
    List<StringBuilder> items = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      if (items.isEmpty() || ITEM_START.matcher(line).matches()) {
        items.add(new StringBuilder(line));
        continue;
      }
      StringBuilder current = items.getLast();
      if (!endsWithBrokenWord(current) || CONJUNCTION_START.matcher(line).matches()) {
        current.append(' ');
      }
      current.append(line);
    }
    return String.join("\n", items.stream().map(StringBuilder::toString).toList());
  }
}
