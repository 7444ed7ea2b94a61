package se.anslag.mailer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

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
