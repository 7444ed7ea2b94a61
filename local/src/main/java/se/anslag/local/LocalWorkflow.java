package se.anslag.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.HashMap;
import java.util.Optional;
import java.util.TreeMap;
import se.anslag.cli.LocalStackFile;
import se.anslag.cli.SetupFile;
import se.anslag.config.AnslagConfig;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.SwedishTime;
import se.anslag.local.cloud.DrainReport;
import se.anslag.local.cloud.LocalCloud;
import se.anslag.local.cloud.LocalLambda;
import se.anslag.storage.Stores;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The whole Anslag workflow on this machine: the application of template.yaml on the local
 * emulators, with the real handlers driven as Lambda drives them. Used by `anslag demo` and by
 * the end-to-end tests, so both exercise the same path.
 */
public final class LocalWorkflow implements AutoCloseable {
  static final String INTAKE_FUNCTION = "ProtocolIntakeFunction";
  static final String BOARD_FUNCTION = "NoticeBoardFunction";
  /** Long enough for the intake, every send-out and the board runs of a large set of minutes. */
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

  private final LocalCloud cloud;
  private final LocalLambda lambda;
  private final Stores stores;

  private LocalWorkflow(LocalCloud cloud, LocalLambda lambda) {
    this.cloud = cloud;
    this.lambda = lambda;
    // The records are read with the same configuration the functions get from the template.
    this.stores = Stores.on(cloud.dynamoDb(), AnslagConfig.fromEnvironment(cloud.environmentOf(INTAKE_FUNCTION)));
  }

  public static LocalWorkflow start(Path projectRoot, Clock clock, PrintStream progress) {
    return start(projectRoot, Map.of(), clock, progress);
  }

  /** @param parameterOverrides template parameter values that replace the defaults, as {@code sam deploy} takes them */
  public static LocalWorkflow start(Path projectRoot, Map<String, String> parameterOverrides, Clock clock,
      PrintStream progress) {
    var cloud = LocalCloud.start(projectRoot, projectRoot.resolve("template.yaml"), parameterOverrides, progress);
    try {
      return new LocalWorkflow(cloud, new LocalLambda(cloud, clock, progress));
    } catch (RuntimeException failure) {
      cloud.close();
      throw failure;
    }
  }

  /** A clock that reads 09:00 in Stockholm on the given day and runs on from there. */
  public static Clock clockAt(LocalDate day) {
    var start = ZonedDateTime.of(day, LocalTime.of(9, 0), SwedishTime.ZONE).toInstant();
    return Clock.offset(SwedishTime.systemClock(), Duration.between(SwedishTime.systemClock().instant(), start));
  }

  public LocalCloud cloud() {
    return cloud;
  }

  /** The functions as Lambda runs them here: for invoking a handler with an event of one's own. */
  public LocalLambda lambda() {
    return lambda;
  }

  /** The records, read and written as the functions do. */
  public Stores stores() {
    return stores;
  }

  public void loadSetup(Path setupFile) {
    stores.setup().replaceSetup(SetupFile.read(setupFile));
  }

  /** The loaded setup as if it said `review: required` for every organ. */
  public void requireReviewByEveryOrgan() {
    var setup = stores.setup().loadSetup();
    var reviewed = setup.organs().stream().map(o -> new se.anslag.setup.Organ(o.slug(), o.name(), o.aliases(),
        o.boardIds(), o.clerkAddress(), o.takedownPolicy(), o.publishMinutesDocument(),
        se.anslag.domain.ReviewPolicy.REQUIRED)).toList();
    stores.setup().replaceSetup(new se.anslag.setup.MunicipalSetup(setup.boards(), reviewed, setup.directory()));
  }

  /**
   * Empties the cloud and starts the functions afresh on the given clock, for tests that share one
   * workflow across a class: what one test recorded, queued, published or mailed is gone for the
   * next, the setup included. See {@link LocalCloud#reset} and {@link LocalLambda#reset}.
   */
  public void reset(Clock clock) {
    cloud.reset();
    lambda.reset(clock);
  }

  /** Uploads a minutes file as a clerk would; the dates go in the object's metadata. */
  public String upload(Path file, LocalDate adjustedOn, LocalDate postedOn) throws IOException {
    var metadata = new HashMap<String, String>();
    if (adjustedOn != null) {
      metadata.put("adjusted-on", adjustedOn.toString());
    }
    if (postedOn != null) {
      metadata.put("posted-on", postedOn.toString());
    }
    return upload(file, metadata);
  }

  /** Uploads a minutes file with this metadata (adjusted-on, posted-on, organ, meeting-date, uploaded-by). */
  public String upload(Path file, Map<String, String> metadata) throws IOException {
    var key = "uploads/" + file.getFileName();
    var contentType = file.getFileName().toString().toLowerCase().endsWith(".pdf") ? "application/pdf" : "text/plain";
    cloud.s3().putObject(b -> b.bucket(cloud.physicalId("ProtocolsBucket")).key(key).metadata(metadata)
        .contentType(contentType), RequestBody.fromBytes(Files.readAllBytes(file)));
    return key;
  }

  /** Runs every queued invocation until all queues are empty: intake, send-outs, board runs. */
  public DrainReport process() {
    return process(DRAIN_TIMEOUT);
  }

  DrainReport process(Duration timeout) {
    cloud.awaitEventRouting();
    return lambda.drain(timeout);
  }

  /** The daily schedule of the notice board, as EventBridge Scheduler would run it on that day. */
  public void runDailySchedule(LocalDate day) {
    lambda.withClock(clockAt(day));
    lambda.runSchedule(BOARD_FUNCTION);
  }

  public Optional<MinutesRecord> minutesFromUpload(String key) {
    return stores.minutes().listMinutes().stream().filter(m -> key.equals(m.sourceKey())).findFirst();
  }

  /**
   * What this workflow's cloud looks like from outside, for the clerk's commands in another terminal:
   * read from the template, like the cloud itself.
   */
  public LocalStackFile stackFile() {
    var environment = cloud.environmentOf(INTAKE_FUNCTION);
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

  /** A file of the public site, as the public would fetch it; empty when there is none. */
  public Optional<byte[]> siteFile(String key) {
    try {
      return Optional.of(cloud.s3().getObjectAsBytes(b -> b.bucket(cloud.physicalId("SiteBucket")).key(key)).asByteArray());
    } catch (NoSuchKeyException absent) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    cloud.close();
  }
}
