package se.anslag.ports;

import java.time.Instant;
import java.util.Map;

/** Whole objects in buckets: the uploads intake reads, the case files, the public site. */
public interface ObjectStore {
  /**
   * One object with what the store tells about it.
   *
   * @param versionId the version the store returned (S3's {@code x-amz-version-id}): set in a bucket that keeps
   *     versions, "null" for an object written before versioning was enabled, null where none is sent (a bucket
   *     without versioning; s3rver)
   */
  record StoredObject(byte[] content, Map<String, String> metadata, Instant lastModified, String contentType,
      String versionId) {}

  /** The object is not there. */
  final class NoSuchObjectException extends RuntimeException {
    public NoSuchObjectException(String bucket, String key) {
      super("No object '" + key + "' in bucket " + bucket);
    }
  }

  /** The store refused a request; {@link #isTransient()} tells a retry apart from a permanent refusal. */
  class RequestFailure extends RuntimeException {
    private final boolean isTransient;

    public RequestFailure(boolean isTransient, String message) {
      super(message);
      this.isTransient = isTransient;
    }

    public boolean isTransient() {
      return isTransient;
    }
  }

  /** The current version of the object (IAM: s3:GetObject). */
  StoredObject get(String bucket, String key);

  /** One version of the object, as a bucket with versioning keeps it (IAM: s3:GetObjectVersion). */
  StoredObject getVersion(String bucket, String key, String versionId);

  void put(String bucket, String key, byte[] content, String contentType, String cacheControl);

  /** Deletes the object; one that is not there is no error. */
  void delete(String bucket, String key);

  /** Every key in the bucket with its ETag (the MD5 of the bytes for objects put whole). */
  Map<String, String> list(String bucket);
}
