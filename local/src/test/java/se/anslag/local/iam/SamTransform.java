package se.anslag.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import se.anslag.local.cloud.Intrinsics;

/**
 * The CloudFormation template AWS SAM makes of template.yaml: the real transform (aws-sam-translator,
 * which cfn-lint brings along and .ci/check-template therefore needs anyway) run by
 * {@code iam/sam_transform.py}, so that SAM's policy templates (DynamoDBCrudPolicy,
 * SQSSendMessagePolicy, ...) and the managed policies SAM attaches are read as deployed, not as
 * the test would guess them.
 */
final class SamTransform {

  private SamTransform() {}

  static JsonNode of(Path template) throws IOException, InterruptedException {
    Path script = Files.createTempFile("sam_transform", ".py");
    try (InputStream source = SamTransform.class.getResourceAsStream("/iam/sam_transform.py")) {
      Files.write(script, source.readAllBytes());
      Process python;
      try {
        python = new ProcessBuilder("python3", script.toString(), template.toString(), Intrinsics.REGION)
            .redirectError(ProcessBuilder.Redirect.PIPE).start();
      } catch (IOException noPython) {
        throw new IllegalStateException("python3 is needed to run the SAM transform (as cfn-lint is): " + noPython);
      }
      python.getOutputStream().close();
      var errors = new StringBuilder();
      Thread drain = Thread.ofVirtual().start(() -> {
        try {
          errors.append(new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException ignored) {
          // the exit code tells
        }
      });
      byte[] output = python.getInputStream().readAllBytes();
      if (!python.waitFor(120, TimeUnit.SECONDS)) {
        python.destroyForcibly();
        throw new IllegalStateException("the SAM transform did not finish in 120 s");
      }
      drain.join();
      if (python.exitValue() != 0) {
        throw new IllegalStateException("the SAM transform of " + template + " failed (exit " + python.exitValue()
            + "; install cfn-lint, which brings aws-sam-translator: pip install cfn-lint):\n" + errors);
      }
      return new ObjectMapper().readTree(output);
    } finally {
      Files.deleteIfExists(script);
    }
  }
}
