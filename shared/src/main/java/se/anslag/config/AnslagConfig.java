package se.anslag.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a function gets from template.yaml through its environment. Each function is
 * given only the names it needs, so a value is checked when it is asked for, not when read.
 *
 * @param endpointOverrides per-service endpoints ("S3", "DYNAMODB", "SQS", "SESV2"); set only in
 *     the local mode, where they point at the emulators
 */
public record AnslagConfig(
    Optional<String> region,
    Map<String, URI> endpointOverrides,
    Optional<StaticKeys> localCredentials,
    String tableName,
    String protocolsBucket,
    String archiveBucket,
    String siteBucket,
    String sendOutQueueUrl,
    String boardRefreshQueueUrl,
    String intakeQueueUrl,
    String mailFrom,
    Optional<String> sesConfigurationSet,
    Duration sendClaimStaleAfter,
    int mailerParallelism) {

  /** How long a mailer's claim on a send-out holds by default: well beyond the 30 s function timeout. */
  public static final Duration DEFAULT_SEND_CLAIM_STALE_AFTER = Duration.ofMinutes(2);

  /** Keys for the local emulators; on AWS the default credentials chain is used instead. */
  public record StaticKeys(String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return "StaticKeys[redacted]";
    }
  }

  private static final String ENDPOINT_PREFIX = "AWS_ENDPOINT_URL_";

  public static AnslagConfig fromEnvironment(Map<String, String> env) {
    var endpoints = new java.util.TreeMap<String, URI>();
    for (var service : new String[] {"S3", "DYNAMODB", "SQS", "SESV2"}) {
      var value = env.get(ENDPOINT_PREFIX + service);
      if (value != null && !value.isBlank()) {
        endpoints.put(service, URI.create(value));
      }
    }
    // Static keys only ever serve the emulators. In Lambda the execution role's credentials come
    // from the default chain, also when an endpoint is overridden (a VPC or FIPS endpoint, say):
    // the role's keys in the environment are temporary, useless without their session token, and
    // stale after a SnapStart restore, which the chain's container provider handles.
    Optional<StaticKeys> keys =
        endpoints.isEmpty() || env.get("AWS_ACCESS_KEY_ID") == null || needsDefaultChain(env)
            ? Optional.empty()
            : Optional.of(new StaticKeys(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY")));
    return new AnslagConfig(
        Optional.ofNullable(env.get("AWS_REGION")),
        Map.copyOf(endpoints),
        keys,
        env.get("TABLE_NAME"),
        env.get("PROTOCOLS_BUCKET"),
        env.get("ARCHIVE_BUCKET"),
        env.get("SITE_BUCKET"),
        env.get("SEND_OUT_QUEUE_URL"),
        env.get("BOARD_REFRESH_QUEUE_URL"),
        env.get("INTAKE_QUEUE_URL"),
        env.get("MAIL_FROM"),
        // Optional: mail sent without a configuration set publishes no delivery events.
        Optional.ofNullable(env.get("SES_CONFIGURATION_SET")).filter(name -> !name.isBlank()),
        claimStaleAfter(env.get("SEND_CLAIM_STALE_SECONDS")),
        mailerParallelism(env.get("MAILER_PARALLELISM")));
  }

  /**
   * Whether the credentials must come from the default chain: in a Lambda execution environment
   * (its runtime API is set) or with temporary credentials (a session token), which static keys
   * would drop. The local mode sets neither.
   */
  private static boolean needsDefaultChain(Map<String, String> env) {
    return env.get("AWS_LAMBDA_RUNTIME_API") != null || env.get("AWS_SESSION_TOKEN") != null;
  }

  /** MAILER_PARALLELISM: how many messages of a batch one mailer handles at once; 1 when unset. */
  private static int mailerParallelism(String value) {
    if (value == null || value.isBlank()) {
      return 1;
    }
    try {
      var parallelism = Integer.parseInt(value.strip());
      if (parallelism < 1 || parallelism > 10) {
        throw new IllegalArgumentException("MAILER_PARALLELISM must be 1 to 10 (the batch size), not " + parallelism);
      }
      return parallelism;
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException("MAILER_PARALLELISM is '" + value + "', not a whole number");
    }
  }

  /** SEND_CLAIM_STALE_SECONDS, when set (the tests shorten it); else two minutes. */
  private static Duration claimStaleAfter(String seconds) {
    if (seconds == null || seconds.isBlank()) {
      return DEFAULT_SEND_CLAIM_STALE_AFTER;
    }
    try {
      var value = Long.parseLong(seconds.strip());
      if (value < 1) {
        throw new IllegalArgumentException("SEND_CLAIM_STALE_SECONDS must be at least 1, not " + value);
      }
      return Duration.ofSeconds(value);
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException("SEND_CLAIM_STALE_SECONDS is '" + seconds + "', not a number of seconds");
    }
  }

  public Optional<URI> endpointFor(String service) {
    return Optional.ofNullable(endpointOverrides.get(service));
  }

  @Override
  public String tableName() {
    return required(tableName, "TABLE_NAME");
  }

  @Override
  public String protocolsBucket() {
    return required(protocolsBucket, "PROTOCOLS_BUCKET");
  }

  @Override
  public String archiveBucket() {
    return required(archiveBucket, "ARCHIVE_BUCKET");
  }

  @Override
  public String siteBucket() {
    return required(siteBucket, "SITE_BUCKET");
  }

  @Override
  public String sendOutQueueUrl() {
    return required(sendOutQueueUrl, "SEND_OUT_QUEUE_URL");
  }

  @Override
  public String boardRefreshQueueUrl() {
    return required(boardRefreshQueueUrl, "BOARD_REFRESH_QUEUE_URL");
  }

  /** The clerk desk hands review decisions to intake on its queue. */
  public String intakeQueueUrl() {
    return required(intakeQueueUrl, "INTAKE_QUEUE_URL");
  }

  @Override
  public String mailFrom() {
    return required(mailFrom, "MAIL_FROM");
  }

  private static String required(String value, String variable) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "Environment variable " + variable + " is not set; template.yaml must pass it to this function");
    }
    return value;
  }
}
