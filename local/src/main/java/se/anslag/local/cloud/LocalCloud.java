package se.anslag.local.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import se.anslag.aws.AwsClients;
import se.anslag.config.AnslagConfig;
import se.anslag.format.Json;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The AWS application of a SAM template, emulated on this machine: ElasticMQ in this JVM for SQS,
 * one Node process for DynamoDB (dynalite), SES v2 (aws-ses-v2-local) and S3 (s3rver), and, when the
 * template declares a user pool, another for Cognito (cognito-local), every server on 127.0.0.1 and
 * a free port. {@link #start} creates the tables, buckets (with their CORS rules), queues, user
 * pools, clients and groups the template declares and routes S3 "Object Created" events through
 * the template's EventBridge rules into their target queues.
 *
 * <p>Local deviations: names are {@code <LogicalId>-<runId>} (buckets lowercased) unless the template
 * names the resource; IAM policies, encryption, versioning, point-in-time recovery, CloudFront and
 * queue policies are not emulated; ElasticMQ ignores MessageRetentionPeriod; dynalite has no TTL;
 * object keys in events are URL-encoded as S3 encodes them; a user pool's issuer is the emulator's
 * address ({@link #localIssuer}), not https://cognito-idp.{region}.amazonaws.com.
 */
public final class LocalCloud implements AutoCloseable {

  // The local cloud's own clients sign with s3rver's one key; each function signs with a key of its
  // own (FunctionCredentials), which server.js makes s3rver accept. The other emulators accept any.
  public static final String ACCESS_KEY_ID = "S3RVER";
  public static final String SECRET_ACCESS_KEY = "S3RVER";
  private static final String HOST = "127.0.0.1";

  private final SamTemplate template;
  private final PrintStream progress;
  private final String runId;
  private final ObjectMapper json = Json.mapper();
  private final Intrinsics intrinsics;
  // Read by the thread that routes S3 events, hence the concurrent collections.
  private final Map<String, String> physicalIds = new ConcurrentHashMap<>();
  private final Map<String, QueueInfo> queues = new ConcurrentHashMap<>();
  private final Set<String> creating = new HashSet<>();
  private final List<RuleRoute> routes = new CopyOnWriteArrayList<>();
  private final Set<String> eventBridgeBuckets = ConcurrentHashMap.newKeySet();

  private Path s3Directory;
  private final Thread closeOnExit = new Thread(this::close, "local-cloud-close-on-exit");
  private SQSRestServer sqsServer;
  private int sqsPort;
  private EmulatorProcess emulators;
  private EmulatorProcess.Ports ports;
  private S3Client s3;
  private DynamoDbClient dynamoDb;
  private SqsClient sqs;
  private SesV2Client sesV2;
  private CognitoEmulator cognitoEmulator;
  private CognitoIdentityProviderClient cognito;
  private boolean closed;

  private record QueueInfo(String name, String url, String arn) {}

  private record RuleRoute(String ruleLogicalId, JsonNode pattern, String queueLogicalId,
      Optional<String> input) {}

  private LocalCloud(SamTemplate template, Map<String, String> parameterOverrides, PrintStream progress) {
    this.template = template;
    this.progress = progress;
    this.runId = newRunId();
    this.intrinsics = new Intrinsics(template, parameterOverrides, new Intrinsics.Resources() {
      @Override
      public String ref(String logicalId) {
        return refOf(logicalId);
      }

      @Override
      public String getAtt(String logicalId, String attribute) {
        return attributeOf(logicalId, attribute);
      }
    });
  }

  /** Starts the emulators and creates what the template declares, with the parameters' defaults. */
  public static LocalCloud start(Path projectRoot, Path templateFile, PrintStream progress) {
    return start(projectRoot, templateFile, Map.of(), progress);
  }

  /**
   * Starts the emulators and creates what the template declares.
   *
   * @param projectRoot        the repository root; the Node emulators live in {@code local/emulators}
   * @param parameterOverrides template parameter values that replace the defaults
   */
  public static LocalCloud start(Path projectRoot, Path templateFile, Map<String, String> parameterOverrides,
      PrintStream progress) {
    LocalCloud cloud = new LocalCloud(SamTemplate.read(templateFile), parameterOverrides, progress);
    // Ctrl-C or SIGTERM at any point, even while starting, still stops the emulators and
    // removes the S3 directory; close() takes the hook back when it runs first.
    Runtime.getRuntime().addShutdownHook(cloud.closeOnExit);
    try {
      cloud.startEmulators(projectRoot.resolve("local").resolve("emulators"));
      cloud.createResources();
      return cloud;
    } catch (RuntimeException e) {
      cloud.close();
      throw e;
    }
  }

  private static String newRunId() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }

  private void startEmulators(Path emulatorsDirectory) {
    progress.println("local cloud: starting SQS (ElasticMQ) ...");
    sqsServer = SQSRestServerBuilder.withInterface(HOST)
        .withDynamicPort()
        .withAWSRegion(Intrinsics.REGION)
        .withAWSAccountId(Intrinsics.ACCOUNT_ID)
        .start();
    sqsPort = sqsServer.waitUntilStarted().localAddress().getPort();
    progress.println("local cloud: starting DynamoDB, SES and S3 (Node) ...");
    // Under the lock that close() takes: a close on exit waits for these and then removes them.
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the local cloud was closed while it started");
      }
      try {
        s3Directory = Files.createTempDirectory("anslag-s3-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a directory for the S3 emulator", e);
      }
      emulators = EmulatorProcess.start(emulatorsDirectory, s3Directory, this::routeS3Event, progress);
      if (!template.resourcesOfType("AWS::Cognito::UserPool").isEmpty()) {
        progress.println("local cloud: starting Cognito (cognito-local) ...");
        cognitoEmulator = CognitoEmulator.start(emulatorsDirectory, progress);
      }
    }
    ports = emulators.ports();
    s3 = configure(S3Client.builder()
        .serviceConfiguration(S3Configuration.builder()
            .pathStyleAccessEnabled(true)
            // Over plain http the SDK would stream aws-chunked bodies, which s3rver stores verbatim.
            .chunkedEncodingEnabled(false)
            .build()), ports.s3()).build();
    dynamoDb = configure(DynamoDbClient.builder(), ports.dynamoDb()).build();
    sqs = configure(SqsClient.builder(), sqsPort).build();
    sesV2 = configure(SesV2Client.builder(), ports.ses()).build();
    if (cognitoEmulator != null) {
      cognito = configure(CognitoIdentityProviderClient.builder(), cognitoEmulator.endpoint()).build();
      progress.println("local cloud: Cognito on " + cognitoEmulator.endpoint());
    }
    progress.printf("local cloud: SQS on %s, DynamoDB on %s, SES on %s, S3 on %s (run %s)%n",
        endpoint(sqsPort), endpoint(ports.dynamoDb()), endpoint(ports.ses()), endpoint(ports.s3()), runId);
  }

  private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, int port) {
    return configure(builder, endpoint(port));
  }

  private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
    return AwsClients.configure(builder, Optional.of(Intrinsics.REGION), Optional.of(endpoint),
        Optional.of(new AnslagConfig.StaticKeys(ACCESS_KEY_ID, SECRET_ACCESS_KEY)));
  }

  private static URI endpoint(int port) {
    return URI.create("http://" + HOST + ":" + port);
  }

  // ---------------------------------------------------------------- resources

  private void createResources() {
    for (SamTemplate.Resource resource : template.resources().values()) {
      if (resource.condition().isPresent() && !intrinsics.conditionHolds(resource.condition().get())) {
        progress.println("local cloud: skipping " + resource.logicalId() + " (condition "
            + resource.condition().get() + " is false)");
        continue;
      }
      ensureCreated(resource.logicalId());
    }
    for (SamTemplate.Resource rule : template.resourcesOfType("AWS::Events::Rule")) {
      registerRule(rule);
    }
  }

  private void ensureCreated(String logicalId) {
    if (physicalIds.containsKey(logicalId)) {
      return;
    }
    if (!creating.add(logicalId)) {
      throw new IllegalStateException("circular reference while creating " + logicalId);
    }
    try {
      SamTemplate.Resource resource = template.resource(logicalId);
      String physicalId = switch (resource.type()) {
        case "AWS::DynamoDB::Table" -> createTable(resource);
        case "AWS::S3::Bucket" -> createBucket(resource);
        case "AWS::SQS::Queue" -> createQueue(resource);
        case "AWS::Cognito::UserPool" -> createUserPool(resource);
        case "AWS::Cognito::UserPoolClient" -> createUserPoolClient(resource);
        case "AWS::Cognito::UserPoolGroup" -> createUserPoolGroup(resource);
        default -> defaultName(logicalId);
      };
      physicalIds.put(logicalId, physicalId);
    } finally {
      creating.remove(logicalId);
    }
  }

  private String defaultName(String logicalId) {
    return logicalId + "-" + runId;
  }

  private Optional<String> declaredName(SamTemplate.Resource resource, String property) {
    JsonNode name = resource.property(property);
    return name.isMissingNode() ? Optional.empty() : Optional.of(intrinsics.resolveToString(name));
  }

  private String createTable(SamTemplate.Resource resource) {
    String name = declaredName(resource, "TableName").orElse(defaultName(resource.logicalId()));
    JsonNode properties = intrinsics.resolve(resource.properties());
    boolean onDemand = "PAY_PER_REQUEST".equals(properties.path("BillingMode").asText());
    CreateTableRequest.Builder request = CreateTableRequest.builder()
        .tableName(name)
        .attributeDefinitions(properties.path("AttributeDefinitions").valueStream()
            .map(d -> AttributeDefinition.builder()
                .attributeName(d.path("AttributeName").asText())
                .attributeType(d.path("AttributeType").asText())
                .build())
            .toList())
        .keySchema(keySchema(properties.path("KeySchema")));
    if (onDemand) {
      request.billingMode(BillingMode.PAY_PER_REQUEST);
    } else {
      request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput(properties));
    }
    List<GlobalSecondaryIndex> globalIndexes = properties.path("GlobalSecondaryIndexes").valueStream()
        .map(index -> {
          GlobalSecondaryIndex.Builder builder = GlobalSecondaryIndex.builder()
              .indexName(index.path("IndexName").asText())
              .keySchema(keySchema(index.path("KeySchema")))
              .projection(projection(index.path("Projection")));
          if (!onDemand) {
            builder.provisionedThroughput(throughput(index));
          }
          return builder.build();
        })
        .toList();
    if (!globalIndexes.isEmpty()) {
      request.globalSecondaryIndexes(globalIndexes);
    }
    List<LocalSecondaryIndex> localIndexes = properties.path("LocalSecondaryIndexes").valueStream()
        .map(index -> LocalSecondaryIndex.builder()
            .indexName(index.path("IndexName").asText())
            .keySchema(keySchema(index.path("KeySchema")))
            .projection(projection(index.path("Projection")))
            .build())
        .toList();
    if (!localIndexes.isEmpty()) {
      request.localSecondaryIndexes(localIndexes);
    }
    dynamoDb.createTable(request.build());
    progress.println("local cloud: table " + name + " for " + resource.logicalId()
        + (globalIndexes.isEmpty() ? "" : ", indexes " + globalIndexes.stream()
            .map(GlobalSecondaryIndex::indexName).toList()));
    if (properties.has("TimeToLiveSpecification")) {
      progress.println("local cloud: note: dynalite has no TTL; items of " + name + " do not expire");
    }
    return name;
  }

  private static List<KeySchemaElement> keySchema(JsonNode elements) {
    return elements.valueStream()
        .map(e -> KeySchemaElement.builder()
            .attributeName(e.path("AttributeName").asText())
            .keyType(e.path("KeyType").asText())
            .build())
        .toList();
  }

  private static Projection projection(JsonNode projection) {
    Projection.Builder builder = Projection.builder()
        .projectionType(projection.path("ProjectionType").asText("ALL"));
    List<String> nonKey = projection.path("NonKeyAttributes").valueStream().map(JsonNode::asText).toList();
    if (!nonKey.isEmpty()) {
      builder.nonKeyAttributes(nonKey);
    }
    return builder.build();
  }

  private static ProvisionedThroughput throughput(JsonNode owner) {
    JsonNode declared = owner.path("ProvisionedThroughput");
    return ProvisionedThroughput.builder()
        .readCapacityUnits(declared.path("ReadCapacityUnits").asLong(5))
        .writeCapacityUnits(declared.path("WriteCapacityUnits").asLong(5))
        .build();
  }

  private String createBucket(SamTemplate.Resource resource) {
    String name = declaredName(resource, "BucketName")
        .orElse(bucketName(resource.logicalId()));
    s3.createBucket(b -> b.bucket(name));
    applyCorsRules(name, intrinsics.resolve(resource.property("CorsConfiguration")).path("CorsRules"));
    boolean eventBridge = intrinsics.resolve(resource.property("NotificationConfiguration"))
        .path("EventBridgeConfiguration").path("EventBridgeEnabled").asBoolean(false);
    if (eventBridge) {
      eventBridgeBuckets.add(name);
    }
    progress.println("local cloud: bucket " + name + " for " + resource.logicalId()
        + (eventBridge ? " (events to EventBridge)" : ""));
    return name;
  }

  /** The template's CORS rules, as S3 applies them to browser requests (s3rver does too). */
  private void applyCorsRules(String bucket, JsonNode rules) {
    if (!rules.isArray() || rules.isEmpty()) {
      return;
    }
    var corsRules = rules.valueStream().map(rule -> software.amazon.awssdk.services.s3.model.CORSRule.builder()
        .allowedOrigins(texts(rule.path("AllowedOrigins")))
        .allowedMethods(texts(rule.path("AllowedMethods")))
        .allowedHeaders(texts(rule.path("AllowedHeaders")))
        .exposeHeaders(texts(rule.path("ExposedHeaders")))
        .maxAgeSeconds(rule.has("MaxAge") ? rule.get("MaxAge").asInt() : null)
        .build()).toList();
    s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(corsRules)));
    progress.println("local cloud: bucket " + bucket + " takes browser requests from "
        + corsRules.stream().flatMap(r -> r.allowedOrigins().stream()).toList());
  }

  private static List<String> texts(JsonNode array) {
    return array.valueStream().map(JsonNode::asText).toList();
  }

  // ---------------------------------------------------------------- Cognito

  private CognitoIdentityProviderClient cognitoClient(String logicalId) {
    if (cognito == null) {
      throw new IllegalStateException(logicalId + " needs the Cognito emulator, which did not start");
    }
    return cognito;
  }

  private String createUserPool(SamTemplate.Resource resource) {
    JsonNode properties = intrinsics.resolve(resource.properties());
    String name = declaredName(resource, "UserPoolName").orElse(defaultName(resource.logicalId()));
    JsonNode password = properties.path("Policies").path("PasswordPolicy");
    var pool = cognitoClient(resource.logicalId()).createUserPool(b -> {
      b.poolName(name)
          .usernameAttributesWithStrings(texts(properties.path("UsernameAttributes")))
          .autoVerifiedAttributesWithStrings(texts(properties.path("AutoVerifiedAttributes")))
          .adminCreateUserConfig(a -> a.allowAdminCreateUserOnly(
              properties.path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly").asBoolean(false)));
      if (properties.has("MfaConfiguration")) {
        b.mfaConfiguration(properties.get("MfaConfiguration").asText());
      }
      if (!password.isMissingNode()) {
        b.policies(p -> p.passwordPolicy(pp -> pp
            .minimumLength(password.path("MinimumLength").asInt(8))
            .requireLowercase(password.path("RequireLowercase").asBoolean(true))
            .requireUppercase(password.path("RequireUppercase").asBoolean(true))
            .requireNumbers(password.path("RequireNumbers").asBoolean(true))
            .requireSymbols(password.path("RequireSymbols").asBoolean(true))
            .temporaryPasswordValidityDays(password.path("TemporaryPasswordValidityDays").asInt(7))));
      }
    }).userPool();
    progress.println("local cloud: user pool " + pool.id() + " for " + resource.logicalId() + ", issuer "
        + localIssuer(pool.id()));
    return pool.id();
  }

  private String createUserPoolClient(SamTemplate.Resource resource) {
    JsonNode properties = intrinsics.resolve(resource.properties());
    String poolId = properties.path("UserPoolId").asText();
    JsonNode units = properties.path("TokenValidityUnits");
    var client = cognitoClient(resource.logicalId()).createUserPoolClient(b -> {
      b.userPoolId(poolId)
          .clientName(properties.path("ClientName").asText(defaultName(resource.logicalId())))
          .generateSecret(properties.path("GenerateSecret").asBoolean(false))
          .explicitAuthFlows(texts(properties.path("ExplicitAuthFlows")).stream()
              .map(ExplicitAuthFlowsType::fromValue).toList());
      if (properties.has("IdTokenValidity")) {
        b.idTokenValidity(properties.get("IdTokenValidity").asInt());
      }
      if (properties.has("AccessTokenValidity")) {
        b.accessTokenValidity(properties.get("AccessTokenValidity").asInt());
      }
      if (properties.has("RefreshTokenValidity")) {
        b.refreshTokenValidity(properties.get("RefreshTokenValidity").asInt());
      }
      if (!units.isMissingNode()) {
        b.tokenValidityUnits(u -> u
            .idToken(TimeUnitsType.fromValue(units.path("IdToken").asText("hours")))
            .accessToken(TimeUnitsType.fromValue(units.path("AccessToken").asText("hours")))
            .refreshToken(TimeUnitsType.fromValue(units.path("RefreshToken").asText("days"))));
      }
    }).userPoolClient();
    progress.println("local cloud: user pool client " + client.clientId() + " for " + resource.logicalId());
    return client.clientId();
  }

  private String createUserPoolGroup(SamTemplate.Resource resource) {
    JsonNode properties = intrinsics.resolve(resource.properties());
    String poolId = properties.path("UserPoolId").asText();
    String name = declaredName(resource, "GroupName").orElse(defaultName(resource.logicalId()));
    cognitoClient(resource.logicalId()).createGroup(b -> b.userPoolId(poolId).groupName(name)
        .description(properties.path("Description").asText(null)));
    progress.println("local cloud: group " + name + " in " + poolId + " for " + resource.logicalId());
    return name;
  }

  /** The issuer of a user pool's tokens here: the emulator's address and the pool id. */
  public URI localIssuer(String userPoolId) {
    if (cognitoEmulator == null) {
      throw new IllegalStateException("no Cognito emulator runs: the template declares no user pool");
    }
    return cognitoEmulator.endpoint().resolve(userPoolId);
  }

  /**
   * The issuer a template names for a user pool of this cloud
   * ({@code https://cognito-idp.<region>.amazonaws.com/<poolId>}), as this cloud's emulator issues
   * it; other issuers unchanged.
   */
  public String localIssuerFor(String templateIssuer) {
    String prefix = "https://cognito-idp." + Intrinsics.REGION + ".amazonaws.com/";
    if (cognitoEmulator != null && templateIssuer.startsWith(prefix)) {
      return localIssuer(templateIssuer.substring(prefix.length())).toString();
    }
    return templateIssuer;
  }

  private String bucketName(String logicalId) {
    String base = logicalId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    String suffix = "-" + runId;
    return (base.length() + suffix.length() > 63 ? base.substring(0, 63 - suffix.length()) : base) + suffix;
  }

  private String createQueue(SamTemplate.Resource resource) {
    JsonNode properties = intrinsics.resolve(resource.properties());
    boolean fifo = properties.path("FifoQueue").asBoolean(false);
    String name = declaredName(resource, "QueueName")
        .orElse(defaultName(resource.logicalId()) + (fifo ? ".fifo" : ""));
    Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
    for (String numeric : List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds",
        "MaximumMessageSize", "ReceiveMessageWaitTimeSeconds")) {
      if (properties.has(numeric)) {
        attributes.put(QueueAttributeName.fromValue(numeric), properties.get(numeric).asText());
      }
    }
    if (fifo) {
      attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
      if (properties.path("ContentBasedDeduplication").asBoolean(false)) {
        attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
      }
    }
    if (properties.has("RedrivePolicy")) {
      attributes.put(QueueAttributeName.REDRIVE_POLICY, properties.get("RedrivePolicy").toString());
    }
    String url = sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    queues.put(resource.logicalId(), new QueueInfo(name, url, arn));
    progress.println("local cloud: queue " + name + " for " + resource.logicalId()
        + (attributes.isEmpty() ? "" : " " + attributes.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).toList()));
    return url;
  }

  private String refOf(String logicalId) {
    SamTemplate.Resource resource = template.resource(logicalId);
    return switch (resource.type()) {
      case "AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::SQS::Queue", "AWS::Cognito::UserPool",
          "AWS::Cognito::UserPoolClient", "AWS::Cognito::UserPoolGroup" -> {
        ensureCreated(logicalId);
        yield physicalIds.get(logicalId);
      }
      default -> defaultName(logicalId);
    };
  }

  private String attributeOf(String logicalId, String attribute) {
    SamTemplate.Resource resource = template.resource(logicalId);
    String region = Intrinsics.REGION;
    String account = Intrinsics.ACCOUNT_ID;
    String value = switch (resource.type() + "." + attribute) {
      case "AWS::SQS::Queue.Arn" -> queue(logicalId).arn();
      case "AWS::SQS::Queue.QueueName" -> queue(logicalId).name();
      case "AWS::SQS::Queue.QueueUrl" -> queue(logicalId).url();
      case "AWS::DynamoDB::Table.Arn" -> "arn:aws:dynamodb:" + region + ":" + account + ":table/" + refOf(logicalId);
      case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + refOf(logicalId);
      case "AWS::S3::Bucket.DomainName" -> refOf(logicalId) + ".s3.amazonaws.com";
      case "AWS::S3::Bucket.RegionalDomainName" -> refOf(logicalId) + ".s3." + region + ".amazonaws.com";
      case "AWS::Cognito::UserPool.Arn" -> "arn:aws:cognito-idp:" + region + ":" + account + ":userpool/" + refOf(logicalId);
      case "AWS::Cognito::UserPool.ProviderURL" -> localIssuer(refOf(logicalId)).toString();
      // The site's host on AWS; locally SiteServer serves it, on a port known only once it runs.
      case "AWS::CloudFront::Distribution.DomainName" -> refOf(logicalId).toLowerCase(java.util.Locale.ROOT) + ".cloudfront.net";
      case "AWS::Events::Rule.Arn" -> "arn:aws:events:" + region + ":" + account + ":rule/" + refOf(logicalId);
      case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" ->
          "arn:aws:lambda:" + region + ":" + account + ":function:" + refOf(logicalId);
      default -> null;
    };
    if (value == null) {
      throw new UnsupportedOperationException("!GetAtt " + logicalId + "." + attribute
          + " (" + resource.type() + ") has no local value");
    }
    return value;
  }

  private QueueInfo queue(String logicalId) {
    ensureCreated(logicalId);
    QueueInfo queue = queues.get(logicalId);
    if (queue == null) {
      throw new IllegalArgumentException(logicalId + " is not a queue");
    }
    return queue;
  }

  // ---------------------------------------------------------------- EventBridge

  private void registerRule(SamTemplate.Resource rule) {
    JsonNode properties = intrinsics.resolve(rule.properties());
    if ("DISABLED".equals(properties.path("State").asText())) {
      return;
    }
    JsonNode pattern = properties.path("EventPattern");
    if (pattern.isTextual()) {
      try {
        pattern = json.readTree(pattern.asText());
      } catch (IOException e) {
        throw new IllegalArgumentException("EventPattern of " + rule.logicalId() + " is not JSON", e);
      }
    }
    if (!pattern.isObject()) {
      progress.println("local cloud: rule " + rule.logicalId() + " has no event pattern; not emulated");
      return;
    }
    for (JsonNode target : properties.path("Targets")) {
      String arn = target.path("Arn").asText();
      Optional<String> queueId = queues.entrySet().stream()
          .filter(q -> q.getValue().arn().equals(arn)).map(Map.Entry::getKey).findFirst();
      if (queueId.isEmpty()) {
        progress.println("local cloud: rule " + rule.logicalId() + ": target " + arn
            + " is not a queue; not emulated");
        continue;
      }
      Optional<String> input = target.has("Input") ? Optional.of(target.get("Input").asText()) : Optional.empty();
      routes.add(new RuleRoute(rule.logicalId(), pattern, queueId.get(), input));
      progress.println("local cloud: rule " + rule.logicalId() + " sends matching events to "
          + queueId.get());
    }
  }

  /** Called in node's output order for every ObjectCreated record that s3rver emits. */
  private void routeS3Event(JsonNode record) {
    String bucket = record.path("s3").path("bucket").path("name").asText();
    if (!eventBridgeBuckets.contains(bucket)) {
      return; // S3 sends to EventBridge only from buckets that enable it
    }
    ObjectNode event = eventBridgeObjectCreated(record);
    for (RuleRoute route : routes) {
      if (EventPatterns.matches(route.pattern(), event)) {
        String body = route.input().orElseGet(event::toString);
        sqs.sendMessage(b -> b.queueUrl(queues.get(route.queueLogicalId()).url()).messageBody(body));
        progress.println("local cloud: " + route.ruleLogicalId() + ": s3://" + bucket + "/"
            + record.path("s3").path("object").path("key").asText() + " -> " + route.queueLogicalId());
      }
    }
  }

  /** The EventBridge "Object Created" event that S3 sends for an s3rver record. */
  private ObjectNode eventBridgeObjectCreated(JsonNode record) {
    JsonNode s3Part = record.path("s3");
    String bucket = s3Part.path("bucket").path("name").asText();
    JsonNode object = s3Part.path("object");
    Instant time = Instant.parse(record.path("eventTime").asText(Instant.now().toString()))
        .truncatedTo(ChronoUnit.SECONDS);
    ObjectNode event = json.createObjectNode();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", "Object Created");
    event.put("source", "aws.s3");
    event.put("account", Intrinsics.ACCOUNT_ID);
    event.put("time", time.toString());
    event.put("region", Intrinsics.REGION);
    event.putArray("resources").add("arn:aws:s3:::" + bucket);
    ObjectNode detail = event.putObject("detail");
    detail.put("version", "0");
    detail.putObject("bucket").put("name", bucket);
    ObjectNode detailObject = detail.putObject("object");
    detailObject.put("key", s3KeyEncoding(object.path("key").asText()));
    detailObject.put("size", object.path("size").asLong());
    detailObject.put("etag", object.path("eTag").asText());
    detailObject.put("sequencer", object.path("sequencer").asText());
    detail.put("request-id", record.path("responseElements").path("x-amz-request-id").asText());
    detail.put("requester", Intrinsics.ACCOUNT_ID);
    detail.put("reason", switch (record.path("eventName").asText()) {
      case "ObjectCreated:Copy" -> "CopyObject";
      case "ObjectCreated:Post" -> "PostObject";
      default -> "PutObject";
    });
    return event;
  }

  /** S3 URL-encodes keys in its events (space as '+', '/' kept); s3rver does not. */
  private static String s3KeyEncoding(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
  }

  /**
   * Waits until every S3 event caused by requests that have already been answered has been routed
   * to its queue. Routing runs on its own thread, so call this between an upload and a look at the
   * queue.
   */
  public void awaitEventRouting() {
    emulators.awaitEventsDelivered();
  }

  /**
   * Empties what the template's resources hold, as if they had just been created: every item of
   * every table, every object of every bucket, every message of every queue, the SES emulator's
   * mail, and every user of every user pool with the groups the template does not declare; the SES
   * emulator listens again if a test stopped it. The resources, their names, the emulators and their
   * ports stay. For tests that share one local cloud across a class instead of starting one each (a
   * start costs two Node processes and every resource). Call it when nothing runs on the cloud, as
   * after a drain.
   */
  public void reset() {
    awaitEventRouting();
    for (SamTemplate.Resource table : createdOfType("AWS::DynamoDB::Table")) {
      emptyTable(physicalIds.get(table.logicalId()));
    }
    for (SamTemplate.Resource bucket : createdOfType("AWS::S3::Bucket")) {
      emptyBucket(physicalIds.get(bucket.logicalId()));
    }
    for (QueueInfo queue : queues.values()) {
      sqs.purgeQueue(b -> b.queueUrl(queue.url()));
    }
    startSes();
    clearSesStore();
    var declaredGroups = createdOfType("AWS::Cognito::UserPoolGroup").stream()
        .map(group -> physicalIds.get(group.logicalId())).collect(Collectors.toSet());
    for (SamTemplate.Resource pool : createdOfType("AWS::Cognito::UserPool")) {
      String poolId = physicalIds.get(pool.logicalId());
      for (var page : cognito.listUsersPaginator(b -> b.userPoolId(poolId))) {
        page.users().forEach(user -> cognito.adminDeleteUser(b -> b.userPoolId(poolId).username(user.username())));
      }
      // Groups made for clerks (LocalDesk makes one per organ); the template's own stay.
      for (var page : cognito.listGroupsPaginator(b -> b.userPoolId(poolId))) {
        page.groups().stream().filter(group -> !declaredGroups.contains(group.groupName()))
            .forEach(group -> cognito.deleteGroup(b -> b.userPoolId(poolId).groupName(group.groupName())));
      }
    }
  }

  /** The template's resources of a type that this cloud created (a false condition skips some). */
  private List<SamTemplate.Resource> createdOfType(String type) {
    return template.resourcesOfType(type).stream().filter(r -> physicalIds.containsKey(r.logicalId())).toList();
  }

  private void emptyTable(String name) {
    var keyNames = dynamoDb.describeTable(b -> b.tableName(name)).table().keySchema().stream()
        .map(KeySchemaElement::attributeName).toList();
    for (var page : dynamoDb.scanPaginator(b -> b.tableName(name))) {
      var deletes = page.items().stream()
          .map(item -> keyNames.stream().collect(Collectors.toMap(keyName -> keyName, item::get)))
          .map(key -> WriteRequest.builder().deleteRequest(d -> d.key(key)).build()).toList();
      // BatchWriteItem takes at most 25 requests; the emulator leaves none unprocessed.
      for (int start = 0; start < deletes.size(); start += 25) {
        var batch = deletes.subList(start, Math.min(deletes.size(), start + 25));
        var unprocessed = dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(name, batch))).unprocessedItems();
        if (!unprocessed.isEmpty()) {
          throw new IllegalStateException("the DynamoDB emulator left deletes unprocessed in " + name);
        }
      }
    }
  }

  private void emptyBucket(String name) {
    for (var page : s3.listObjectsV2Paginator(b -> b.bucket(name))) {
      if (page.contents().isEmpty()) {
        continue;
      }
      var keys = page.contents().stream().map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
      var answer = s3.deleteObjects(b -> b.bucket(name).delete(d -> d.objects(keys).quiet(true)));
      if (!answer.errors().isEmpty()) {
        throw new IllegalStateException("the S3 emulator did not delete " + answer.errors() + " in " + name);
      }
    }
  }

  /** Empties the SES emulator's store of sent mail. */
  public void clearSesStore() {
    var clear = HttpRequest.newBuilder(endpoint(ports.ses()).resolve("/clear-store"))
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    try (var http = HttpClient.newHttpClient()) {
      int status = http.send(clear, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 200) {
        throw new IllegalStateException("the SES emulator did not clear its store: HTTP " + status);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the SES emulator's store", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while clearing the SES emulator's store", e);
    }
  }

  /** Stops the SES emulator until {@link #startSes()}, as an outage would: connections are refused. */
  public void stopSes() {
    emulators.stopSes();
  }

  /** Starts the SES emulator again on the same port, with the mail it had accepted before. */
  public void startSes() {
    emulators.startSes();
  }

  // ---------------------------------------------------------------- public view

  public SamTemplate template() {
    return template;
  }

  /** The short random id that makes this run's names unique. */
  public String runId() {
    return runId;
  }

  /**
   * What {@code !Ref logicalId} gives: the table name, bucket name, queue URL, or parameter value
   * (also the pseudo parameters such as {@code AWS::Region}).
   */
  public String physicalId(String logicalId) {
    return intrinsics.resolveToString(json.createObjectNode().put("Ref", logicalId));
  }

  /** Resolves any template value (a literal or an intrinsic in long form) against this cloud. */
  public JsonNode resolve(JsonNode templateValue) {
    return intrinsics.resolve(templateValue);
  }

  /**
   * The environment a function sees: its Environment.Variables (Globals included) resolved, plus
   * the region, the emulators' credentials and the SDK's per-service endpoint variables.
   */
  public Map<String, String> environmentOf(String functionLogicalId) {
    SamTemplate.Function function = template.function(functionLogicalId);
    Map<String, String> environment = new LinkedHashMap<>();
    function.environment().forEach((name, value) -> {
      JsonNode resolved = intrinsics.resolve(value);
      if (!resolved.isMissingNode()) { // a variable whose value is AWS::NoValue is left out
        environment.put(name, resolved.isContainerNode() ? resolved.toString() : resolved.asText());
      }
    });
    environment.put("AWS_REGION", Intrinsics.REGION);
    environment.put("AWS_DEFAULT_REGION", Intrinsics.REGION);
    // A key of the function's own, as its role's credentials would be on AWS (FunctionCredentials).
    environment.put("AWS_ACCESS_KEY_ID", FunctionCredentials.accessKeyId(this, functionLogicalId));
    environment.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
    environment.put("AWS_LAMBDA_FUNCTION_NAME", refOf(functionLogicalId));
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memorySizeMb()));
    environment.put("AWS_ENDPOINT_URL_S3", endpoint(ports.s3()).toString());
    environment.put("AWS_ENDPOINT_URL_DYNAMODB", endpoint(ports.dynamoDb()).toString());
    environment.put("AWS_ENDPOINT_URL_SQS", endpoint(sqsPort).toString());
    environment.put("AWS_ENDPOINT_URL_SESV2", endpoint(ports.ses()).toString());
    if (cognitoEmulator != null) {
      environment.put("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", cognitoEmulator.endpoint().toString());
    }
    return Collections.unmodifiableMap(environment);
  }

  /** The URL of the queue declared as {@code logicalId}. */
  public String queueUrl(String logicalId) {
    return queue(logicalId).url();
  }

  /** The ARN of the queue declared as {@code logicalId}. */
  public String queueArn(String logicalId) {
    return queue(logicalId).arn();
  }

  /** The logical id of the dead-letter queue of a queue, from its RedrivePolicy. */
  public Optional<String> deadLetterQueueOf(String queueLogicalId) {
    JsonNode target = template.resource(queueLogicalId).property("RedrivePolicy").path("deadLetterTargetArn");
    if (target.isMissingNode()) {
      return Optional.empty();
    }
    String arn = intrinsics.resolveToString(target);
    return queues.entrySet().stream().filter(q -> q.getValue().arn().equals(arn))
        .map(Map.Entry::getKey).findFirst();
  }

  public S3Client s3() {
    return s3;
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  public SqsClient sqs() {
    return sqs;
  }

  public SesV2Client sesV2() {
    return sesV2;
  }

  /** The Cognito emulator's client (for creating clerks and signing in), or null without a user pool. */
  public CognitoIdentityProviderClient cognito() {
    return cognito;
  }

  /** Where the Cognito emulator answers, as a browser calls it. */
  public URI cognitoEndpoint() {
    return cognitoEmulator.endpoint();
  }

  /** GET gives the mail sent so far as JSON ({"emails": [...]}); {@link #clearSesStore} empties it. */
  public URI sesStore() {
    return endpoint(ports.ses()).resolve("/store");
  }

  /** The process id of the Node emulators (for checks that nothing outlives {@link #close()}). */
  public long emulatorPid() {
    return emulators.pid();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (Thread.currentThread() != closeOnExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(closeOnExit);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting and runs the hook anyway; closing twice does nothing.
      }
    }
    for (AutoCloseable client : new AutoCloseable[] {s3, dynamoDb, sqs, sesV2, cognito}) {
      closeQuietly(client);
    }
    if (emulators != null) {
      emulators.close();
    }
    if (cognitoEmulator != null) {
      cognitoEmulator.close();
    }
    if (sqsServer != null) {
      sqsServer.stopAndWait();
    }
    if (s3Directory != null) {
      deleteRecursively(s3Directory);
    }
  }

  private void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      progress.println("local cloud: while closing: " + e);
    }
  }

  private void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          progress.println("local cloud: cannot delete " + path + ": " + e.getMessage());
        }
      });
    } catch (IOException e) {
      progress.println("local cloud: cannot delete " + directory + ": " + e.getMessage());
    }
  }
}
