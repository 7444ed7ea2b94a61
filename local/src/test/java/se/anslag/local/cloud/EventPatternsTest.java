package se.anslag.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** EventBridge pattern matching as the local cloud routes S3 events. */
class EventPatternsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String UPLOAD_PATTERN = """
          {"source": ["aws.s3"], "detail-type": ["Object Created"],
           "detail": {"bucket": {"name": ["protocols"]}}}
          """;

  private static JsonNode objectCreated(String bucket, String key) throws Exception {
    return JSON.readTree("""
            {"version": "0", "detail-type": "Object Created", "source": "aws.s3",
             "resources": ["arn:aws:s3:::%s"],
             "detail": {"bucket": {"name": "%s"}, "object": {"key": "%s", "size": 5}}}
            """.formatted(bucket, bucket, key));
  }

  @Test
  void uploadPatternMatchesAnObjectCreatedInItsBucket() throws Exception {
    assertThat(EventPatterns.matches(JSON.readTree(UPLOAD_PATTERN), objectCreated("protocols", "a.pdf"))).isTrue();
  }

  @Test
  void uploadPatternIgnoresOtherBuckets() throws Exception {
    assertThat(EventPatterns.matches(JSON.readTree(UPLOAD_PATTERN), objectCreated("archive", "a.pdf"))).isFalse();
  }

  @Test
  void contentFiltersApplyToTheirField() throws Exception {
    JsonNode pattern = JSON.readTree("""
            {"detail": {"object": {"key": [{"prefix": "in/"}], "etag": [{"exists": false}]}},
             "resources": ["arn:aws:s3:::protocols"]}
            """);

    assertThat(EventPatterns.matches(pattern, objectCreated("protocols", "in/a.pdf"))).isTrue();
    assertThat(EventPatterns.matches(pattern, objectCreated("protocols", "out/a.pdf"))).isFalse();
  }

  @Test
  void anythingButExcludesTheNamedValues() throws Exception {
    JsonNode pattern = JSON.readTree("{\"detail\": {\"bucket\": {\"name\": [{\"anything-but\": [\"archive\"]}]}}}");

    assertThat(EventPatterns.matches(pattern, objectCreated("protocols", "a"))).isTrue();
    assertThat(EventPatterns.matches(pattern, objectCreated("archive", "a"))).isFalse();
  }
}
