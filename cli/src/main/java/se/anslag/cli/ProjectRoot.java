package se.anslag.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root: the folder holding template.yaml, found from the working directory up. */
public final class ProjectRoot {
  private ProjectRoot() {}

  public static Path find() {
    for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
        return dir;
      }
    }
    throw new AnslagCli.CommandFailure(1, "run this inside the Anslag repository: no template.yaml found above "
        + Path.of("").toAbsolutePath());
  }
}
