package se.anslag.desk;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import se.anslag.calendar.LegalCalendar;
import se.anslag.calendar.NoticeSchedule;
import se.anslag.domain.TakedownPolicy;

/**
 * The notice dates as the clerk's review shows them, each with the rule that gave it (Swedish, the
 * desk's language): the dates come from {@link NoticeSchedule}, the one calculation, and only the
 * words are made here.
 */
final class ScheduleExplained {

  /** One date of the notice: what it is, the day, and why that day. */
  record Line(String what, LocalDate date, String rule) {}

  private ScheduleExplained() {}

  /** adjustedOn may be null (not read and not given): then the posting deadline is left out. */
  static List<Line> of(LocalDate adjustedOn, LocalDate postedOn, TakedownPolicy policy) {
    var dates = NoticeSchedule.forPostings(List.of(postedOn), policy);
    var lines = new ArrayList<Line>();
    if (adjustedOn != null) {
      lines.add(new Line("Justerat", adjustedOn, "Dagen då protokollet justerades; tiden för anslaget räknas från den."));
      var deadline = NoticeSchedule.postingDeadline(adjustedOn);
      lines.add(new Line("Senaste dag att anslå", deadline,
          "Senast andra dagen efter justeringen (kommunallagen 8 kap.)"
              + rolledForward(adjustedOn.plusDays(NoticeSchedule.POSTING_PERIOD_DAYS), deadline) + "."));
    }
    lines.add(new Line("Anslås", postedOn, "Den dag anslaget sätts upp; överklagandetiden räknas från den."));
    lines.add(new Line("Sista dag för överklagande", dates.lastAppealDay(),
        "Tre veckor från anslagsdagen (kommunallagen 13 kap. 5 §, lag (1930:173) 1 §)"
            + rolledForward(postedOn.plusDays(NoticeSchedule.APPEAL_PERIOD_DAYS), dates.lastAppealDay()) + "."));
    lines.add(new Line("Tas ned", dates.takedownOn(), takedownRule(policy)));
    return List.copyOf(lines);
  }

  private static String takedownRule(TakedownPolicy policy) {
    return switch (policy) {
      case NEXT_DAY -> "Dagen efter sista dag för överklagande (kommunens ordning).";
      case SAME_DAY -> "Sista dag för överklagande, sedan den dagen är slut (kommunens ordning).";
    };
  }

  /** Lag (1930:173) 2 §: a last day that is no working day moves to the next one; says so when it did. */
  private static String rolledForward(LocalDate nominal, LocalDate actual) {
    if (nominal.equals(actual)) {
      return "";
    }
    var name = LegalCalendar.holidayName(nominal)
        .orElse(nominal.getDayOfWeek() == DayOfWeek.SATURDAY ? "en lördag" : "en söndag");
    return "; " + nominal + " är " + name + ", så dagen flyttas till nästa vardag (lag (1930:173) 2 §)";
  }
}
