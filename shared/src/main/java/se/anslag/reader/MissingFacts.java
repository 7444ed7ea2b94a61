package se.anslag.reader;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import se.anslag.domain.Minutes;
import se.anslag.domain.Warning;

/**
 * The warnings that name a fact the reader did not find, or found printed in two ways and so did
 * not take. Minutes are read in part rather than refused; these say what the clerk must supply.
 */
public final class MissingFacts {

  public static final String ORGAN_NOT_FOUND = "ORGAN_NOT_FOUND";
  public static final String ORGAN_IN_DOUBT = "ORGAN_IN_DOUBT";
  public static final String MEETING_DATE_NOT_FOUND = "MEETING_DATE_NOT_FOUND";
  public static final String MEETING_DATE_IN_DOUBT = "MEETING_DATE_IN_DOUBT";
  public static final String PARAGRAPHS_NOT_FOUND = "PARAGRAPHS_NOT_FOUND";
  public static final String PARAGRAPH_RANGE_NOT_FOUND = "PARAGRAPH_RANGE_NOT_FOUND";
  public static final String ADJUSTMENT_DATE_NOT_FOUND = "ADJUSTMENT_DATE_NOT_FOUND";
  public static final String STORAGE_PLACE_NOT_FOUND = "STORAGE_PLACE_NOT_FOUND";

  /** Without these nothing can be posted or sent: the notice belongs to an organ's meeting and lists its decisions. */
  private static final Set<String> NEEDED_TO_POST = Set.of(ORGAN_NOT_FOUND, ORGAN_IN_DOUBT, MEETING_DATE_NOT_FOUND,
      MEETING_DATE_IN_DOUBT, PARAGRAPHS_NOT_FOUND);

  /** Every warning the reader gives about the organ or the meeting date starts so. */
  private static final String ORGAN_WARNINGS = "ORGAN_";
  private static final String MEETING_DATE_WARNINGS = "MEETING_DATE_";

  private MissingFacts() {}

  /** These warnings without the one that names a fact ({@code code}) the upload or the clerk has supplied. */
  public static List<Warning> supplied(List<Warning> warnings, String code) {
    return warnings.stream().filter(w -> !w.code().equals(code)).toList();
  }

  /** The warnings of the facts missing from these minutes without which nothing can be posted or sent. */
  public static List<Warning> neededToPost(Minutes minutes) {
    return neededToPost(minutes.warnings());
  }

  /** Those of these warnings that name a fact without which nothing can be posted or sent. */
  public static List<Warning> neededToPost(List<Warning> warnings) {
    return warnings.stream().filter(w -> NEEDED_TO_POST.contains(w.code())).toList();
  }

  /**
   * These minutes with the organ and the meeting date that the clerk supplied (null: not supplied)
   * in place of what was read, and without the reader's warnings about each fact supplied: the
   * clerk's word settles a fact the reader missed, doubted or inferred.
   */
  public static Minutes supply(Minutes minutes, String organ, LocalDate meetingDate) {
    var warnings = minutes.warnings().stream()
        .filter(w -> organ == null || !w.code().startsWith(ORGAN_WARNINGS))
        .filter(w -> meetingDate == null || !w.code().startsWith(MEETING_DATE_WARNINGS))
        .toList();
    return new Minutes(organ == null ? minutes.organ() : organ,
        meetingDate == null ? minutes.meetingDate() : meetingDate, minutes.paragraphRange(), minutes.storagePlace(),
        minutes.adjustedOn(), minutes.printedNotice(), minutes.paragraphs(), warnings);
  }
}
