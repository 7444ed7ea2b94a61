package se.anslag.ports;

import java.time.Instant;
import java.util.Map;

/** Whole objects in buckets: the uploads intake reads, the case files, the public site. */
public interface ObjectStore {
  /** One object with what the store tells about it. */
  record StoredObject(byte[] content, Map<String, String> metadata, Instant lastModified, String contentType) {}

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

  StoredObject get(String bucket, String key);

  void put(String bucket, String key, byte[] content, String contentType, String cacheControl);

  /** Deletes the object; one that is not there is no error. */
  void delete(String bucket, String key);

  /** Every key in the bucket with its ETag (the MD5 of the bytes for objects put whole). */
  Map<String, String> list(String bucket);
}
