package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;

/**
 * A local workflow with the desk served on a free port, the sample setup asking for review and two
 * clerks signed in, for the desk's integration tests after the upload (review, withdrawal, proof):
 * started before the class's first test and stopped after its last. The API is called over HTTP as
 * the desk's page calls it; the waits are for what intake, the mailer and the board do. Register it
 * on a static field: {@code @RegisterExtension static final DeskTestStack stack = new DeskTestStack();}.
 */
final class DeskTestStack implements BeforeAllCallback, AfterAllCallback {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The organ's clerk, and the organ. */
  static final String CLERK = "gsn.sekreterare@ludvika.example.org";
  static final String ORGAN = "gemensamma-servicenamnden";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Path temp;
  private LocalWorkflow workflow;
  private LocalDesk desk;
  private String clerkToken;
  private String otherOrganToken;

  /** The sample setup with `review: required`; the functions' clock at the sample's posting day. */
  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    int port;
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    temp = Files.createTempDirectory("desk-test-");
    workflow = LocalWorkflow.start(SampleWorkflow.ROOT, LocalDesk.parameters(port),
        LocalWorkflow.clockAt(SampleWorkflow.POSTED_ON), System.err);
    var setup = Files.readString(SampleWorkflow.SAMPLE_SETUP);
    assertThat(setup).contains("review: none");
    workflow.loadSetup(Files.writeString(temp.resolve("setup.yaml"), setup.replace("review: none", "review: required")));
    desk = LocalDesk.start(workflow, port, System.err);
    clerkToken = desk.signIn(desk.createClerk(CLERK, List.of(ORGAN)));
    otherOrganToken = desk.signIn(desk.createClerk("sekreterare@annan.example.org", List.of("byggnadsnamnden")));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (desk != null) {
      desk.close();
    }
    if (workflow != null) {
      workflow.close();
    }
    if (temp != null) {
      try (var files = Files.walk(temp)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }

  LocalWorkflow workflow() {
    return workflow;
  }

  LocalDesk desk() {
    return desk;
  }

  String clerkToken() {
    return clerkToken;
  }

  String otherOrganToken() {
    return otherOrganToken;
  }

  /** A file written where the class's files go, removed after its last test. */
  Path write(String name, String content) throws java.io.IOException {
    return Files.writeString(temp.resolve(name), content);
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(desk.siteAddress().resolve(path)).header("Authorization", "Bearer " + token)
        .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> post(String path, String body, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(desk.siteAddress().resolve(path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The desk's delivery thread runs the functions; this waits for the record to reach the status. */
  MinutesRecord awaitStatus(String key, MinutesStatus status) throws InterruptedException {
    var deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      var found = workflow.minutesFromUpload(key);
      if (found.isPresent() && found.get().status() == status) {
        return found.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError(key + " did not become " + status + ": " + workflow.minutesFromUpload(key));
  }

  /** The minutes' page once every send-out has settled, as the desk's page polls it. */
  JsonNode awaitSettled(String minutesId, String token) throws Exception {
    var deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode page = null;
    while (Instant.now().isBefore(deadline)) {
      page = JSON.readTree(get("api/desk/minutes/" + minutesId, token).body());
      // The summary to the clerk comes last, once every other send-out has settled.
      if (page.path("sendOutsSettled").asBoolean()
          && page.path("sendOuts").valueStream().anyMatch(row -> row.path("kind").asText().equals("SUMMARY"))) {
        return page;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the send-outs of " + minutesId + " did not settle: " + page);
  }
}
