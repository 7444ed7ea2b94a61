package se.anslag.local.cloud;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An emulator that dies while the local cloud starts is reported with its error output. */
class EmulatorStartupIT {

  @Test
  void anEmulatorScriptThatDiesIsReportedWithItsErrorOutput(@TempDir Path projectRoot) throws Exception {
    Path emulators = Files.createDirectories(projectRoot.resolve("local/emulators/node_modules"));
    Files.writeString(emulators.resolve(".package-lock.json"), "{}");
    Files.writeString(projectRoot.resolve("local/emulators/server.js"),
        "console.error('port already taken, giving up'); process.exit(3);\n");
    Path template = TestClouds.fixtureWithTestHandlers(projectRoot);

    assertThatThrownBy(() -> LocalCloud.start(projectRoot, template, TestClouds.progress()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Node emulators")
        .hasMessageContaining("exited before reporting its ports")
        .hasMessageContaining("port already taken, giving up");
  }
}
