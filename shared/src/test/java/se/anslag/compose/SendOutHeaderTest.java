package se.anslag.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The X-Anslag-Send-Out header: written as one ASCII line and read back. */
class SendOutHeaderTest {
  private static final String MINUTES = "3f5a0c9e1b7d2468ace013579bdf2468ace013579bdf2468ace013579bdf2468";

  @ParameterizedTest
  @ValueSource(strings = {"it-chef@ludvika.example.org", "receipt:gsn.sekreterare@ludvika.example.org",
      "a/b+c%d@example.org", "unresolved:Åsa Öberg, ordförande", "case-file"})
  void everyTargetRoundTripsThroughAnAsciiValue(String target) {
    var header = new SendOutHeader(MINUTES, 6, target, 2);

    var value = header.value();

    assertThat(value).matches("[\\x21-\\x7E]+").startsWith(MINUTES + "/6/").endsWith("/2");
    assertThat(value.split("/")).hasSize(4);
    assertThat(SendOutHeader.parse(value)).isEqualTo(header);
  }

  @Test
  void theValueIsReadableByEye() {
    assertThat(new SendOutHeader("abc", 0, "summary:clerk@example.org", 1).value())
        .isEqualTo("abc/0/summary%3Aclerk%40example.org/1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "abc/6/x@example.org", "abc/6/x@example.org/0", "abc/-1/x/1",
      "abc/six/x/1", "abc/6/x y/1", "abc/6/x/1/extra", "abc/6/%zz/1", "abc/6/x\r\nBcc: e@example.org/1",
      "ab c/6/x/1"})
  void valuesItDidNotWriteAreRefused(String value) {
    assertThatThrownBy(() -> SendOutHeader.parse(value)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTargetTooLongForOneHeaderLineIsRefused() {
    var header = new SendOutHeader(MINUTES, 1, "ä".repeat(200), 1);

    assertThatThrownBy(header::value).isInstanceOf(IllegalArgumentException.class);
  }
}
