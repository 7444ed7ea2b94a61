package se.anslag.ports;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Buckets in memory, for unit tests: ETags are the MD5 of the bytes, as S3 gives for objects put whole. Every
 * write keeps the versions before it, as a bucket with versioning does ("v1", "v2", ... per bucket).
 */
public final class InMemoryObjects implements ObjectStore {
  private final Map<String, Map<String, StoredObject>> buckets = new TreeMap<>();
  private final Map<String, StoredObject> versions = new TreeMap<>(); // bucket/key/versionId
  private int writes;
  private int puts;
  private RequestFailure nextPutFailure;

  /** Puts an object as a clerk's upload would arrive, with its metadata and time. */
  public synchronized void upload(String bucket, String key, byte[] content, Map<String, String> metadata,
      Instant lastModified) {
    keep(bucket, key, content, Map.copyOf(metadata), lastModified, "application/octet-stream");
  }

  private void keep(String bucket, String key, byte[] content, Map<String, String> metadata, Instant lastModified,
      String contentType) {
    var object = new StoredObject(content, metadata, lastModified, contentType, "v" + ++writes);
    buckets.computeIfAbsent(bucket, b -> new TreeMap<>()).put(key, object);
    versions.put(bucket + "/" + key + "/" + object.versionId(), object);
  }

  /** The next put fails with this refusal, as S3 would answer it. */
  public synchronized void failNextPut(RequestFailure failure) {
    nextPutFailure = failure;
  }

  @Override
  public synchronized StoredObject get(String bucket, String key, long maxBytes) {
    return withinLimit(bucket, key, buckets.getOrDefault(bucket, Map.of()).get(key), maxBytes);
  }

  @Override
  public synchronized StoredObject getVersion(String bucket, String key, String versionId, long maxBytes) {
    return withinLimit(bucket, key, versions.get(bucket + "/" + key + "/" + versionId), maxBytes);
  }

  /** What a test reads back, of any size. */
  public StoredObject get(String bucket, String key) {
    return get(bucket, key, Long.MAX_VALUE);
  }

  private static StoredObject withinLimit(String bucket, String key, StoredObject object, long maxBytes) {
    if (object == null) {
      throw new NoSuchObjectException(bucket, key);
    }
    if (object.content().length > maxBytes) {
      throw new ObjectTooLargeException(bucket, key, object.content().length, maxBytes, object.metadata(),
          object.versionId(), md5(object.content()));
    }
    return object;
  }

  @Override
  public synchronized void put(String bucket, String key, byte[] content, String contentType, String cacheControl) {
    if (nextPutFailure != null) {
      var failure = nextPutFailure;
      nextPutFailure = null;
      throw failure;
    }
    puts++;
    keep(bucket, key, content, Map.of(), null, contentType);
  }

  @Override
  public synchronized void delete(String bucket, String key) {
    buckets.getOrDefault(bucket, new TreeMap<>()).remove(key);
  }

  @Override
  public synchronized Map<String, String> list(String bucket) {
    var etags = new TreeMap<String, String>();
    buckets.getOrDefault(bucket, Map.of()).forEach((key, object) -> etags.put(key, md5(object.content())));
    return etags;
  }

  /** How many puts succeeded so far. */
  public synchronized int puts() {
    return puts;
  }

  private static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
