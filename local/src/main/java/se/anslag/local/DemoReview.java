package se.anslag.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import se.anslag.domain.MinutesRecord;
import se.anslag.local.cloud.LocalHttpApi;

/**
 * The demo's clerk when the organ reviews before publishing: signs in to the Cognito emulator as the
 * desk's page does, reads the review through the template's HTTP API (its JWT authorizer checks the
 * token as on AWS), prints what the review page shows, and publishes through the same API.
 */
final class DemoReview {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoReview() {}

  /** True when the desk took the publication (202); the caller then delivers the queues. */
  static boolean reviewAndPublish(LocalWorkflow workflow, MinutesRecord minutes, String clerkEmail, PrintWriter out)
      throws IOException {
    var account = LocalDesk.createClerk(workflow, clerkEmail, List.of(minutes.organSlug()));
    var token = LocalDesk.signIn(workflow, account);
    var api = new LocalHttpApi(workflow.cloud(), workflow.lambda(), LocalDesk.API, Clock.systemUTC(), System.err);
    var path = "/api/desk/minutes/" + minutes.id();
    var review = api.handle(LocalDesk.apiRequest("GET", path, null, token, null));
    out.println();
    out.println("Awaiting review. What the clerk desk shows " + clerkEmail + " (GET /api/desk/minutes/{id}: "
        + review.status() + "):");
    if (review.status() != 200) {
      out.println("  " + new String(review.body(), StandardCharsets.UTF_8));
      return false;
    }
    print(JSON.readTree(review.body()), out);
    var published = api.handle(LocalDesk.apiRequest("POST", path + "/publish", null, token, "{}"));
    out.println("Published as " + clerkEmail + " (POST …/publish: " + published.status() + ")");
    out.flush();
    return published.status() == 202;
  }

  private static void print(JsonNode review, PrintWriter out) {
    review.path("schedule").forEach(line -> out.printf("  %-28s %s  %s%n", line.path("what").asText() + ":",
        line.path("date").asText(), line.path("rule").asText()));
    review.path("warningList").forEach(warning -> out.println("  Warning: " + warning.path("message").asText()));
    review.path("hiddenIdentityNumbers").forEach(hidden -> out.println("  Hidden on the board as a personal identity"
        + " number: " + hidden.path("where").asText() + ": " + hidden.path("text").asText()));
    for (var paragraph : review.path("paragraphs")) {
      out.printf("  § %d %s%n", paragraph.path("number").asInt(), paragraph.path("title").asText());
      for (var recipient : paragraph.path("recipients")) {
        var resolution = switch (recipient.path("resolution").asText()) {
          case "mail" -> "mail to " + recipient.path("to").asText();
          case "case-file" -> "the case file";
          default -> "UNKNOWN: not sent until the clerk gives it an address";
        };
        out.printf("      %-45s %s%n", recipient.path("line").asText(), resolution);
      }
    }
    if (review.has("original")) {
      out.println("  The file as read opens beside it (a presigned link of its version).");
    }
  }
}
