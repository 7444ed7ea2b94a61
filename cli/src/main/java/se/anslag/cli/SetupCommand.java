package se.anslag.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import se.anslag.setup.DirectoryEntry;
import se.anslag.setup.Names;

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
    List<String> dropped;
    try (var stack = stackOptions.connect()) {
      // Entries the clerks added in the desk live only in the stored directory: name what the file drops.
      var inFile = setup.directory().stream().map(entry -> Names.normalize(entry.name())).collect(Collectors.toSet());
      dropped = stack.stores().setup().loadSetup().directory().stream().map(DirectoryEntry::name)
          .filter(name -> !inFile.contains(Names.normalize(name))).sorted().toList();
      stack.stores().setup().replaceSetup(setup);
    }
    out.printf("Loaded %s: %d boards, %d organs, %d recipients%n", file, setup.boards().size(), setup.organs().size(),
        setup.directory().size());
    if (!dropped.isEmpty()) {
      out.printf("Removed %d recipient(s) that were stored but are not in the file (a clerk may have added them in"
          + " the desk; add them to the file to keep them): %s%n", dropped.size(), String.join(", ", dropped));
    }
    out.flush();
    return 0;
  }
}
