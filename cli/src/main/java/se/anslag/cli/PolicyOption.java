package se.anslag.cli;

import picocli.CommandLine.Option;
import se.anslag.domain.TakedownPolicy;

/** The takedown policy option of the commands that compute notice dates (`dates`, `inspect`). */
final class PolicyOption {
  @Option(names = "--policy", defaultValue = "next-day", description = "Takedown policy: next-day (default) or same-day.")
  String written;

  /** Parsed here rather than by a converter, so that a wrong value is one line, not a usage page. */
  TakedownPolicy policy() {
    return TakedownPolicy.ofWritten(written).orElseThrow(
        () -> new AnslagCli.CommandFailure(2, "--policy is '" + written + "'; use next-day or same-day"));
  }
}
