package se.anslag.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
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
 * @param sourceVersionId the S3 version of the upload that intake read (its SHA-256 is the id), or null where
 *     the bucket gave none (s3rver keeps no versions) and for records written before versions were recorded
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
    String supersedes,
    String sourceVersionId) {

  /** The id of minutes with these bytes: their SHA-256 in lower-case hex. */
  public static String idOf(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  public MinutesRecord {
    warnings = List.copyOf(warnings);
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, not " + version);
    }
  }

  /** A record without the upload's version id. */
  public MinutesRecord(String id, String sourceBucket, String sourceKey, Instant receivedAt, String organ,
      String organSlug, LocalDate meetingDate, ParagraphRange paragraphRange, String storagePlace,
      LocalDate adjustedOn, MinutesStatus status, String statusDetail, List<Warning> warnings, int version,
      String supersedes) {
    this(id, sourceBucket, sourceKey, receivedAt, organ, organSlug, meetingDate, paragraphRange, storagePlace,
        adjustedOn, status, statusDetail, warnings, version, supersedes, null);
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
        storagePlace, adjustedOn, status, statusDetail, warnings, newVersion, supersededId, sourceVersionId);
  }

  public MinutesRecord withStatus(MinutesStatus newStatus, String detail) {
    return new MinutesRecord(
        id, sourceBucket, sourceKey, receivedAt, organ, organSlug, meetingDate, paragraphRange,
        storagePlace, adjustedOn, newStatus, detail, warnings, version, supersedes, sourceVersionId);
  }

  /** The same record, naming the S3 version of the upload that was read. */
  public MinutesRecord withSourceVersion(String versionId) {
    return new MinutesRecord(
        id, sourceBucket, sourceKey, receivedAt, organ, organSlug, meetingDate, paragraphRange,
        storagePlace, adjustedOn, status, statusDetail, warnings, version, supersedes, versionId);
  }
}
