package se.anslag.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.PrintedNoticeDates;
import se.anslag.domain.Warning;

/** Dates printed in the minutes' notice block compared with the computed ones. */
class PrintedDatesTest {

  private static final NoticeDates COMPUTED =
      new NoticeDates(LocalDate.of(2019, 12, 3), LocalDate.of(2019, 12, 27), LocalDate.of(2019, 12, 28));

  @Test
  void printedDatesThatAgreeGiveNoWarning() {
    PrintedNoticeDates printed =
        new PrintedNoticeDates(LocalDate.of(2019, 12, 3), LocalDate.of(2019, 12, 27), LocalDate.of(2019, 12, 28));

    assertThat(PrintedDates.compare(printed, COMPUTED)).isEmpty();
  }

  @Test
  void datesNotPrintedAreNotCompared() {
    assertThat(PrintedDates.compare(PrintedNoticeDates.NONE, COMPUTED)).isEmpty();
  }

  @Test
  void aLastAppealDayThatIgnoresChristmasEveIsNamedWithBothDates() {
    // 2019-12-03 + 21 days is julafton; the minutes forgot the roll-forward to the next weekday
    PrintedNoticeDates printed = new PrintedNoticeDates(LocalDate.of(2019, 12, 3), LocalDate.of(2019, 12, 24), null);

    assertThat(PrintedDates.compare(printed, COMPUTED)).containsExactly(new Warning("PRINTED_DATE_MISMATCH",
        "The minutes print 2019-12-24 as the last appeal day, but the rules give 2019-12-27."));
  }

  @Test
  void everyDifferingDateGetsItsOwnWarning() {
    PrintedNoticeDates printed =
        new PrintedNoticeDates(LocalDate.of(2019, 12, 4), LocalDate.of(2019, 12, 27), LocalDate.of(2019, 12, 27));

    assertThat(PrintedDates.compare(printed, COMPUTED)).extracting(Warning::message).containsExactly(
        "The minutes print 2019-12-04 as the posting date, but the rules give 2019-12-03.",
        "The minutes print 2019-12-27 as the takedown date, but the rules give 2019-12-28.");
  }
}
