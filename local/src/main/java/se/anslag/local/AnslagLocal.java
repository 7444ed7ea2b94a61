package se.anslag.local;

import se.anslag.cli.AnslagCli;

/**
 * The `anslag` command of the local mode: the operator's commands (module cli) plus what runs AWS on
 * this machine, the demo, the desk and the send-out, cold-start and load benchmarks.
 */
public final class AnslagLocal {
  private AnslagLocal() {}

  public static void main(String[] args) {
    var commandLine = AnslagCli.commandLine();
    commandLine.addSubcommand(new DemoCommand());
    commandLine.addSubcommand(new DeskCommand());
    commandLine.addSubcommand(new SendOutBenchmark());
    commandLine.addSubcommand(new ColdStartBenchmark());
    commandLine.addSubcommand(new LoadBenchmark());
    commandLine.addSubcommand(new DeskBenchmark());
    System.exit(commandLine.execute(args));
  }
}
