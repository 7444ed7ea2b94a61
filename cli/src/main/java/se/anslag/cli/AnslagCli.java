package se.anslag.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The `anslag` command line of the operator: setup, status, resend and redrive against a stack (on AWS or
 * a running local demo), and inspect and dates, which need no AWS. The local mode adds its own commands.
 */
@Command(
    name = "anslag",
    mixinStandardHelpOptions = true,
    description = "Adjusted minutes to the notice board and to every recipient, on this machine.",
    subcommands = {SetupCommand.class, StatusCommand.class, ResendCommand.class, RedriveCommand.class,
        InspectCommand.class, DatesCommand.class, CommandLine.HelpCommand.class})
public final class AnslagCli {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The same with the output and error streams given, so that tests read what a user would see. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return commandLine().setOut(out).setErr(err).execute(args);
  }

  /** The command line with every operator's command; the local mode adds its own to it. */
  public static CommandLine commandLine() {
    return new CommandLine(new AnslagCli())
        .registerConverter(java.time.LocalDate.class, DateOption::parse)
        .setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
          // One line naming the problem, not a stack trace, for the person at the terminal.
          commandLine.getErr().println("anslag: " + failure.getMessage());
          return failure instanceof CommandFailure cf ? cf.exitCode() : 1;
        });
  }

  /** A failure whose message is meant for the user, with the exit status it should give. */
  public static final class CommandFailure extends RuntimeException {
    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }
}
