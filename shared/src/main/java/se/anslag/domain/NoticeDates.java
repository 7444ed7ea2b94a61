package se.anslag.domain;

import java.time.LocalDate;

/**
 * The dates of one notice.
 *
 * @param postedOn the posting that starts the appeal time (for a joint committee, the latest
 *     posting among its boards)
 * @param lastAppealDay the last day an appeal can reach the court
 * @param takedownOn the day the notice comes down, by the municipality's policy
 */
public record NoticeDates(LocalDate postedOn, LocalDate lastAppealDay, LocalDate takedownOn) {

  /** A notice is on the board from its posting through the whole last appeal day, whatever the policy. */
  public boolean isVisibleOn(LocalDate day) {
    return !day.isBefore(postedOn) && !day.isAfter(lastAppealDay);
  }
}
