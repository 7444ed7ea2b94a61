package se.anslag.reader;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds dates as minutes print them: ISO ("2024-02-14") or Swedish words ("31 maj 2016"). */
final class SwedishDates {

  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      Map.entry("januari", 1), Map.entry("jan", 1),
      Map.entry("februari", 2), Map.entry("feb", 2),
      Map.entry("mars", 3), Map.entry("mar", 3),
      Map.entry("april", 4), Map.entry("apr", 4),
      Map.entry("maj", 5),
      Map.entry("juni", 6), Map.entry("jun", 6),
      Map.entry("juli", 7), Map.entry("jul", 7),
      Map.entry("augusti", 8), Map.entry("aug", 8),
      Map.entry("september", 9), Map.entry("sep", 9), Map.entry("sept", 9),
      Map.entry("oktober", 10), Map.entry("okt", 10),
      Map.entry("november", 11), Map.entry("nov", 11),
      Map.entry("december", 12), Map.entry("dec", 12));

  private static final Pattern DATE = Pattern.compile(
      "(?<![\\d-])(?<y>\\d{4})-(?<m>\\d{1,2})-(?<d>\\d{1,2})(?![\\d])"
          + "|(?<![\\d\\p{L}])(?<wd>\\d{1,2})(?:\\s*:e|\\s*:a)?\\s+(?<wm>"
          + "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
          + "|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec)\\.?,?\\s+(?<wy>\\d{4})(?!\\d)",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private SwedishDates() {}

  /** A date found in text with where it was found, so callers can cut around it. */
  record Found(LocalDate date, int start, int end) {}

  static List<Found> findAll(String text) {
    List<Found> found = new ArrayList<>();
    Matcher m = DATE.matcher(text);
    while (m.find()) {
      LocalDate date = toDate(m);
      if (date != null) {
        found.add(new Found(date, m.start(), m.end()));
      }
    }
    return found;
  }

  static LocalDate first(String text) {
    List<Found> all = findAll(text);
    return all.isEmpty() ? null : all.getFirst().date();
  }

  private static LocalDate toDate(Matcher m) {
    try {
      if (m.group("y") != null) {
        return LocalDate.of(
            Integer.parseInt(m.group("y")), Integer.parseInt(m.group("m")), Integer.parseInt(m.group("d")));
      }
      int month = MONTHS.get(m.group("wm").toLowerCase(Locale.ROOT));
      return LocalDate.of(Integer.parseInt(m.group("wy")), month, Integer.parseInt(m.group("wd")));
    } catch (DateTimeException e) {
      return null; // "2024-02-30" and the like are not dates
    }
  }
}
