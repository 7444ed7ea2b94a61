package se.anslag.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import se.anslag.calendar.NoticeSchedule;
import se.anslag.domain.Minutes;
import se.anslag.domain.SwedishTime;
import se.anslag.domain.Warning;
import se.anslag.reader.MinutesReader;
import se.anslag.reader.MissingFacts;
import se.anslag.reader.PrintedDates;
import se.anslag.reader.UnreadableMinutesException;

/** `anslag inspect`: what Anslag reads from a minutes file, as JSON, without AWS. */
@Command(name = "inspect", description = "Read a minutes file (PDF or text) and print what Anslag takes from it, as JSON.")
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The adjusted minutes, PDF or text.")
  Path file;

  @Option(names = "--adjusted-on", description = "Adjustment date (default: the one printed, else today).")
  LocalDate adjustedOn;

  @Option(names = "--posted-on", description = "Posting date (default: today, Europe/Stockholm).")
  LocalDate postedOn;

  @Mixin PolicyOption policyOption;

  record Range(int from, int to) {}

  record NoticeJson(LocalDate postedOn, LocalDate lastAppealDay, LocalDate takedownOn) {}

  record RecipientJson(String name, String qualifier, String raw) {}

  record ParagraphJson(int number, String caseNumber, String title, String decision, List<RecipientJson> recipients) {}

  record Reading(String organ, LocalDate meetingDate, Range paragraphRange, String storagePlace, LocalDate adjustedOn,
      NoticeJson notice, List<ParagraphJson> paragraphs, List<Warning> warnings) {}

  @Override
  public Integer call() throws IOException {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException missing) {
      throw new AnslagCli.CommandFailure(2, file + ": no such file");
    }
    Minutes minutes;
    try {
      minutes = new MinutesReader().read(content);
    } catch (UnreadableMinutesException unreadable) {
      throw new AnslagCli.CommandFailure(2, file + ": " + unreadable.getMessage());
    }
    spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(reading(minutes)));
    return 0;
  }

  private Reading reading(Minutes minutes) {
    var today = SwedishTime.today(SwedishTime.systemClock());
    var adjusted = adjustedOn != null ? adjustedOn : minutes.adjustedOn() != null ? minutes.adjustedOn() : today;
    var posted = postedOn != null ? postedOn : today;
    var dates = NoticeSchedule.forPostings(List.of(posted), policyOption.policy());
    var warnings = new ArrayList<Warning>(adjustedOn == null ? minutes.warnings()
        : MissingFacts.supplied(minutes.warnings(), MissingFacts.ADJUSTMENT_DATE_NOT_FOUND));
    warnings.addAll(NoticeSchedule.warnings(minutes.meetingDate(), adjusted, posted));
    warnings.addAll(PrintedDates.compare(minutes.printedNotice(), dates));
    var range = minutes.paragraphRange() == null ? null
        : new Range(minutes.paragraphRange().from(), minutes.paragraphRange().to());
    var paragraphs = minutes.paragraphs().stream()
        .map(p -> new ParagraphJson(p.number(), p.caseNumber(), p.title(), p.decision(), p.recipients().stream()
            .map(r -> new RecipientJson(r.name(), r.qualifier(), r.raw())).toList()))
        .toList();
    return new Reading(minutes.organ(), minutes.meetingDate(), range, minutes.storagePlace(), adjusted,
        new NoticeJson(dates.postedOn(), dates.lastAppealDay(), dates.takedownOn()), paragraphs, warnings);
  }
}
