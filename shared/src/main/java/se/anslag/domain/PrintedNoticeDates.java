package se.anslag.domain;

import java.time.LocalDate;

/** Dates that the minutes' notice block already carries; any of them may be absent (null). */
public record PrintedNoticeDates(LocalDate postedOn, LocalDate lastAppealDay, LocalDate takedownOn) {
  public static final PrintedNoticeDates NONE = new PrintedNoticeDates(null, null, null);
}
