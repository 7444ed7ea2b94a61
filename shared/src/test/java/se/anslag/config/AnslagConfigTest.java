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

  @Test
  void theEmulatorsGetTheStaticKeysOfTheEnvironment() {
    var local = AnslagConfig.fromEnvironment(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:4567",
        "AWS_ACCESS_KEY_ID", "LOCAL-run-Function", "AWS_SECRET_ACCESS_KEY", "S3RVER"));
    assertThat(local.localCredentials()).contains(new AnslagConfig.StaticKeys("LOCAL-run-Function", "S3RVER"));
  }

  @Test
  void inLambdaAnOverriddenEndpointStillUsesTheDefaultCredentialsChain() {
    // What Lambda puts in a function's environment, with an endpoint variable set in template.yaml.
    var lambda = Map.of("AWS_ENDPOINT_URL_DYNAMODB", "https://dynamodb-fips.eu-north-1.amazonaws.com",
        "AWS_ACCESS_KEY_ID", "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token",
        "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001");
    assertThat(AnslagConfig.fromEnvironment(lambda).localCredentials()).isEmpty();
    var withoutRuntimeApi = new java.util.HashMap<>(lambda);
    withoutRuntimeApi.remove("AWS_LAMBDA_RUNTIME_API");
    assertThat(AnslagConfig.fromEnvironment(withoutRuntimeApi).localCredentials()).isEmpty();
    var withoutSessionToken = new java.util.HashMap<>(lambda);
    withoutSessionToken.remove("AWS_SESSION_TOKEN");
    assertThat(AnslagConfig.fromEnvironment(withoutSessionToken).localCredentials()).isEmpty();
  }

  @Test
  void withoutAnEndpointOverrideNoStaticKeysAreUsed() {
    assertThat(AnslagConfig.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKIA", "AWS_SECRET_ACCESS_KEY", "s"))
        .localCredentials()).isEmpty();
  }
}
