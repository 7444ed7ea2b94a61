package se.anslag.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.TakedownPolicy;

/**
 * Properties of the schedule checked on every day of the supported range (about 76,000 days
 * each, a fraction of a second): exhaustive, so no counterexample can hide between samples.
 */
class NoticeSchedulePropertiesTest {
  private static final LocalDate FIRST = LocalDate.of(LegalCalendar.FIRST_SUPPORTED_YEAR, 1, 1);
  /** The last posting whose appeal period still ends inside the supported range. */
  private static final LocalDate LAST = LocalDate.of(LegalCalendar.LAST_SUPPORTED_YEAR, 12, 1);

  private static Stream<LocalDate> everyDay() {
    return FIRST.datesUntil(LAST.plusDays(1));
  }

  @Test
  void lastAppealDayIsTheFirstWorkingDayFromPostedPlus21() {
    everyDay().forEach(postedOn -> {
      for (var policy : TakedownPolicy.values()) {
        LocalDate nominal = postedOn.plusDays(21);

        LocalDate lastAppealDay = NoticeSchedule.forPostings(List.of(postedOn), policy).lastAppealDay();

        assertThat(lastAppealDay).as("posted %s", postedOn).isAfterOrEqualTo(nominal);
        assertThat(LegalCalendar.isNonWorkingDay(lastAppealDay)).as("%s", lastAppealDay).isFalse();
        for (LocalDate day = nominal; day.isBefore(lastAppealDay); day = day.plusDays(1)) {
          assertThat(LegalCalendar.isNonWorkingDay(day)).as("%s", day).isTrue();
        }
      }
    });
  }

  @Test
  void takedownIsNeverBeforeTheLastAppealDay() {
    everyDay().forEach(postedOn -> {
      for (var policy : TakedownPolicy.values()) {
        NoticeDates dates = NoticeSchedule.forPostings(List.of(postedOn), policy);

        assertThat(dates.takedownOn()).as("posted %s, %s", postedOn, policy).isAfterOrEqualTo(dates.lastAppealDay());
        assertThat(dates.isVisibleOn(dates.lastAppealDay())).isTrue();
      }
    });
  }

  @Test
  void jointCommitteeDatesDependOnlyOnTheLatestPosting() {
    var random = new Random(20240214); // fixed seed: a failure is reproducible
    long span = LAST.toEpochDay() - FIRST.toEpochDay();
    for (int trial = 0; trial < 20_000; trial++) {
      var postings = new ArrayList<LocalDate>();
      int boards = 1 + random.nextInt(6);
      LocalDate base = FIRST.plusDays(random.nextLong(span - 10));
      for (int i = 0; i < boards; i++) {
        postings.add(base.plusDays(random.nextInt(10)));
      }
      var policy = TakedownPolicy.values()[random.nextInt(TakedownPolicy.values().length)];

      NoticeDates joint = NoticeSchedule.forPostings(postings, policy);

      assertThat(joint).as("%s", postings).isEqualTo(NoticeSchedule.forPostings(List.of(Collections.max(postings)), policy));
    }
  }

  @Test
  void postingDeadlineIsTheFirstWorkingDayFromAdjustedPlus2() {
    everyDay().forEach(adjustedOn -> {
      LocalDate nominal = adjustedOn.plusDays(2);

      LocalDate deadline = NoticeSchedule.postingDeadline(adjustedOn);

      assertThat(deadline).isAfterOrEqualTo(nominal);
      assertThat(LegalCalendar.isNonWorkingDay(deadline)).as("%s", deadline).isFalse();
      for (LocalDate day = nominal; day.isBefore(deadline); day = day.plusDays(1)) {
        assertThat(LegalCalendar.isNonWorkingDay(day)).as("%s", day).isTrue();
      }
    });
  }
}
