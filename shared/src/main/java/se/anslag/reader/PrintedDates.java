package se.anslag.reader;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import se.anslag.domain.NoticeDates;
import se.anslag.domain.PrintedNoticeDates;
import se.anslag.domain.Warning;

/**
 * Compares the notice dates that the minutes already print with the dates the rules give. The
 * computed dates win; a difference is only worth a warning, because the clerk may have typed the
 * printed ones before the notice was actually posted.
 */
public final class PrintedDates {

  public static final String MISMATCH = "PRINTED_DATE_MISMATCH";

  private PrintedDates() {}

  /** One warning per printed date that differs from the computed one; a date not printed is not compared. */
  public static List<Warning> compare(PrintedNoticeDates printed, NoticeDates computed) {
    List<Warning> warnings = new ArrayList<>();
    if (printed == null || computed == null) {
      return warnings;
    }
    compare("posting date", printed.postedOn(), computed.postedOn(), warnings);
    compare("last appeal day", printed.lastAppealDay(), computed.lastAppealDay(), warnings);
    compare("takedown date", printed.takedownOn(), computed.takedownOn(), warnings);
    return warnings;
  }

  private static void compare(String field, LocalDate printed, LocalDate computed, List<Warning> warnings) {
    if (printed != null && computed != null && !printed.equals(computed)) {
      warnings.add(new Warning(MISMATCH,
          "The minutes print " + printed + " as the " + field + ", but the rules give " + computed + "."));
    }
  }
}
