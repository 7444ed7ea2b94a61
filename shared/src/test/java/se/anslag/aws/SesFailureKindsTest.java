package se.anslag.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.anslag.config.AnslagConfig;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Which SES failures are transient and which permanent. */
class SesFailureKindsTest {

  @Test
  void aRefusedConnectionNeverReachedSes() {
    var refused = SdkClientException.create("Unable to execute HTTP request", new ConnectException("Connection refused"));

    assertThat(SesMailSender.neverReachedSes(refused)).isTrue();
  }

  @Test
  void aConnectionResetAfterTheRequestMayHaveReachedSes() {
    var reset = SdkClientException.create("Unable to execute HTTP request",
        new IOException("wrapped", new SocketException("Connection reset")));

    assertThat(SesMailSender.neverReachedSes(reset)).isFalse();
  }

  @Test
  void theClaimLifeComesFromTheEnvironmentAndDefaultsToTwoMinutes() {
    assertThat(AnslagConfig.fromEnvironment(Map.of()).sendClaimStaleAfter()).hasSeconds(120);
    assertThat(AnslagConfig.fromEnvironment(Map.of("SEND_CLAIM_STALE_SECONDS", "30")).sendClaimStaleAfter())
        .hasSeconds(30);
  }
}
