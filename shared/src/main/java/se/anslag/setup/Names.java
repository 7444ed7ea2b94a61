package se.anslag.setup;

import java.util.Locale;

/** How printed names are compared with the setup: case, spacing and trailing punctuation folded. */
public final class Names {
  private static final Locale SWEDISH = Locale.of("sv", "SE");

  private Names() {}

  public static String normalize(String printed) {
    return printed
        .strip()
        .replaceAll("\\s+", " ")
        .replaceAll("[\\s.,;:]+$", "")
        .toLowerCase(SWEDISH);
  }
}
