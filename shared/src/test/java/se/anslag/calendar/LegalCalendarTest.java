package se.anslag.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Working days under lag (1930:173): every Swedish holiday rule and the calendar's range. */
class LegalCalendarTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("namedDaysOfChosenYears")
  void namesExactlyTheHolidaysAndEvesOfTheYear(int year, Map<LocalDate, String> expected) {
    Map<LocalDate, String> named = new TreeMap<>();
    for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
      LocalDate current = day;
      LegalCalendar.holidayName(day).ifPresent(name -> named.put(current, name));
    }

    assertThat(named).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(named.keySet()).allSatisfy(day -> assertThat(LegalCalendar.isNonWorkingDay(day)).isTrue());
  }

  static Stream<Arguments> namedDaysOfChosenYears() {
    return Stream.of(
        // The last year with annandag pingst and without nationaldagen; midsommar and
        // alla helgons dag on their latest possible dates.
        Arguments.of(
            2004,
            days(
                "2004-01-01", "nyårsdagen",
                "2004-01-06", "trettondedag jul",
                "2004-04-09", "långfredagen",
                "2004-04-11", "påskdagen",
                "2004-04-12", "annandag påsk",
                "2004-05-01", "första maj",
                "2004-05-20", "Kristi himmelsfärdsdag",
                "2004-05-30", "pingstdagen",
                "2004-05-31", "annandag pingst",
                "2004-06-25", "midsommarafton",
                "2004-06-26", "midsommardagen",
                "2004-11-06", "alla helgons dag",
                "2004-12-24", "julafton",
                "2004-12-25", "juldagen",
                "2004-12-26", "annandag jul",
                "2004-12-31", "nyårsafton")),
        // The first year with nationaldagen and without annandag pingst.
        Arguments.of(
            2005,
            days(
                "2005-01-01", "nyårsdagen",
                "2005-01-06", "trettondedag jul",
                "2005-03-25", "långfredagen",
                "2005-03-27", "påskdagen",
                "2005-03-28", "annandag påsk",
                "2005-05-01", "första maj",
                "2005-05-05", "Kristi himmelsfärdsdag",
                "2005-05-15", "pingstdagen",
                "2005-06-06", "nationaldagen",
                "2005-06-24", "midsommarafton",
                "2005-06-25", "midsommardagen",
                "2005-11-05", "alla helgons dag",
                "2005-12-24", "julafton",
                "2005-12-25", "juldagen",
                "2005-12-26", "annandag jul",
                "2005-12-31", "nyårsafton")),
        // Midsommardagen and alla helgons dag on their earliest possible dates.
        Arguments.of(
            2020,
            days(
                "2020-01-01", "nyårsdagen",
                "2020-01-06", "trettondedag jul",
                "2020-04-10", "långfredagen",
                "2020-04-12", "påskdagen",
                "2020-04-13", "annandag påsk",
                "2020-05-01", "första maj",
                "2020-05-21", "Kristi himmelsfärdsdag",
                "2020-05-31", "pingstdagen",
                "2020-06-06", "nationaldagen",
                "2020-06-19", "midsommarafton",
                "2020-06-20", "midsommardagen",
                "2020-10-31", "alla helgons dag",
                "2020-12-24", "julafton",
                "2020-12-25", "juldagen",
                "2020-12-26", "annandag jul",
                "2020-12-31", "nyårsafton")),
        // Midsommardagen and alla helgons dag on their latest possible dates.
        Arguments.of(
            2021,
            days(
                "2021-01-01", "nyårsdagen",
                "2021-01-06", "trettondedag jul",
                "2021-04-02", "långfredagen",
                "2021-04-04", "påskdagen",
                "2021-04-05", "annandag påsk",
                "2021-05-01", "första maj",
                "2021-05-13", "Kristi himmelsfärdsdag",
                "2021-05-23", "pingstdagen",
                "2021-06-06", "nationaldagen",
                "2021-06-25", "midsommarafton",
                "2021-06-26", "midsommardagen",
                "2021-11-06", "alla helgons dag",
                "2021-12-24", "julafton",
                "2021-12-25", "juldagen",
                "2021-12-26", "annandag jul",
                "2021-12-31", "nyårsafton")));
  }

  @Test
  void namesBothHolidaysWhenKristiHimmelsfardsdagFallsOnForstaMaj() {
    assertThat(LegalCalendar.holidayName(LocalDate.of(2008, 5, 1)))
        .contains("första maj och Kristi himmelsfärdsdag");
  }

  @ParameterizedTest(name = "{1} {0}")
  @CsvSource({
    "2024-01-05, trettondedagsafton",
    "2024-03-28, skärtorsdag",
    "2024-04-30, valborgsmässoafton",
    "2024-11-01, allhelgonaafton",
    "2003-06-06, nationaldagen before it became a holiday in 2005",
    "2005-05-16, annandag pingst after it stopped being a holiday in 2005",
  })
  void eveOrDayThatIsNotNamedInTheLawIsAWorkingDay(LocalDate weekday, String what) {
    assertThat(LegalCalendar.isNonWorkingDay(weekday)).isFalse();
    assertThat(LegalCalendar.holidayName(weekday)).isEmpty();
  }

  @Test
  void annandagPingstIsNonWorkingUpToAndIncluding2004() {
    assertThat(LegalCalendar.isNonWorkingDay(LocalDate.of(2003, 6, 9))).isTrue();
    assertThat(LegalCalendar.holidayName(LocalDate.of(2003, 6, 9))).contains("annandag pingst");
  }

  @Test
  void weekendIsNonWorkingButHasNoName() {
    LocalDate saturday = LocalDate.of(2024, 2, 17);
    LocalDate sunday = LocalDate.of(2024, 2, 18);

    assertThat(LegalCalendar.isNonWorkingDay(saturday)).isTrue();
    assertThat(LegalCalendar.isNonWorkingDay(sunday)).isTrue();
    assertThat(LegalCalendar.holidayName(saturday)).isEmpty();
    assertThat(LegalCalendar.isNonWorkingDay(LocalDate.of(2024, 2, 19))).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2024-02-20, 2024-02-20", // a working day stays
    "2024-02-17, 2024-02-19", // Saturday to Monday
    "2019-12-24, 2019-12-27", // julafton, juldagen, annandag jul
    "2025-12-31, 2026-01-02", // nyårsafton, nyårsdagen, across the year
    "2024-03-29, 2024-04-02", // långfredagen through annandag påsk
    "2020-06-19, 2020-06-22", // midsommarafton through Sunday
  })
  void rollsForwardToTheFirstWorkingDay(LocalDate day, LocalDate expected) {
    assertThat(LegalCalendar.firstWorkingDayFrom(day)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"2038, 2038-04-25", "2008, 2008-03-23", "2024, 2024-03-31", "1990, 1990-04-15", "2199, 2199-04-14"})
  void computesEasterSundayByTheGregorianComputus(int year, LocalDate easter) {
    assertThat(LegalCalendar.easterSunday(year)).isEqualTo(easter);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"1989-12-31", "2200-01-01"})
  void refusesDaysOutsideTheSupportedYears(LocalDate outside) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LegalCalendar.isNonWorkingDay(outside))
        .withMessageContaining("1990 through 2199")
        .withMessageContaining(outside.toString());
    assertThatIllegalArgumentException().isThrownBy(() -> LegalCalendar.holidayName(outside));
  }

  @Test
  void refusesToRollForwardPastTheLastSupportedYear() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LegalCalendar.firstWorkingDayFrom(LocalDate.of(2199, 12, 31)))
        .withMessageContaining("2200-01-01");
  }

  private static Map<LocalDate, String> days(String... dateNamePairs) {
    Map<LocalDate, String> days = new TreeMap<>();
    for (int i = 0; i < dateNamePairs.length; i += 2) {
      days.put(LocalDate.parse(dateNamePairs[i]), dateNamePairs[i + 1]);
    }
    return days;
  }
}
