package se.anslag.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Properties of the schedule over the whole supported range of years. */
class NoticeSchedulePropertiesTest {

  @Property
  void lastAppealDayIsTheFirstWorkingDayFromPostedPlus21(
      @ForAll("postingDays") LocalDate postedOn, @ForAll TakedownPolicy policy) {
    LocalDate nominal = postedOn.plusDays(21);

    LocalDate lastAppealDay = NoticeSchedule.forPostings(List.of(postedOn), policy).lastAppealDay();

    assertThat(lastAppealDay).isAfterOrEqualTo(nominal);
    assertThat(LegalCalendar.isNonWorkingDay(lastAppealDay)).isFalse();
    for (LocalDate day = nominal; day.isBefore(lastAppealDay); day = day.plusDays(1)) {
      assertThat(LegalCalendar.isNonWorkingDay(day)).as("%s", day).isTrue();
    }
  }

  @Property
  void takedownIsNeverBeforeTheLastAppealDay(
      @ForAll("postingDays") LocalDate postedOn, @ForAll TakedownPolicy policy) {
    NoticeDates dates = NoticeSchedule.forPostings(List.of(postedOn), policy);

    assertThat(dates.takedownOn()).isAfterOrEqualTo(dates.lastAppealDay());
    assertThat(dates.isVisibleOn(dates.lastAppealDay())).isTrue();
  }

  @Property
  void jointCommitteeDatesDependOnlyOnTheLatestPosting(
      @ForAll @Size(min = 1, max = 6) List<@From("postingDays") LocalDate> postings,
      @ForAll TakedownPolicy policy) {
    LocalDate latest = Collections.max(postings);

    NoticeDates joint = NoticeSchedule.forPostings(postings, policy);

    assertThat(joint).isEqualTo(NoticeSchedule.forPostings(List.of(latest), policy));
  }

  @Property
  void postingDeadlineIsTheFirstWorkingDayFromAdjustedPlus2(
      @ForAll("postingDays") LocalDate adjustedOn) {
    LocalDate nominal = adjustedOn.plusDays(2);

    LocalDate deadline = NoticeSchedule.postingDeadline(adjustedOn);

    assertThat(deadline).isAfterOrEqualTo(nominal);
    assertThat(LegalCalendar.isNonWorkingDay(deadline)).isFalse();
    for (LocalDate day = nominal; day.isBefore(deadline); day = day.plusDays(1)) {
      assertThat(LegalCalendar.isNonWorkingDay(day)).as("%s", day).isTrue();
    }
  }

  /** Every day of 1990-2199 whose appeal period still ends inside the supported range. */
  @Provide
  Arbitrary<LocalDate> postingDays() {
    return Arbitraries.longs()
        .between(
            LocalDate.of(LegalCalendar.FIRST_SUPPORTED_YEAR, 1, 1).toEpochDay(),
            LocalDate.of(LegalCalendar.LAST_SUPPORTED_YEAR, 12, 1).toEpochDay())
        .map(LocalDate::ofEpochDay);
  }
}
