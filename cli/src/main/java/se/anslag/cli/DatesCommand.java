package se.anslag.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import se.anslag.calendar.NoticeSchedule;
import se.anslag.domain.Warning;

/** `anslag dates`: the notice dates and warnings of a posting, as JSON, without AWS. */
@Command(name = "dates", description = "Compute the notice dates for a posting date, by the rules of domain.md.")
final class DatesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--posted-on", required = true, description = "Day the notice goes up (YYYY-MM-DD).")
  LocalDate postedOn;

  @Option(names = "--adjusted-on", description = "Day the minutes were adjusted, for the posting-deadline check.")
  LocalDate adjustedOn;

  @Option(names = "--meeting-date", description = "Day of the meeting, for the 14-day adjustment check.")
  LocalDate meetingDate;

  @Mixin PolicyOption policyOption;

  record Dates(LocalDate postedOn, LocalDate lastAppealDay, LocalDate takedownOn, List<Warning> warnings) {}

  @Override
  public Integer call() throws Exception {
    var dates = NoticeSchedule.forPostings(List.of(postedOn), policyOption.policy());
    var warnings = NoticeSchedule.warnings(meetingDate, adjustedOn, postedOn);
    spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(
        new Dates(dates.postedOn(), dates.lastAppealDay(), dates.takedownOn(), warnings)));
    return 0;
  }
}
