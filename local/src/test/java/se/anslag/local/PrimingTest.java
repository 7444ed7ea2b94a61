package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.anslag.function.board.NoticeBoardHandler;
import se.anslag.function.delivery.DeliveryEventsHandler;
import se.anslag.function.desk.ClerkDeskHandler;
import se.anslag.function.intake.ProtocolIntakeHandler;
import se.anslag.function.mailer.DecisionMailerHandler;
import se.anslag.function.subscriptions.BoardSubscriptionsHandler;
import se.anslag.priming.Priming;

/**
 * Each function's SnapStart priming runs every step and calls no AWS service: the handler is built
 * with every service endpoint (S3, DynamoDB, SQS, SES, Cognito) at one loopback server that records
 * each request it gets and answers none of them usefully, then primed.
 */
class PrimingTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-02-20T08:00:00Z"), ZoneOffset.UTC);

  private HttpServer recorder;
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private Map<String, String> environment;

  @BeforeEach
  void startTheRecordingEndpoint() throws IOException {
    recorder = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    recorder.createContext("/", exchange -> {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    recorder.start();
    var endpoint = "http://127.0.0.1:" + recorder.getAddress().getPort();
    environment = new HashMap<>();
    for (var service : List.of("S3", "DYNAMODB", "SQS", "SESV2", "COGNITO_IDENTITY_PROVIDER")) {
      environment.put("AWS_ENDPOINT_URL_" + service, endpoint);
    }
    environment.putAll(Map.of("AWS_REGION", "eu-north-1", "AWS_ACCESS_KEY_ID", "priming",
        "AWS_SECRET_ACCESS_KEY", "priming", "TABLE_NAME", "anslag", "PROTOCOLS_BUCKET", "protocols",
        "ARCHIVE_BUCKET", "archive", "SITE_BUCKET", "site", "MAIL_FROM", "anslag@example.org",
        "CLERK_USER_POOL_CLIENT_ID", "priming", "SITE_URL", "https://anslag.example.org"));
    for (var queue : List.of("SEND_OUT", "BOARD_REFRESH", "INTAKE")) {
      environment.put(queue + "_QUEUE_URL", endpoint + "/000000000000/" + queue.toLowerCase());
    }
  }

  @AfterEach
  void stopTheRecordingEndpoint() {
    recorder.stop(0);
  }

  @Test
  void intakePrimesTheReaderTheCalendarItsMessagesAndItsEventWithoutCallingAws() {
    assertPrimedWithoutRequests(env -> ProtocolIntakeHandler.forEnvironment(env, CLOCK).priming(),
        "reader and calendar", "upload event", "desk requests", "records", "sqs-event");
  }

  @Test
  void mailerPrimesAMailItsMessageAndItsEventWithoutCallingAws() {
    assertPrimedWithoutRequests(env -> DecisionMailerHandler.forEnvironment(env, CLOCK).priming(),
        "mail", "records", "send-out message", "sqs-event");
  }

  @Test
  void boardPrimesABoardAndItsRequestWithoutCallingAws() {
    assertPrimedWithoutRequests(env -> NoticeBoardHandler.forEnvironment(env, CLOCK).priming(),
        "board", "records", "sqs-event");
  }

  @Test
  void deliveryEventsPrimeAnSesEventAndItsEventWithoutCallingAws() {
    assertPrimedWithoutRequests(env -> DeliveryEventsHandler.forEnvironment(env, CLOCK).priming(),
        "ses event", "sqs-event");
  }

  @Test
  void deskPrimesItsPageItsConfigurationAndItsRequestsWithoutCallingAws() {
    assertPrimedWithoutRequests(env -> ClerkDeskHandler.forEnvironment(env, CLOCK).priming(),
        "http GET /desk/{page}", "http GET /api/desk/configuration", "records");
  }

  @Test
  void subscriptionsPrimeAPageAndTheirMessageWithoutCallingAws() {
    assertPrimedWithoutRequests(env -> BoardSubscriptionsHandler.forEnvironment(env, CLOCK).priming(),
        "http GET /api/subscriptions/priming", "records");
  }

  @Test
  void theRecordingEndpointSeesWhatAHandlerAsksOfAws() throws IOException {
    var handler = DeliveryEventsHandler.forEnvironment(environment, CLOCK);
    var event = Priming.sqsEventJson(new com.fasterxml.jackson.databind.ObjectMapper(), Priming.sesDelivery());
    var response = new java.io.ByteArrayOutputStream();

    handler.handleRequest(new java.io.ByteArrayInputStream(event), response, null);

    // The delivery event looks its send-out up in DynamoDB: that request reaches the recorder.
    assertThat(requests).isNotEmpty().allMatch(request -> request.startsWith("POST /"));
    assertThat(response.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"itemIdentifier\":\"priming-message\"");
  }

  private void assertPrimedWithoutRequests(Function<Map<String, String>, Priming> handler, String... steps) {
    var priming = handler.apply(environment);
    assertThat(requests).as("requests while the handler was built").isEmpty();

    var primed = priming.prime();

    assertThat(primed).as("the steps that completed").containsExactly(steps);
    assertThat(requests).as("requests while priming").isEmpty();
  }
}
