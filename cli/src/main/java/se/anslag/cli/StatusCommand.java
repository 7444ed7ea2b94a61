package se.anslag.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import se.anslag.domain.MinutesStatus;

/** `anslag status`: the send-out log of one set of minutes, or the rejected uploads. */
@Command(name = "status", description = {
    "Print the send-out log of one set of minutes: every decision to every recipient, its status and when.",
    "MINUTES is a prefix of the minutes' id (default: the latest upload). With --rejected, list the rejected",
    "uploads and why instead."})
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StackOptions stackOptions;

  @Mixin MinutesChoice minutesChoice;

  @Option(names = "--json", description = "Print the log as JSON.")
  boolean json;

  @Option(names = "--rejected",
      description = "List the uploads not posted, with the reason: rejected, or read in part and waiting for the clerk.")
  boolean rejected;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    try (var stack = stackOptions.connect()) {
      var stores = stack.stores();
      if (rejected) {
        var list = stores.minutes().listMinutes().stream().filter(m -> m.status() == MinutesStatus.REJECTED || m.status() == MinutesStatus.NEEDS_CLERK).toList();
        if (json) {
          out.println(Json.MAPPER.writeValueAsString(list));
        } else if (list.isEmpty()) {
          out.println("No rejected minutes and none waiting for the clerk.");
        } else {
          list.forEach(m -> out.printf("%s  %s  %s  %s%n    %s%n", m.id().substring(0, 12),
              SendOutLog.time(m.receivedAt()), m.status(), m.sourceKey(), m.statusDetail()));
        }
        return 0;
      }
      var minutes = minutesChoice.pick(stores.minutes());
      var notices = stores.notices().notices(minutes.id());
      var sendOuts = stores.sendOuts().sendOuts(minutes.id());
      if (json) {
        out.println(Json.MAPPER.writeValueAsString(SendOutLog.asJson(minutes, notices, sendOuts)));
      } else {
        out.print(SendOutLog.format(minutes, notices, sendOuts));
      }
      out.flush();
      return 0;
    }
  }
}
