package se.anslag.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import se.anslag.cli.AnslagCli;
import se.anslag.cli.ProjectRoot;

/** `anslag desk`: the clerk desk on this machine for a clerk's own files, without the sample's run. */
@Command(name = "desk", description = {
    "Serve the clerk desk and the notice boards on this machine without running the sample: start the",
    "local emulators, create what template.yaml declares, load the setup, make a clerk account for each",
    "clerk address of the setup, and serve until Ctrl-C, so that a clerk can upload a file of their own."})
final class DeskCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--setup", description = "Municipality setup file (default: local/setup/sample-setup.yaml).")
  Path setup;

  @Option(names = "--port", defaultValue = "8080", description = "Port on 127.0.0.1 (default 8080).")
  int port;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    var root = ProjectRoot.find();
    var setupFile = setup != null ? setup.toAbsolutePath() : root.resolve("local/setup/sample-setup.yaml");
    if (!Files.isRegularFile(setupFile)) {
      throw new AnslagCli.CommandFailure(2, setupFile + ": no such file");
    }
    out.println("Starting the local AWS emulators and creating the resources of template.yaml...");
    out.flush();
    try (var workflow = LocalWorkflow.start(root, LocalDesk.parameters(port), Clock.systemUTC(), System.err)) {
      workflow.loadSetup(setupFile);
      out.println("Loaded the municipality setup from " + setupFile);
      DemoCommand.serve(out, root, workflow, port, null);
      return 0;
    }
  }
}
