package se.anslag.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.TakedownPolicy;
import se.anslag.domain.Warning;

/** The notice dates and warnings of the domain rules, one example each. */
class NoticeScheduleTest {

  @ParameterizedTest(name = "posted {0}: last appeal day {1}, takedown {2}")
  @CsvSource({
    "2024-02-20, 2024-03-12, 2024-03-13", // +21 is a plain Tuesday
    "2019-12-03, 2019-12-27, 2019-12-28", // +21 is julafton
    "2025-12-10, 2026-01-02, 2026-01-03", // +21 is nyårsafton, rolls into the next year
    "2025-05-08, 2025-05-30, 2025-05-31", // +21 is Kristi himmelsfärdsdag
    "2016-05-31, 2016-06-21, 2016-06-22", // Vimmerby BUN, adjusted and posted 2016-05-31
  })
  void computesTheWorkedExamplesOfTheDomainNote(
      LocalDate postedOn, LocalDate lastAppealDay, LocalDate takedownOn) {
    NoticeDates dates = NoticeSchedule.forPostings(List.of(postedOn), TakedownPolicy.NEXT_DAY);

    assertThat(dates).isEqualTo(new NoticeDates(postedOn, lastAppealDay, takedownOn));
  }

  @Test
  void sameDayPolicyTakesTheNoticeDownOnTheLastAppealDay() {
    NoticeDates dates =
        NoticeSchedule.forPostings(List.of(LocalDate.of(2019, 12, 3)), TakedownPolicy.SAME_DAY);

    assertThat(dates.takedownOn()).isEqualTo(LocalDate.of(2019, 12, 27));
    assertThat(dates.isVisibleOn(LocalDate.of(2019, 12, 27))).isTrue();
  }

  @Test
  void nextDayPolicyTakesDownOnTheCalendarDayAfterEvenASaturday() {
    NoticeDates dates =
        NoticeSchedule.forPostings(List.of(LocalDate.of(2025, 5, 8)), TakedownPolicy.NEXT_DAY);

    assertThat(dates.takedownOn()).isEqualTo(LocalDate.of(2025, 5, 31)); // a Saturday
  }

  @Test
  void jointCommitteeTimeRunsFromTheLatestPostingAmongItsBoards() {
    LocalDate ludvika = LocalDate.of(2024, 2, 16);
    LocalDate smedjebacken = LocalDate.of(2024, 2, 20);

    NoticeDates dates =
        NoticeSchedule.forPostings(List.of(smedjebacken, ludvika), TakedownPolicy.NEXT_DAY);

    assertThat(dates.postedOn()).isEqualTo(smedjebacken);
    assertThat(dates.lastAppealDay()).isEqualTo(LocalDate.of(2024, 3, 12));
  }

  @Test
  void refusesAnEmptyListOfPostings() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> NoticeSchedule.forPostings(List.of(), TakedownPolicy.NEXT_DAY));
  }

  @ParameterizedTest(name = "adjusted {0}: post by {1}")
  @CsvSource({
    "2024-02-19, 2024-02-21", // Monday + 2 is Wednesday
    "2024-02-15, 2024-02-19", // Thursday + 2 is a Saturday
    "2019-12-20, 2019-12-23", // Friday + 2 is a Sunday
    "2025-12-22, 2025-12-29", // + 2 is julafton, then juldagen, annandag jul and a weekend
    "2025-04-16, 2025-04-22", // + 2 is långfredagen, then Easter
  })
  void postingDeadlineIsTwoDaysAfterAdjustmentRolledForward(
      LocalDate adjustedOn, LocalDate deadline) {
    assertThat(NoticeSchedule.postingDeadline(adjustedOn)).isEqualTo(deadline);
  }

  @Test
  void warnsNothingWhenEverythingIsOnTime() {
    List<Warning> warnings =
        NoticeSchedule.warnings(
            LocalDate.of(2024, 2, 14), LocalDate.of(2024, 2, 19), LocalDate.of(2024, 2, 20));

    assertThat(warnings).isEmpty();
  }

  @Test
  void warnsOfLatePostingNamingTheDates() {
    List<Warning> warnings =
        NoticeSchedule.warnings(
            LocalDate.of(2024, 2, 14), LocalDate.of(2024, 2, 19), LocalDate.of(2024, 2, 26));

    assertThat(warnings)
        .containsExactly(
            new Warning(
                "LATE_POSTING",
                "Posted 2024-02-26, after the deadline 2024-02-21 (adjusted 2024-02-19 + 2 days)"));
  }

  @Test
  void latePostingMessageSaysWhenTheDeadlineWasRolledForward() {
    List<Warning> warnings =
        NoticeSchedule.warnings(null, LocalDate.of(2025, 12, 22), LocalDate.of(2025, 12, 30));

    assertThat(warnings)
        .containsExactly(
            new Warning(
                "LATE_POSTING",
                "Posted 2025-12-30, after the deadline 2025-12-29 (adjusted 2025-12-22 + 2 days,"
                    + " rolled forward past non-working days)"));
  }

  @Test
  void postingOnTheRolledForwardDeadlineIsOnTime() {
    assertThat(NoticeSchedule.warnings(null, LocalDate.of(2025, 12, 22), LocalDate.of(2025, 12, 29)))
        .isEmpty();
  }

  @Test
  void warnsOfAdjustmentMoreThanFourteenDaysAfterTheMeeting() {
    List<Warning> warnings =
        NoticeSchedule.warnings(
            LocalDate.of(2024, 2, 14), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 2, 29));

    assertThat(warnings).extracting(Warning::code).containsExactly("LATE_ADJUSTMENT");
    assertThat(warnings.getFirst().message())
        .contains("2024-02-29", "15 days", "2024-02-14", "2024-02-28");
  }

  @Test
  void adjustmentOnTheFourteenthDayIsOnTime() {
    assertThat(
            NoticeSchedule.warnings(
                LocalDate.of(2024, 2, 14), LocalDate.of(2024, 2, 28), LocalDate.of(2024, 2, 28)))
        .isEmpty();
  }

  @Test
  void warnsOfPostingBeforeAdjustment() {
    List<Warning> warnings =
        NoticeSchedule.warnings(
            LocalDate.of(2024, 2, 14), LocalDate.of(2024, 2, 19), LocalDate.of(2024, 2, 16));

    assertThat(warnings)
        .containsExactly(
            new Warning(
                "POSTED_BEFORE_ADJUSTMENT",
                "Posted 2024-02-16, before the minutes were adjusted on 2024-02-19"));
  }

  @Test
  void warnsOfAdjustmentBeforeTheMeeting() {
    List<Warning> warnings =
        NoticeSchedule.warnings(
            LocalDate.of(2024, 2, 14), LocalDate.of(2024, 2, 13), LocalDate.of(2024, 2, 14));

    assertThat(warnings)
        .containsExactly(
            new Warning(
                "ADJUSTED_BEFORE_MEETING", "Adjusted 2024-02-13, before the meeting on 2024-02-14"));
  }

  @Test
  void reportsEveryProblemInTheOrderOfEvents() {
    List<Warning> warnings =
        NoticeSchedule.warnings(
            LocalDate.of(2024, 1, 10), LocalDate.of(2024, 2, 19), LocalDate.of(2024, 3, 1));

    assertThat(warnings).extracting(Warning::code).containsExactly("LATE_ADJUSTMENT", "LATE_POSTING");
  }

  @Test
  void skipsChecksThatNeedAMissingDate() {
    LocalDate postedOn = LocalDate.of(2024, 3, 1);

    assertThat(NoticeSchedule.warnings(null, null, postedOn)).isEmpty();
    assertThat(NoticeSchedule.warnings(LocalDate.of(2024, 1, 10), null, postedOn)).isEmpty();
  }
}
