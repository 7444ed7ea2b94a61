package se.anslag.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The uploaded object named by an intake queue message: an EventBridge "Object Created" event.
 *
 * @param versionId the version S3 created for this upload (in a versioned bucket), or null
 * @param sequencer S3's ordering token of this upload of the key, or null; tells two uploads of
 *     the same bytes apart where the bucket keeps no versions (the local S3 emulator)
 */
public record UploadEvent(String bucket, String key, String versionId, String sequencer) {

  /** An upload named by bucket and key only: the current object is read. */
  public UploadEvent(String bucket, String key) {
    this(bucket, key, null, null);
  }

  /**
   * What tells this upload from another of the same key, or null when the event names nothing:
   * the version, else the sequencer. A redelivered event names the same upload.
   */
  public String uploadTag() {
    return versionId != null ? versionId : sequencer;
  }

  /**
   * The message body is not an upload event. It fails its batch item like any other error, so the
   * intake queue hands it back up to its maxReceiveCount (5) and then keeps it in the dead-letter
   * queue, whose alarm tells the operator: nothing is dropped, and `anslag redrive` returns it.
   */
  public static final class MalformedEventException extends IllegalArgumentException {
    MalformedEventException(String message) {
      super(message);
    }
  }

  public static UploadEvent parse(String messageBody, ObjectMapper json) {
    JsonNode event;
    try {
      event = json.readTree(messageBody);
    } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
      throw new MalformedEventException("Intake message is not JSON: " + notJson.getOriginalMessage());
    }
    var bucket = event.path("detail").path("bucket").path("name").asText("");
    var key = event.path("detail").path("object").path("key").asText("");
    if (bucket.isEmpty() || key.isEmpty()) {
      throw new MalformedEventException(
          "Intake message is not an S3 'Object Created' event (no detail.bucket.name or detail.object.key)");
    }
    // S3 URL-encodes keys in its events ("red flower.pdf" arrives as "red+flower.pdf"); the
    // local emulator does not. Decoding handles both for the keys clerks use.
    return new UploadEvent(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8),
        textOrNull(event.path("detail").path("object").path("version-id")),
        textOrNull(event.path("detail").path("object").path("sequencer")));
  }

  private static String textOrNull(JsonNode node) {
    var text = node.asText("");
    return text.isBlank() ? null : text;
  }
}
