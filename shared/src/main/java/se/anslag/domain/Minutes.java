package se.anslag.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * What the reader takes from one set of adjusted minutes (protokoll).
 *
 * @param organ the organ as printed ("Gemensamma servicenämnden")
 * @param paragraphRange the range printed in the notice block, or null when none is printed
 * @param storagePlace where the adjusted minutes are kept (förvaringsplats), or null
 * @param adjustedOn the adjustment date printed in the minutes, or null: the upload supplies it then
 * @param printedNotice notice dates already printed in the minutes (usually none)
 * @param warnings what the reader noticed (missing paragraphs, missing recipients, ...)
 */
public record Minutes(
    String organ,
    LocalDate meetingDate,
    ParagraphRange paragraphRange,
    String storagePlace,
    LocalDate adjustedOn,
    PrintedNoticeDates printedNotice,
    List<Paragraph> paragraphs,
    List<Warning> warnings) {

  public Minutes {
    paragraphs = List.copyOf(paragraphs);
    warnings = List.copyOf(warnings);
    printedNotice = printedNotice == null ? PrintedNoticeDates.NONE : printedNotice;
  }
}
