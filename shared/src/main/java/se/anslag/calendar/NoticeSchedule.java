package se.anslag.calendar;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.TakedownPolicy;
import se.anslag.domain.Warning;

/** The dates a notice must keep and the warnings a clerk should see (domain rules 1-9). */
public final class NoticeSchedule {

  /** Kommunallagen 13 kap. 5 §: three weeks, ending on the same weekday (1930:173 1 §). */
  public static final int APPEAL_PERIOD_DAYS = 21;

  /** Kommunallagen 8 kap.: announced no later than the second day after the adjustment. */
  public static final int POSTING_PERIOD_DAYS = 2;

  /** Minutes are adjusted no later than 14 days after the meeting (rule 2). */
  private static final int ADJUSTMENT_PERIOD_DAYS = 14;

  private NoticeSchedule() {}

  /**
   * Last appeal day = latest posting + 21 days, rolled forward (rule 3, 4); takedown by policy
   * (rule 7). Throws IllegalArgumentException on an empty collection.
   */
  public static NoticeDates forPostings(
      Collection<LocalDate> postingsOnEachBoard, TakedownPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    if (postingsOnEachBoard == null || postingsOnEachBoard.isEmpty()) {
      throw new IllegalArgumentException("At least one posting date is needed to compute notice dates");
    }
    // For a joint committee the time runs from the last board to post (rule 3).
    LocalDate latestPosting =
        postingsOnEachBoard.stream()
            .map(posting -> Objects.requireNonNull(posting, "posting date"))
            .max(Comparator.naturalOrder())
            .orElseThrow();
    LocalDate lastAppealDay =
        LegalCalendar.firstWorkingDayFrom(latestPosting.plusDays(APPEAL_PERIOD_DAYS));
    LocalDate takedownOn =
        switch (policy) {
          case NEXT_DAY -> lastAppealDay.plusDays(1);
          case SAME_DAY -> lastAppealDay;
        };
    return new NoticeDates(latestPosting, lastAppealDay, takedownOn);
  }

  /** The last lawful posting day: adjustedOn + 2 days, rolled forward (rule 6). */
  public static LocalDate postingDeadline(LocalDate adjustedOn) {
    Objects.requireNonNull(adjustedOn, "adjustedOn");
    return LegalCalendar.firstWorkingDayFrom(adjustedOn.plusDays(POSTING_PERIOD_DAYS));
  }

  /**
   * Rule 9 warnings: code "LATE_ADJUSTMENT" when adjustment came more than 14 days after the
   * meeting; code "LATE_POSTING" when postedOn is after postingDeadline(adjustedOn). Also
   * "POSTED_BEFORE_ADJUSTMENT" when postedOn &lt; adjustedOn and "ADJUSTED_BEFORE_MEETING" when
   * adjustedOn &lt; meetingDate. meetingDate and adjustedOn may be null (then those checks are
   * skipped). Warnings come in the order of the events they concern.
   */
  public static List<Warning> warnings(
      LocalDate meetingDate, LocalDate adjustedOn, LocalDate postedOn) {
    Objects.requireNonNull(postedOn, "postedOn");
    List<Warning> warnings = new ArrayList<>();
    if (meetingDate != null && adjustedOn != null) {
      if (adjustedOn.isBefore(meetingDate)) {
        warnings.add(
            new Warning(
                "ADJUSTED_BEFORE_MEETING",
                "Adjusted " + adjustedOn + ", before the meeting on " + meetingDate));
      }
      LocalDate adjustmentDeadline = meetingDate.plusDays(ADJUSTMENT_PERIOD_DAYS);
      if (adjustedOn.isAfter(adjustmentDeadline)) {
        warnings.add(
            new Warning(
                "LATE_ADJUSTMENT",
                "Adjusted "
                    + adjustedOn
                    + ", "
                    + ChronoUnit.DAYS.between(meetingDate, adjustedOn)
                    + " days after the meeting "
                    + meetingDate
                    + " (the limit is 14 days: "
                    + adjustmentDeadline
                    + ")"));
      }
    }
    if (adjustedOn != null) {
      if (postedOn.isBefore(adjustedOn)) {
        warnings.add(
            new Warning(
                "POSTED_BEFORE_ADJUSTMENT",
                "Posted " + postedOn + ", before the minutes were adjusted on " + adjustedOn));
      }
      LocalDate postingDeadline = postingDeadline(adjustedOn);
      if (postedOn.isAfter(postingDeadline)) {
        boolean rolled = !postingDeadline.equals(adjustedOn.plusDays(POSTING_PERIOD_DAYS));
        warnings.add(
            new Warning(
                "LATE_POSTING",
                "Posted "
                    + postedOn
                    + ", after the deadline "
                    + postingDeadline
                    + " (adjusted "
                    + adjustedOn
                    + " + 2 days"
                    + (rolled ? ", rolled forward past non-working days" : "")
                    + ")"));
      }
    }
    return List.copyOf(warnings);
  }
}
