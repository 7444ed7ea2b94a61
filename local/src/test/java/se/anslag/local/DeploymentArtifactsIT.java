package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.anslag.cli.ProjectRoot;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.SendOutStatus;

/**
 * Runs the sample PDF through the shaded jars that `sam build` deploys, each in a class loader of
 * its own whose parent is the platform loader, as the Lambda Java runtime loads a function. This
 * catches what the shade filters or a missing dependency would break only on AWS.
 */
class DeploymentArtifactsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate POSTED_ON = LocalDate.of(2024, 2, 20);

  private LocalWorkflow workflow;
  private final List<URLClassLoader> loaders = new java.util.ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (var loader : loaders) {
      loader.close();
    }
    if (workflow != null) {
      workflow.close();
    }
  }

  @Test
  void sampleMinutesRunThroughTheShadedFunctionJars() throws Exception {
    var root = ProjectRoot.find();
    var clock = LocalWorkflow.clockAt(POSTED_ON);
    workflow = LocalWorkflow.start(root, clock, System.err);
    workflow.loadSetup(root.resolve("local/setup/sample-setup.yaml"));
    var key = workflow.upload(root.resolve("shared/src/test/resources/samples/gsn-2024-02-14.pdf"),
        LocalDate.of(2024, 2, 19), POSTED_ON);
    var cloud = workflow.cloud();

    var intake = new FunctionJar(root, "protocol-intake", "se.anslag.function.intake.ProtocolIntakeHandler",
        cloud.environmentOf("ProtocolIntakeFunction"), clock);
    var uploadEvent = JSON.createObjectNode();
    uploadEvent.put("detail-type", "Object Created").put("source", "aws.s3");
    uploadEvent.putObject("detail").putObject("bucket").put("name", cloud.physicalId("ProtocolsBucket"));
    ((ObjectNode) uploadEvent.get("detail")).putObject("object").put("key", key);
    assertThat(intake.handleSqs(List.of(uploadEvent.toString()), cloud.queueArn("IntakeQueue"))).isEmpty();

    var minutes = workflow.minutesFromUpload(key).orElseThrow();
    assertThat(minutes.status()).isEqualTo(MinutesStatus.DISPATCHED);
    assertThat(workflow.stores().minutes().paragraphs(minutes.id())).hasSize(6);

    var mailer = new FunctionJar(root, "decision-mailer", "se.anslag.function.mailer.DecisionMailerHandler",
        cloud.environmentOf("DecisionMailerFunction"), clock);
    var sendOutQueue = cloud.physicalId("SendOutQueue");
    for (List<String> bodies; !(bodies = receive(sendOutQueue)).isEmpty(); ) {
      assertThat(mailer.handleSqs(bodies, cloud.queueArn("SendOutQueue"))).isEmpty();
    }
    var sendOuts = workflow.stores().sendOuts().sendOuts(minutes.id());
    // 24 decision send-outs, the clerk's receipt and the summary queued by the mailer after the last.
    assertThat(sendOuts).hasSize(26);
    assertThat(sendOuts).filteredOn(s -> s.status() == SendOutStatus.SENT).hasSize(20);
    assertThat(sendOuts).filteredOn(s -> s.kind().isClerkMail()).hasSize(2);
    assertThat(sendOuts).filteredOn(s -> s.status() == SendOutStatus.FILED).hasSize(6);

    // One Delivery event, the sample event's body aimed at a mail the mailer sent.
    var sent = sendOuts.stream().filter(s -> s.status() == SendOutStatus.SENT).findFirst().orElseThrow();
    var delivery = (ObjectNode) JSON.readTree(JSON.readTree(Files.readString(root.resolve("events/delivery-events.json")))
        .path("Records").get(0).path("body").asText());
    ((ObjectNode) delivery.path("mail")).put("messageId", sent.sesMessageId());
    ((ObjectNode) delivery.path("delivery")).putArray("recipients").add(sent.address());
    var deliveryEvents = new FunctionJar(root, "delivery-events", "se.anslag.function.delivery.DeliveryEventsHandler",
        cloud.environmentOf("DeliveryEventsFunction"), clock);
    assertThat(deliveryEvents.handleSqs(List.of(delivery.toString()), cloud.queueArn("DeliveryEventsQueue"))).isEmpty();
    assertThat(workflow.stores().sendOuts().findSendOut(minutes.id(), sent.paragraph(), sent.target()).orElseThrow().status())
        .isEqualTo(SendOutStatus.DELIVERED);

    var board = new FunctionJar(root, "notice-board", "se.anslag.function.board.NoticeBoardHandler",
        cloud.environmentOf("NoticeBoardFunction"), clock);
    board.handleStream(Files.readAllBytes(root.resolve("events/notice-board.json")));
    var index = new String(workflow.siteFile("ludvika/index.html").orElseThrow(), StandardCharsets.UTF_8);
    assertThat(index).contains("Gemensamma servicenämnden").contains("2024-03-12");

    // The desk: the sample event (a clerk of the sample organ lists their minutes), and its page.
    var desk = new FunctionJar(root, "clerk-desk", "se.anslag.function.desk.ClerkDeskHandler",
        cloud.environmentOf("ClerkDeskFunction"), clock);
    var listing = desk.handleHttp(Files.readAllBytes(root.resolve("events/clerk-desk.json")));
    assertThat(listing.path("statusCode").asInt()).isEqualTo(200);
    assertThat(JSON.readTree(listing.path("body").asText()).path("minutes").findValuesAsText("id")).contains(minutes.id());
    var pageEvent = (ObjectNode) JSON.readTree(Files.readAllBytes(root.resolve("events/clerk-desk.json")));
    pageEvent.put("routeKey", "GET /desk/{page}").putObject("pathParameters").put("page", "index.html");
    pageEvent.remove("requestContext");
    var page = desk.handleHttp(JSON.writeValueAsBytes(pageEvent));
    assertThat(page.path("statusCode").asInt()).isEqualTo(200);
    assertThat(new String(java.util.Base64.getDecoder().decode(page.path("body").asText()), StandardCharsets.UTF_8))
        .contains("<html lang=\"sv\">");
  }

  private List<String> receive(String queueUrl) {
    var messages = workflow.cloud().sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
    messages.forEach(m -> workflow.cloud().sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
    return messages.stream().map(m -> m.body()).toList();
  }

  /** One function's deployment jar, loaded apart from the test's class path. */
  private final class FunctionJar {
    private final ClassLoader loader;
    private final Object handler;
    private final Class<?> contextType;

    FunctionJar(Path root, String module, String handlerClass, Map<String, String> env, Clock clock) throws Exception {
      var jar = root.resolve("functions/" + module + "/target/" + module + "-1.0.0-SNAPSHOT-lambda.jar");
      assertThat(jar).as("the shaded jar (built by mvn package)").exists();
      var urlLoader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      loaders.add(urlLoader);
      loader = urlLoader;
      var type = loader.loadClass(handlerClass);
      handler = type.getMethod("forEnvironment", Map.class, Clock.class).invoke(null, env, clock);
      contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
    }

    /** Invokes an SQS handler as the runtime does (the event's JSON); returns the ids it reported as failed. */
    List<String> handleSqs(List<String> bodies, String queueArn) throws Exception {
      var records = JSON.createArrayNode();
      for (var body : bodies) {
        records.addObject().put("messageId", UUID.randomUUID().toString()).put("receiptHandle", "handle")
            .put("body", body).put("md5OfBody", "").put("eventSource", "aws:sqs").put("eventSourceARN", queueArn)
            .put("awsRegion", "eu-north-1").putObject("attributes").put("ApproximateReceiveCount", "1");
      }
      var eventJson = JSON.createObjectNode().set("Records", records).toString();
      var ids = new java.util.ArrayList<String>();
      handleStream(eventJson.getBytes(StandardCharsets.UTF_8)).path("batchItemFailures")
          .forEach(failure -> ids.add(failure.path("itemIdentifier").asText()));
      return ids;
    }

    /** Invokes an HTTP API handler with a payload format 2.0 event; returns the response it wrote. */
    JsonNode handleHttp(byte[] eventJson) throws Exception {
      return handleStream(eventJson);
    }

    /** Every handler is a stream handler: the runtime hands it the event's bytes and sends back what it writes. */
    JsonNode handleStream(byte[] input) throws Exception {
      Method handle = handler.getClass().getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
      var output = new ByteArrayOutputStream();
      handle.invoke(handler, new ByteArrayInputStream(input), output, context());
      return JSON.readTree(output.toByteArray());
    }

    private Object context() {
      return Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, (proxy, method, args) ->
          switch (method.getName()) {
            case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 30_000;
            case "getAwsRequestId" -> UUID.randomUUID().toString();
            default -> null;
          });
    }
  }
}
