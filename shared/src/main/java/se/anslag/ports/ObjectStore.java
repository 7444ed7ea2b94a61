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

  /**
   * The object is larger than the caller reads: its body was not read (the response's Content-Length told, and the
   * transfer was aborted), so this carries only what the headers say, for a rejection that still names the upload
   * and reaches its uploader.
   */
  final class ObjectTooLargeException extends RuntimeException {
    private final long size;
    private final long maxBytes;
    private final Map<String, String> metadata;
    private final String versionId;
    private final String etag;

    /** {@code size}: the object's, or {@code maxBytes + 1} where the store sent no length and more bytes than that came. */
    public ObjectTooLargeException(String bucket, String key, long size, long maxBytes, Map<String, String> metadata,
        String versionId, String etag) {
      super("Object '" + key + "' in bucket " + bucket + " has " + size + " bytes, more than the " + maxBytes + " read");
      this.size = size;
      this.maxBytes = maxBytes;
      this.metadata = Map.copyOf(metadata);
      this.versionId = versionId;
      this.etag = etag;
    }

    public long size() {
      return size;
    }

    public long maxBytes() {
      return maxBytes;
    }

    public Map<String, String> metadata() {
      return metadata;
    }

    /** As {@link StoredObject#versionId()}. */
    public String versionId() {
      return versionId;
    }

    /** The ETag as sent, null where none was. */
    public String etag() {
      return etag;
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

  /**
   * The current version of the object (IAM: s3:GetObject); one of more than {@code maxBytes} bytes throws
   * {@link ObjectTooLargeException} without its body being read, so a huge upload cannot fill the function's memory.
   */
  StoredObject get(String bucket, String key, long maxBytes);

  /** One version of the object, as a bucket with versioning keeps it (IAM: s3:GetObjectVersion); as {@link #get}. */
  StoredObject getVersion(String bucket, String key, String versionId, long maxBytes);

  void put(String bucket, String key, byte[] content, String contentType, String cacheControl);

  /** Deletes the object; one that is not there is no error. */
  void delete(String bucket, String key);

  /** Every key in the bucket with its ETag (the MD5 of the bytes for objects put whole). */
  Map<String, String> list(String bucket);
}
