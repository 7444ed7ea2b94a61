package se.anslag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the clerk's commands name an AWS stack: what they refuse, and what each needs. */
class StackOptionsTest {
  @Test
  void awsResourcesWithoutARegionAreRefusedWithExitStatusTwo() {
    var options = new StackOptions();
    options.table = "anslag-table";

    assertThatThrownBy(() -> options.connect(Map.of(), false))
        .isInstanceOfSatisfying(AnslagCli.CommandFailure.class, failure -> assertThat(failure.exitCode()).isEqualTo(2))
        .hasMessageContaining("AWS_REGION");
  }

  @Test
  void aTableWithoutASendOutQueueServesStatusButNotResend() {
    var options = new StackOptions();
    options.table = "anslag-table";

    try (var stack = options.connect(Map.of("AWS_REGION", "eu-north-1"), false)) {
      assertThat(stack.stores()).isNotNull();
      assertThatThrownBy(stack::workQueues).hasMessageContaining("--send-out-queue");
    }
  }
}
