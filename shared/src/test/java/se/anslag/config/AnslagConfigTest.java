package se.anslag.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mailer's settings read from the environment: parallelism and claim lifetime, bad values refused. */
class AnslagConfigTest {

  @Test
  void aMailerWithoutMailerParallelismHandlesOneMessageAtATime() {
    assertThat(AnslagConfig.fromEnvironment(Map.of()).mailerParallelism()).isEqualTo(1);
    assertThat(AnslagConfig.fromEnvironment(Map.of("MAILER_PARALLELISM", " ")).mailerParallelism()).isEqualTo(1);
  }

  @Test
  void mailerParallelismIsReadUpToTheBatchSize() {
    assertThat(AnslagConfig.fromEnvironment(Map.of("MAILER_PARALLELISM", "10")).mailerParallelism()).isEqualTo(10);
    assertThat(AnslagConfig.fromEnvironment(Map.of("MAILER_PARALLELISM", " 5 ")).mailerParallelism()).isEqualTo(5);
  }

  @Test
  void aMailerParallelismOutsideOneToTenOrNotANumberIsRefusedByName() {
    assertThatThrownBy(() -> AnslagConfig.fromEnvironment(Map.of("MAILER_PARALLELISM", "0")))
        .hasMessage("MAILER_PARALLELISM must be 1 to 10 (the batch size), not 0");
    assertThatThrownBy(() -> AnslagConfig.fromEnvironment(Map.of("MAILER_PARALLELISM", "11")))
        .hasMessage("MAILER_PARALLELISM must be 1 to 10 (the batch size), not 11");
    assertThatThrownBy(() -> AnslagConfig.fromEnvironment(Map.of("MAILER_PARALLELISM", "five")))
        .hasMessage("MAILER_PARALLELISM is 'five', not a whole number");
  }

  @Test
  void theClaimLastsTwoMinutesUnlessShortened() {
    assertThat(AnslagConfig.fromEnvironment(Map.of()).sendClaimStaleAfter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(AnslagConfig.fromEnvironment(Map.of("SEND_CLAIM_STALE_SECONDS", "30")).sendClaimStaleAfter())
        .isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> AnslagConfig.fromEnvironment(Map.of("SEND_CLAIM_STALE_SECONDS", "0")))
        .hasMessage("SEND_CLAIM_STALE_SECONDS must be at least 1, not 0");
  }
}
