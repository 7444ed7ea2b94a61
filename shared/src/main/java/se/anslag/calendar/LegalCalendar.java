package se.anslag.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Non-working days under lag (1930:173) om beräkning av lagstadgad tid, and the roll-forward.
 *
 * <p>This class is the one definition of "non-working day" in Anslag (domain rules 4 and 5): a
 * Saturday, a Sunday, an allmän helgdag of lag (1989:253) as in force that year, midsommarafton,
 * julafton or nyårsafton. Trettondedagsafton, skärtorsdag, valborgsmässoafton and allhelgonaafton
 * are working days (RÅ 2004 not. 40 for the first).
 */
public final class LegalCalendar {

  /** Lag (1989:253) om allmänna helgdagar applies from 1990. */
  public static final int FIRST_SUPPORTED_YEAR = 1990;

  /** An arbitrary horizon: far enough for any notice, near enough that the law is unlikely to hold unchanged. */
  public static final int LAST_SUPPORTED_YEAR = 2199;

  /** Lag (1989:253) was amended with effect from 2005: nationaldagen in, annandag pingst out. */
  private static final int NATIONAL_DAY_REPLACES_WHIT_MONDAY = 2005;

  /** Every named non-working day of the supported years, built once (about 3,600 entries). */
  private static final Map<LocalDate, String> NAMED_DAYS = namedDaysOfSupportedYears();

  private LegalCalendar() {}

  /**
   * Saturday, Sunday, every allmän helgdag of lag (1989:253) as in force that year,
   * midsommarafton, julafton, nyårsafton.
   */
  public static boolean isNonWorkingDay(LocalDate day) {
    requireSupported(day);
    return isWeekend(day) || NAMED_DAYS.containsKey(day);
  }

  /** The day itself if it is a working day (vardag), else the next one that is. */
  public static LocalDate firstWorkingDayFrom(LocalDate day) {
    LocalDate candidate = day;
    while (isNonWorkingDay(candidate)) {
      candidate = candidate.plusDays(1);
    }
    return candidate;
  }

  /**
   * Swedish name of the holiday/eve on that day ("julafton", "Kristi himmelsfärdsdag", ...) or
   * empty; for messages. When two coincide (Kristi himmelsfärdsdag on första maj, 2008), both
   * names are given, joined by "och".
   */
  public static Optional<String> holidayName(LocalDate day) {
    requireSupported(day);
    return Optional.ofNullable(NAMED_DAYS.get(day));
  }

  private static boolean isWeekend(LocalDate day) {
    DayOfWeek weekday = day.getDayOfWeek();
    return weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY;
  }

  private static void requireSupported(LocalDate day) {
    if (day == null) {
      throw new IllegalArgumentException("day must not be null");
    }
    if (day.getYear() < FIRST_SUPPORTED_YEAR || day.getYear() > LAST_SUPPORTED_YEAR) {
      throw new IllegalArgumentException(
          "The legal calendar covers "
              + FIRST_SUPPORTED_YEAR
              + " through "
              + LAST_SUPPORTED_YEAR
              + "; "
              + day
              + " is outside it");
    }
  }

  private static Map<LocalDate, String> namedDaysOfSupportedYears() {
    Map<LocalDate, String> days = new HashMap<>();
    for (int year = FIRST_SUPPORTED_YEAR; year <= LAST_SUPPORTED_YEAR; year++) {
      addNamedDaysOf(year, days);
    }
    return Map.copyOf(days);
  }

  private static void addNamedDaysOf(int year, Map<LocalDate, String> days) {
    LocalDate easter = easterSunday(year);
    LocalDate midsummerDay = saturdayFrom(MonthDay.of(6, 20).atYear(year));
    LocalDate allSaintsDay = saturdayFrom(MonthDay.of(10, 31).atYear(year));

    add(days, LocalDate.of(year, 1, 1), "nyårsdagen");
    add(days, LocalDate.of(year, 1, 6), "trettondedag jul");
    add(days, easter.minusDays(2), "långfredagen");
    add(days, easter, "påskdagen");
    add(days, easter.plusDays(1), "annandag påsk");
    add(days, LocalDate.of(year, 5, 1), "första maj");
    add(days, easter.plusDays(39), "Kristi himmelsfärdsdag");
    add(days, easter.plusDays(49), "pingstdagen");
    if (year < NATIONAL_DAY_REPLACES_WHIT_MONDAY) {
      add(days, easter.plusDays(50), "annandag pingst");
    } else {
      add(days, LocalDate.of(year, 6, 6), "nationaldagen");
    }
    add(days, midsummerDay.minusDays(1), "midsommarafton");
    add(days, midsummerDay, "midsommardagen");
    add(days, allSaintsDay, "alla helgons dag");
    add(days, LocalDate.of(year, 12, 24), "julafton");
    add(days, LocalDate.of(year, 12, 25), "juldagen");
    add(days, LocalDate.of(year, 12, 26), "annandag jul");
    add(days, LocalDate.of(year, 12, 31), "nyårsafton");
  }

  private static void add(Map<LocalDate, String> days, LocalDate day, String name) {
    days.merge(day, name, (earlier, later) -> earlier + " och " + later);
  }

  /** The Saturday in the seven days starting at {@code first}. */
  private static LocalDate saturdayFrom(LocalDate first) {
    return first.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
  }

  /** Gregorian computus (the anonymous algorithm of Meeus, Jones and Butcher). */
  static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int dayOfMonth = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(year, month, dayOfMonth);
  }
}
