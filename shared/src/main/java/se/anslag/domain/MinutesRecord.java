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
 * @param statusDetail why the minutes were rejected or superseded, or null
 * @param version 1 for the first upload of an organ's meeting, n + 1 for a corrected upload of version n
 * @param supersedes the id of the version this one replaces, or null for version 1
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
    List<Warning> warnings,
    int version,
    String supersedes) {

  public MinutesRecord {
    warnings = List.copyOf(warnings);
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, not " + version);
    }
  }

  /** A first version (nothing superseded). */
  public MinutesRecord(String id, String sourceBucket, String sourceKey, Instant receivedAt, String organ,
      String organSlug, LocalDate meetingDate, ParagraphRange paragraphRange, String storagePlace,
      LocalDate adjustedOn, MinutesStatus status, String statusDetail, List<Warning> warnings) {
    this(id, sourceBucket, sourceKey, receivedAt, organ, organSlug, meetingDate, paragraphRange, storagePlace,
        adjustedOn, status, statusDetail, warnings, 1, null);
  }

  public MinutesRecord asVersion(int newVersion, String supersededId) {
    return new MinutesRecord(
        id, sourceBucket, sourceKey, receivedAt, organ, organSlug, meetingDate, paragraphRange,
        storagePlace, adjustedOn, status, statusDetail, warnings, newVersion, supersededId);
  }

  public MinutesRecord withStatus(MinutesStatus newStatus, String detail) {
    return new MinutesRecord(
        id, sourceBucket, sourceKey, receivedAt, organ, organSlug, meetingDate, paragraphRange,
        storagePlace, adjustedOn, newStatus, detail, warnings, version, supersedes);
  }
}
