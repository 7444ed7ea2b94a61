package se.anslag.ports;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Requests that someone else (the clerk's browser) makes straight to a bucket, with this function's
 * authority: uploads, and the reading of one stored version.
 */
public interface UploadUrls {
  /** The URL carries the authority; the request must send exactly these headers, and the signed size. */
  record PresignedPut(URI url, Map<String, String> headers, Instant expiresAt) {}

  /**
   * A PUT of one new object, valid for {@code validity}, of exactly {@code contentLength} bytes of
   * {@code contentType}, carrying {@code metadata} (ASCII values) as user metadata.
   */
  PresignedPut presignPut(String bucket, String key, String contentType, long contentLength,
      Map<String, String> metadata, Duration validity);

  /** A GET of exactly that version of the object (the current one when versionId is null), valid for {@code validity}. */
  URI presignGet(String bucket, String key, String versionId, Duration validity);
}
