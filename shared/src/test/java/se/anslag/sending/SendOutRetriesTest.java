package se.anslag.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The backoff of a send-out's retries: 30, 60, 120, 150 s. */
class SendOutRetriesTest {

  @Test
  void backoffDoublesFromThirtySecondsPerReceive() {
    assertThat(SendOutRetries.backoff(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(SendOutRetries.backoff(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(SendOutRetries.backoff(3)).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void backoffStopsAtOneHundredFiftySecondsBelowTheQueuesVisibilityTimeout() {
    assertThat(SendOutRetries.backoff(4)).isEqualTo(Duration.ofSeconds(150));
    assertThat(SendOutRetries.backoff(5)).isEqualTo(Duration.ofSeconds(150));
    assertThat(SendOutRetries.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(150));
    assertThat(SendOutRetries.backoff(4)).isLessThan(Duration.ofSeconds(180));
  }

  @Test
  void aMissingOrOddReceiveCountCountsAsTheFirst() {
    assertThat(SendOutRetries.backoff(0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(SendOutRetries.backoff(-3)).isEqualTo(Duration.ofSeconds(30));
  }
}
