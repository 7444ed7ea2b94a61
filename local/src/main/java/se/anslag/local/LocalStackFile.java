package se.anslag.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import se.anslag.local.cloud.LocalCloud;

/**
 * Where a running `anslag demo` can be reached: the emulator endpoints and the physical names of
 * the table, buckets and queues. The demo writes it while it serves and deletes it when it stops;
 * `status`, `resend` and `redrive` read it. The keys are the emulators' fixed ones, not secrets.
 *
 * @param endpoints per service, as in AWS_ENDPOINT_URL_{service}: S3, DYNAMODB, SQS, SESV2
 * @param buckets physical bucket names by logical id
 * @param queues queue URLs by logical id (the dead-letter queues included)
 */
record LocalStackFile(String region, String accessKeyId, String secretAccessKey, Map<String, String> endpoints,
    String table, Map<String, String> buckets, Map<String, String> queues, String sentMail, long pid) {

  static final String RELATIVE_PATH = ".anslag/local-stack.json";
  private static final ObjectMapper JSON = Json.MAPPER;

  static Path defaultPath(Path projectRoot) {
    return projectRoot.resolve(RELATIVE_PATH);
  }

  /** What a local cloud looks like from outside: read from the template, like the cloud itself. */
  static LocalStackFile of(LocalCloud cloud) {
    var environment = cloud.environmentOf(LocalWorkflow.INTAKE_FUNCTION);
    var endpoints = new TreeMap<String, String>();
    for (var service : new String[] {"S3", "DYNAMODB", "SQS", "SESV2"}) {
      endpoints.put(service, environment.get("AWS_ENDPOINT_URL_" + service));
    }
    var buckets = new TreeMap<String, String>();
    cloud.template().resourcesOfType("AWS::S3::Bucket")
        .forEach(bucket -> buckets.put(bucket.logicalId(), cloud.physicalId(bucket.logicalId())));
    var queues = new TreeMap<String, String>();
    cloud.template().resourcesOfType("AWS::SQS::Queue")
        .forEach(queue -> queues.put(queue.logicalId(), cloud.queueUrl(queue.logicalId())));
    var table = cloud.template().resourcesOfType("AWS::DynamoDB::Table").getFirst().logicalId();
    return new LocalStackFile(environment.get("AWS_REGION"), LocalCloud.ACCESS_KEY_ID, LocalCloud.SECRET_ACCESS_KEY,
        endpoints, cloud.physicalId(table), buckets, queues, cloud.sesStore().toString(), ProcessHandle.current().pid());
  }

  /** Writes the file of this cloud; the demo and the tests share this writer. */
  static void write(Path file, LocalCloud cloud) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      JSON.writeValue(file.toFile(), of(cloud));
    } catch (IOException failure) {
      throw new UncheckedIOException("cannot write " + file, failure);
    }
  }

  /** Removes the file, but only one this process wrote: a second demo's file stays. */
  static void delete(Path file) {
    try {
      if (Files.isRegularFile(file) && read(file).pid() == ProcessHandle.current().pid()) {
        Files.delete(file);
      }
    } catch (IOException | RuntimeException stale) {
      // Stopping must not fail over a file; a stale one names a pid that is gone.
    }
  }

  static LocalStackFile read(Path file) {
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
