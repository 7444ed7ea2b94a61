package se.anslag.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One uploaded set of minutes as stored. The id is the SHA-256 of the uploaded bytes, so that
 * the same upload twice is recognised.
 *
 * @param organ the organ as the setup names it (the printed name when rejected)
 * @param organSlug the organ's slug in the setup, or null when rejected before it was known
 * @param statusDetail why the minutes were rejected, or null
 */
public record MinutesRecord(
    String id,
    String sourceBucket,
    String sourceKey,
    Instant receivedAt,
    String organ,
    String organSlug,
    LocalDate meetingDate,
    ParagraphRange paragraphRange,
    String storagePlace,
    LocalDate adjustedOn,
    MinutesStatus status,
    String statusDetail,
    List<Warning> warnings) {

  public MinutesRecord {
    warnings = List.copyOf(warnings);
  }

  public MinutesRecord withStatus(MinutesStatus newStatus, String detail) {
    return new MinutesRecord(
        id, sourceBucket, sourceKey, receivedAt, organ, organSlug, meetingDate, paragraphRange,
        storagePlace, adjustedOn, newStatus, detail, warnings);
  }
}
