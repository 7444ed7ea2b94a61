package se.anslag.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Reading an intake message: the bucket and key of an EventBridge Object Created event, or a clear
 * refusal.
 */
class UploadEventTest {
  private final ObjectMapper json = new ObjectMapper();

  private static String event(String key) {
    return """
        {"version":"0","detail-type":"Object Created","source":"aws.s3",
         "detail":{"bucket":{"name":"protocols"},"object":{"key":"%s","size":10}}}
        """.formatted(key);
  }

  @Test
  void readsBucketAndKeyOfAnObjectCreatedEvent() {
    assertThat(UploadEvent.parse(event("uploads/gsn-2024-02-14.pdf"), json))
        .isEqualTo(new UploadEvent("protocols", "uploads/gsn-2024-02-14.pdf"));
  }

  /** The event as AWS documents it for a versioned bucket (EventBridge "Object Created", detail.object). */
  @Test
  void readsTheVersionAndSequencerTheEventNames() {
    var event = """
        {"version":"0","detail-type":"Object Created","source":"aws.s3",
         "detail":{"version":"0","bucket":{"name":"protocols"},
           "object":{"key":"uploads/gsn.pdf","size":5,"etag":"b1946ac92492d2347c6235b4d2611184",
             "version-id":"IYV3p45BT0ac8hjHg1houSdS1a.Mro8e","sequencer":"617f08299329d189"},
           "request-id":"N4N7GDK58NMKJ12R","requester":"123456789012","reason":"PutObject"}}
        """;

    var upload = UploadEvent.parse(event, json);

    assertThat(upload).isEqualTo(
        new UploadEvent("protocols", "uploads/gsn.pdf", "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e", "617f08299329d189"));
    assertThat(upload.uploadTag()).isEqualTo("IYV3p45BT0ac8hjHg1houSdS1a.Mro8e");
    assertThat(UploadEvent.parse(event.replace("\"version-id\":\"IYV3p45BT0ac8hjHg1houSdS1a.Mro8e\",", ""), json)
        .uploadTag()).isEqualTo("617f08299329d189");
  }

  @Test
  void decodesAKeyThatS3UrlEncoded() {
    assertThat(UploadEvent.parse(event("uploads/protokoll+ks+%C3%A5r+2024.pdf"), json).key())
        .isEqualTo("uploads/protokoll ks år 2024.pdf");
  }

  @Test
  void aBodyThatIsNotJsonOrNotAnUploadIsNamedAsSuch() {
    assertThatThrownBy(() -> UploadEvent.parse("not json", json))
        .isInstanceOf(UploadEvent.MalformedEventException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> UploadEvent.parse("{\"detail\":{}}", json))
        .isInstanceOf(UploadEvent.MalformedEventException.class).hasMessageContaining("detail.object.key");
  }
}
