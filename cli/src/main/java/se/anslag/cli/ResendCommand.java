package se.anslag.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import se.anslag.domain.SwedishTime;
import se.anslag.intake.Resend;

/**
 * `anslag resend`: send-outs for the recipient lines a corrected directory resolves, and FAILED
 * ones again.
 */
@Command(name = "resend", description = {
    "After the directory was corrected: every UNRESOLVED recipient line that it now knows becomes send-outs,",
    "which are queued for the mailer; the UNRESOLVED entry stays in the log as RESOLVED. With --failed, FAILED",
    "send-outs are queued again too. MINUTES is a prefix of the minutes' id (default: the latest upload)."})
final class ResendCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StackOptions stackOptions;

  @Mixin MinutesChoice minutesChoice;

  @Option(names = "--setup", paramLabel = "FILE", description = "Load this municipality setup first (replaces the stored one).")
  Path setup;

  @Option(names = "--failed", description = "Also put FAILED send-outs back to PENDING and queue them.")
  boolean failed;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    try (var stack = stackOptions.connect()) {
      var stores = stack.stores();
      if (setup != null) {
        stores.setup().replaceSetup(SetupFile.read(setup));
        out.println("Loaded the municipality setup from " + setup);
      }
      var minutes = minutesChoice.pick(stores.minutes());
      var result = new Resend(stores.minutes(), stores.sendOuts(), stores.setup(), stack.workQueues()).resend(minutes.id(), failed, SwedishTime.systemClock().instant());
      out.printf("Minutes %s  %s, meeting of %s%n", minutes.id().substring(0, 12), minutes.organ(), minutes.meetingDate());
      result.resolved().forEach(s -> out.printf("  § %d %s: %s%n", s.paragraph(), String.join(", ", s.recipientNames()),
          s.detail()));
      result.stillUnresolved().forEach(s -> out.printf("  § %d %s: still not in the directory%n", s.paragraph(),
          String.join(", ", s.recipientNames())));
      result.retried().forEach(s -> out.printf("  § %d %s: retrying %s%n", s.paragraph(),
          String.join(", ", s.recipientNames()), SendOutLog.address(s)));
      out.printf("%d resolved, %d still unresolved, %d retried, %d message(s) queued%n", result.resolved().size(),
          result.stillUnresolved().size(), result.retried().size(), result.queued());
      out.flush();
      return 0;
    }
  }
}
