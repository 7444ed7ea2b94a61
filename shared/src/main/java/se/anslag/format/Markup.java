package se.anslag.format;

/** Escaping for HTML and XML text, shared by the board's pages and feeds and the mails. */
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
  public static String stripInvalid(String text) {
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
  public static boolean isAllowedXmlChar(char c) {
    return c == '\t' || c == '\n' || c == '\r'
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD);
  }
}
