package se.anslag.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks our own holiday rules against an independent implementation. Jollyday's Swedish calendar
 * lists the days of lag (1989:253) plus midsommarafton, julafton and nyårsafton: the 1930:173 set
 * as in force from 2005. Before 2005 it is wrong for Sweden (it has nationaldagen, lacks annandag
 * pingst), so for those years the comparison states that difference explicitly.
 */
class JollydayCrossCheckTest {

  private static final HolidayManager SWEDEN =
      HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.SWEDEN));

  @Test
  void nonWorkingWeekdaysEqualJollydaysSwedishHolidaysFrom2005() {
    Set<LocalDate> ours = new TreeSet<>();
    Set<LocalDate> jollyday = new TreeSet<>();
    for (int year = 2005; year <= 2100; year++) {
      ours.addAll(ourNonWorkingWeekdays(year));
      jollyday.addAll(weekdaysOnly(jollydayHolidays(year)));
    }

    assertThat(ours).hasSizeGreaterThan(96 * 9).containsExactlyElementsOf(jollyday);
  }

  @Test
  void namedDaysEqualJollydaysSwedishHolidaysEveryYearFrom2005Through2199() {
    for (int year = 2005; year <= LegalCalendar.LAST_SUPPORTED_YEAR; year++) {
      assertThat(ourNamedDays(year)).as("year %d", year).isEqualTo(jollydayHolidays(year));
    }
  }

  @Test
  void before2005JollydayDiffersOnlyByNationaldagenAndAnnandagPingst() {
    for (int year = LegalCalendar.FIRST_SUPPORTED_YEAR; year < 2005; year++) {
      LocalDate easter = LegalCalendar.easterSunday(year);
      Set<LocalDate> jollydayAsLawWas = new TreeSet<>(jollydayHolidays(year));
      jollydayAsLawWas.remove(LocalDate.of(year, 6, 6));
      jollydayAsLawWas.add(easter.plusDays(50));

      assertThat(ourNamedDays(year)).as("year %d", year).isEqualTo(jollydayAsLawWas);
    }
  }

  private static Set<LocalDate> ourNonWorkingWeekdays(int year) {
    Set<LocalDate> days = new TreeSet<>();
    for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
      if (LegalCalendar.isNonWorkingDay(day) && !isWeekend(day)) {
        days.add(day);
      }
    }
    return days;
  }

  private static Set<LocalDate> ourNamedDays(int year) {
    Set<LocalDate> days = new TreeSet<>();
    for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
      if (LegalCalendar.holidayName(day).isPresent()) {
        days.add(day);
      }
    }
    return days;
  }

  private static Set<LocalDate> jollydayHolidays(int year) {
    return SWEDEN.getHolidays(Year.of(year)).stream()
        .map(Holiday::getDate)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<LocalDate> weekdaysOnly(Set<LocalDate> days) {
    return days.stream()
        .filter(day -> !isWeekend(day))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static boolean isWeekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
