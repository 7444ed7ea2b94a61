package se.anslag.local;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `anslag` command: the local mode and the tools a clerk or developer runs without AWS. */
@Command(
    name = "anslag",
    mixinStandardHelpOptions = true,
    description = "Adjusted minutes to the notice board and to every recipient, on this machine.",
    subcommands = {DemoCommand.class, DeskCommand.class, SetupCommand.class, StatusCommand.class, ResendCommand.class, RedriveCommand.class,
        InspectCommand.class, DatesCommand.class, SendOutBenchmark.class,
        CommandLine.HelpCommand.class})
public final class AnslagCli {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The same with the output and error streams given, so that tests read what a user would see. */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    return commandLine().setOut(out).setErr(err).execute(args);
  }

  private static CommandLine commandLine() {
    return new CommandLine(new AnslagCli())
        .registerConverter(java.time.LocalDate.class, DateOption::parse)
        .setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
          // One line naming the problem, not a stack trace, for the person at the terminal.
          commandLine.getErr().println("anslag: " + failure.getMessage());
          return failure instanceof CommandFailure cf ? cf.exitCode() : 1;
        });
  }

  /** A failure whose message is meant for the user, with the exit status it should give. */
  static final class CommandFailure extends RuntimeException {
    private final int exitCode;

    CommandFailure(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }

    int exitCode() {
      return exitCode;
    }
  }
}
