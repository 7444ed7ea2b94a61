package se.anslag.reader;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
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

  private static final String MONTH_NAMES =
      "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
          + "|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec";

  private static final Pattern DATE = Pattern.compile(
      "(?<![\\d-])(?<y>\\d{4})-(?<m>\\d{1,2})-(?<d>\\d{1,2})(?![\\d])"
          + "|(?<![\\d\\p{L}])(?<wd>\\d{1,2})(?:\\s*:e|\\s*:a)?\\s+(?<wm>" + MONTH_NAMES
          + ")\\.?,?\\s+(?<wy>\\d{4})(?!\\d)",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** "tisdagen den 17 juni" without a year: day, month and the weekday when printed. */
  private static final Pattern PARTIAL = Pattern.compile(
      "(?:(?<weekday>måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\\s+(?:den\\s+)?)?"
          + "(?<![\\d\\p{L}])(?<d>\\d{1,2})(?:\\s*:e|\\s*:a)?\\s+(?<m>" + MONTH_NAMES + ")(?![\\p{L}])(?!\\.?,?\\s+\\d{4})",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final List<String> WEEKDAYS = List.of("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag",
      "söndag");

  /**
   * How far into a value its date may start and still be the value ("tisdagen den 5 november
   * 2013"): a weekday and "den" may come first.
   */
  static final int WEEKDAY_PREFIX = 16;

  private SwedishDates() {}

  /** A date printed without its year; {@link #inYearOf} completes it. */
  record Partial(MonthDay monthDay, DayOfWeek weekday) {

    /**
     * The first such day on or after {@code from} (an adjustment follows its meeting), within a
     * year; null when the printed weekday does not fit that day.
     */
    LocalDate onOrAfter(LocalDate from) {
      LocalDate date = monthDay.atYear(from.getYear());
      if (date.isBefore(from)) {
        date = monthDay.atYear(from.getYear() + 1);
      }
      return weekday == null || date.getDayOfWeek() == weekday ? date : null;
    }
  }

  static List<Partial> findPartial(String text) {
    List<Partial> found = new ArrayList<>();
    Matcher m = PARTIAL.matcher(text);
    while (m.find()) {
      try {
        int month = MONTHS.get(m.group("m").toLowerCase(Locale.ROOT));
        MonthDay day = MonthDay.of(month, Integer.parseInt(m.group("d")));
        String weekday = m.group("weekday");
        found.add(new Partial(day,
            weekday == null ? null : DayOfWeek.of(WEEKDAYS.indexOf(weekday.toLowerCase(Locale.ROOT)) + 1)));
      } catch (DateTimeException e) {
        // "31 juni" is no day
      }
    }
    return found;
  }

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
