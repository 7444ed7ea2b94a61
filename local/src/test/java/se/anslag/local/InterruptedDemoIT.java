package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.anslag.cli.ProjectRoot;

/**
 * A clerk who presses Ctrl-C (or a service manager's SIGTERM) in the middle of the demo, while the
 * minutes are being read, leaves no emulator process and no temporary directory behind.
 */
class InterruptedDemoIT {

  @Test
  void sigtermWhileTheMinutesAreReadStopsEveryProcessAndRemovesTheTemporaryFiles(@TempDir Path temporary)
      throws Exception {
    // Progress goes to a file, not a pipe: a pipe nobody reads could stall the demo's shutdown.
    var progress = temporary.resolve("demo-progress.txt");
    var demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + temporary, "-cp", System.getProperty("java.class.path"), AnslagLocal.class.getName(),
        "demo", "--no-serve", "--adjusted-on", "2024-02-19", "--posted-on", "2024-02-20")
        .directory(ProjectRoot.find().toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(progress.toFile())
        .start();
    List<ProcessHandle> started;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      // The emulators start and the upload is routed; the intake begins with this line.
      while (!progressOf(progress).contains("ProtocolIntakeFunction started")) {
        assertThat(demo.isAlive()).as("the demo still runs: %s", progressOf(progress)).isTrue();
        assertThat(System.nanoTime()).as("time to reach the intake").isLessThan(deadline);
        Thread.sleep(20);
      }
      started = demo.descendants().toList();
      assertThat(started).as("the demo's emulator processes").isNotEmpty();
      try (var files = Files.list(temporary)) {
        assertThat(files.map(p -> p.getFileName().toString()).toList())
            .as("temporary files while the demo runs").anyMatch(name -> name.startsWith("anslag-s3-"));
      }

      demo.destroy(); // SIGTERM
      assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo ended").isTrue();
      assertThat(demo.exitValue()).as("the demo's exit status: ended by SIGTERM, not finished").isEqualTo(143);
    } finally {
      demo.destroyForcibly();
    }

    for (var process : started) {
      assertThat(process.onExit().get(30, TimeUnit.SECONDS).isAlive()).as("process %d", process.pid()).isFalse();
    }
    try (var left = Files.list(temporary)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).as("temporary files after the demo")
          .noneMatch(name -> name.startsWith("anslag-"));
    }
  }

  /** The progress written so far; a character cut in half at the end is replaced, not an error. */
  private static String progressOf(Path file) throws java.io.IOException {
    return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
  }
}
