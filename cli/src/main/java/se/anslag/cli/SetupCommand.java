package se.anslag.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `anslag setup`: a checked municipality setup file into the stack's table. */
@Command(name = "setup", description = {
    "Load a municipality setup file (boards, organs, recipient directory) into the stack's table, replacing",
    "the stored one. The file is checked first; every problem names its entry and nothing is written then."})
final class SetupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StackOptions stackOptions;

  @Parameters(index = "0", paramLabel = "FILE", description = "The setup file (YAML), e.g. local/setup/sample-setup.yaml.")
  Path file;

  @Override
  public Integer call() {
    var setup = SetupFile.read(file);
    var out = spec.commandLine().getOut();
    try (var stack = stackOptions.connect()) {
      stack.stores().setup().replaceSetup(setup);
    }
    out.printf("Loaded %s: %d boards, %d organs, %d recipients%n", file, setup.boards().size(), setup.organs().size(),
        setup.directory().size());
    out.flush();
    return 0;
  }
}
