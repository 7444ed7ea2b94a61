package se.anslag.board;

import java.time.LocalDate;
import java.util.List;

/** Escaping for HTML and XML, and the Swedish list and date forms the pages share. */
public final class Markup {

  private Markup() {}

  /**
   * Escapes the five markup characters, so the result is safe as HTML or XML text and inside a quoted
   * attribute, and drops characters XML 1.0 does not allow (control characters, unpaired surrogates).
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (isAllowedXmlChar(c)) {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** The text without characters XML 1.0 does not allow (control characters, unpaired surrogates). */
  static String stripInvalid(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (isAllowedXmlChar(c)) {
        out.append(c);
      }
    }
    return out.length() == text.length() ? text : out.toString();
  }

  /** XML 1.0 Char production for one UTF-16 unit, excluding surrogates (handled in pairs by the caller). */
  static boolean isAllowedXmlChar(char c) {
    return c == '\t' || c == '\n' || c == '\r'
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD);
  }

  /** A date as {@code <time datetime="2024-02-20">2024-02-20</time>}. */
  static String time(LocalDate date) {
    String iso = date.toString();
    return "<time datetime=\"" + iso + "\">" + iso + "</time>";
  }

  /** "A", "A och B", "A, B och C"; the items are used as given (escape them first when needed). */
  static String swedishList(List<String> items) {
    return switch (items.size()) {
      case 0 -> "";
      case 1 -> items.getFirst();
      default -> String.join(", ", items.subList(0, items.size() - 1)) + " och " + items.getLast();
    };
  }
}
