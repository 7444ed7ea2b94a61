package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.anslag.cli.ProjectRoot;

/**
 * `./anslag demo --review --no-serve`: the organ reviews before publishing, so the demo signs in as
 * its clerk, prints what the desk's review shows (read through the HTTP API and its authorizer) and
 * publishes through the same API; then every decision goes out as without review, and it exits 0.
 */
class DemoReviewIT {

  @Test
  void theDemoPrintsTheReviewPublishesAsTheClerkAndSendsEveryDecision(@TempDir Path temporary) throws Exception {
    var output = temporary.resolve("demo-output.txt");
    var demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + temporary, "-cp", System.getProperty("java.class.path"), AnslagLocal.class.getName(),
        "demo", "--review", "--no-serve", "--adjusted-on", "2024-02-19", "--posted-on", "2024-02-20")
        .directory(ProjectRoot.find().toFile())
        .redirectOutput(output.toFile())
        .redirectError(temporary.resolve("demo-progress.txt").toFile())
        .start();
    try {
      assertThat(demo.waitFor(5, TimeUnit.MINUTES)).as("the demo ended").isTrue();
    } finally {
      demo.destroyForcibly();
    }
    var printed = Files.readString(output);

    assertThat(demo.exitValue()).as("exit status; it printed:\n%s", printed).isZero();
    assertThat(printed).contains(
        "Awaiting review. What the clerk desk shows gsn.sekreterare@ludvika.example.org (GET /api/desk/minutes/{id}: 200):",
        // Adjusted Monday 2024-02-19, posted Tuesday 2024-02-20: three weeks to Tuesday 2024-03-12.
        "Senaste dag att anslå:       2024-02-21",
        "Sista dag för överklagande:  2024-03-12",
        "Tas ned:                     2024-03-13",
        "  § 6 Införande av Microsoft 365",
        "IT-chef fvb till Samordningsgruppen           mail to it-chef@ludvika.example.org",
        "Published as gsn.sekreterare@ludvika.example.org (POST …/publish: 202)",
        "Decisions: 18 sent, 6 filed, 0 failed, 0 unresolved, 0 not finished");
    // The review comes before anything was sent: the send-out report follows the publication.
    assertThat(printed.indexOf("Published as")).isLessThan(printed.indexOf("Decisions sent out:"));
  }
}
