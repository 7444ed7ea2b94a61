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
