package se.anslag.local.cloud;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts a local cloud on the fixture template, with the test handlers in place of the real ones. */
final class TestClouds {

  private TestClouds() {}

  static Path projectRoot() {
    Path directory = Path.of("").toAbsolutePath();
    while (directory != null && !Files.isRegularFile(directory.resolve("local/emulators/server.js"))) {
      directory = directory.getParent();
    }
    if (directory == null) {
      throw new IllegalStateException("cannot find the project root above " + Path.of("").toAbsolutePath());
    }
    return directory;
  }

  static Path fixtureWithTestHandlers(Path directory) throws IOException, URISyntaxException {
    String fixture = Files.readString(
        Path.of(TestClouds.class.getResource("/template-fixture.yaml").toURI()), StandardCharsets.UTF_8);
    String withTestHandlers = fixture
        .replace("se.anslag.function.intake.ProtocolIntakeHandler", RecordingSqsHandler.class.getName())
        .replace("se.anslag.function.mailer.DecisionMailerHandler", RecordingSqsHandler.class.getName())
        .replace("se.anslag.function.board.NoticeBoardHandler", RecordingStreamHandler.class.getName());
    Path template = directory.resolve("template.yaml");
    Files.writeString(template, withTestHandlers, StandardCharsets.UTF_8);
    return template;
  }

  static LocalCloud start(Path temporaryDirectory) throws IOException, URISyntaxException {
    return LocalCloud.start(projectRoot(), fixtureWithTestHandlers(temporaryDirectory), progress());
  }

  static PrintStream progress() {
    return System.out;
  }
}
