package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the scripts of {@code local/browser-tests} (playwright-core driving Debian's Chromium)
 * with a JSON spec, keeps its report under {@code local/target/browser-artifacts/} and returns it.
 */
public final class BrowserScript {
  private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  public static final Path BROWSER_TESTS = MODULE.resolve("browser-tests");
  public static final Path ARTIFACTS = MODULE.resolve("target/browser-artifacts");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the script printed (its JSON report) and wrote on stderr. */
  public record Result(JsonNode report, String stderr) {}

  private BrowserScript() {}

  public static Result run(String script, JsonNode spec, Path work) throws Exception {
    Path file = BROWSER_TESTS.resolve(script);
    assertThat(file).as("the browser script").isRegularFile();
    if (!Files.isDirectory(BROWSER_TESTS.resolve("node_modules/playwright-core"))
        || !Files.isDirectory(BROWSER_TESTS.resolve("node_modules/axe-core"))) {
      fail(BROWSER_TESTS.resolve("node_modules") + " is missing or incomplete: run ./anslag test, which runs npm ci");
    }
    Path specFile = work.resolve(script + ".spec.json");
    JSON.writeValue(specFile.toFile(), spec);
    Path stdout = work.resolve(script + ".out.json");
    Path stderr = work.resolve(script + ".err.txt");
    Process process;
    try {
      process = new ProcessBuilder("node", file.toString(), Files.readString(specFile))
          .directory(BROWSER_TESTS.toFile())
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile())
          .start();
    } catch (IOException e) {
      throw new AssertionError("node was not found on the PATH: install Node.js 20 or newer", e);
    }
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        fail(script + " did not finish within 5 minutes");
      }
    } finally {
      // Ends the node process, whose own exit handlers close Chromium.
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    String errors = Files.readString(stderr, StandardCharsets.UTF_8);
    String output = Files.readString(stdout, StandardCharsets.UTF_8);
    Files.createDirectories(ARTIFACTS);
    Files.writeString(ARTIFACTS.resolve(script.replace(".mjs", ".json")), output, StandardCharsets.UTF_8);
    if (output.isBlank()) {
      fail(script + " printed nothing (exit " + process.exitValue() + "); stderr:\n" + errors);
    }
    return new Result(JSON.readTree(output), errors);
  }
}
