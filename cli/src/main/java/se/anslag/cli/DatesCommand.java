package se.anslag.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import se.anslag.calendar.NoticeSchedule;
import se.anslag.domain.TakedownPolicy;
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

  @Option(names = "--policy", defaultValue = "next-day", description = "Takedown policy: next-day (default) or same-day.")
  String policy;

  record Dates(LocalDate postedOn, LocalDate lastAppealDay, LocalDate takedownOn, List<Warning> warnings) {}

  @Override
  public Integer call() throws Exception {
    var dates = NoticeSchedule.forPostings(List.of(postedOn), parsePolicy(policy));
    var warnings = NoticeSchedule.warnings(meetingDate, adjustedOn, postedOn);
    spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(
        new Dates(dates.postedOn(), dates.lastAppealDay(), dates.takedownOn(), warnings)));
    return 0;
  }

  static TakedownPolicy parsePolicy(String value) {
    return switch (value) {
      case "next-day" -> TakedownPolicy.NEXT_DAY;
      case "same-day" -> TakedownPolicy.SAME_DAY;
      default -> throw new AnslagCli.CommandFailure(2, "--policy is '" + value + "'; use next-day or same-day");
    };
  }
}
