package se.anslag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a running `anslag demo` can be reached: the emulator endpoints and the physical names of
 * the table, buckets and queues. The demo writes it while it serves and deletes it when it stops;
 * `status`, `resend` and `redrive` read it. The keys are the emulators' fixed ones, not secrets.
 *
 * @param endpoints per service, as in AWS_ENDPOINT_URL_{service}: S3, DYNAMODB, SQS, SESV2
 * @param buckets physical bucket names by logical id
 * @param queues queue URLs by logical id (the dead-letter queues included)
 */
public record LocalStackFile(String region, String accessKeyId, String secretAccessKey, Map<String, String> endpoints,
    String table, Map<String, String> buckets, Map<String, String> queues, String sentMail, long pid) {

  public static final String RELATIVE_PATH = ".anslag/local-stack.json";
  private static final ObjectMapper JSON = Json.MAPPER;

  public static Path defaultPath(Path projectRoot) {
    return projectRoot.resolve(RELATIVE_PATH);
  }

  /** Writes the file; the demo and the tests share this writer. */
  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      JSON.writeValue(file.toFile(), this);
    } catch (IOException failure) {
      throw new UncheckedIOException("cannot write " + file, failure);
    }
  }

  /** Removes the file, but only one this process wrote: a second demo's file stays. */
  public static void delete(Path file) {
    try {
      if (Files.isRegularFile(file) && read(file).pid() == ProcessHandle.current().pid()) {
        Files.delete(file);
      }
    } catch (IOException | RuntimeException stale) {
      // Stopping must not fail over a file; a stale one names a pid that is gone.
    }
  }

  public static LocalStackFile read(Path file) {
    try {
      return JSON.readValue(file.toFile(), LocalStackFile.class);
    } catch (IOException failure) {
      throw new AnslagCli.CommandFailure(2, file + ": not a local stack file (" + failure.getMessage()
          + "); delete it and start ./anslag demo again");
    }
  }

  /** The settings the functions would get, as environment variables (see AnslagConfig). */
  Map<String, String> environment() {
    var environment = new TreeMap<String, String>();
    endpoints.forEach((service, url) -> environment.put("AWS_ENDPOINT_URL_" + service, url));
    environment.put("AWS_REGION", region);
    environment.put("AWS_ACCESS_KEY_ID", accessKeyId);
    environment.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
    environment.put("TABLE_NAME", table);
    environment.put("SEND_OUT_QUEUE_URL", queues.get("SendOutQueue"));
    environment.put("BOARD_REFRESH_QUEUE_URL", queues.get("BoardRefreshQueue"));
    return environment;
  }
}
