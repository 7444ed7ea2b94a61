package se.anslag.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import se.anslag.local.cloud.LocalHttpApi;

/**
 * The demo's subscriber: subscribes to a board through the template's HTTP API (the board's form, a
 * public route), confirms by the link in the confirmation mail as it lies in the SES emulator, and, after
 * the upload, finds the notice mail there. The demo's mail links lead to the local site.
 */
final class DemoSubscription {
  static final String ADDRESS = "prenumerant@anslag.example.org";
  private static final Pattern CONFIRM = Pattern.compile("/api/subscriptions/confirm\\?token=([A-Za-z0-9_-]{43})");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalWorkflow workflow;
  private final LocalHttpApi api;
  private final String boardName;
  private final String boardId;

  private DemoSubscription(LocalWorkflow workflow, LocalHttpApi api, String boardId, String boardName) {
    this.workflow = workflow;
    this.api = api;
    this.boardId = boardId;
    this.boardName = boardName;
  }

  /** Before anything runs: the mailer's links point at the local site on this port. */
  static void linkMailsTo(LocalWorkflow workflow, int port) {
    workflow.lambda().withEnvironment("DecisionMailerFunction", Map.of("SITE_URL", "http://127.0.0.1:" + port));
  }

  /** Subscribes to the setup's first board and confirms; empty when the setup has no board. */
  static Optional<DemoSubscription> subscribeAndConfirm(LocalWorkflow workflow, PrintWriter out) {
    var boards = workflow.stores().setup().loadSetup().boards();
    if (boards.isEmpty()) {
      return Optional.empty();
    }
    var api = new LocalHttpApi(workflow.cloud(), workflow.lambda(), LocalDesk.API, Clock.systemUTC(), System.err);
    var subscription = new DemoSubscription(workflow, api, boards.getFirst().id(), boards.getFirst().name());
    subscription.subscribe(out);
    return Optional.of(subscription);
  }

  private void subscribe(PrintWriter out) {
    var form = "email=" + URLEncoder.encode(ADDRESS, StandardCharsets.UTF_8) + "&board=" + boardId;
    var answer = api.handle(new LocalHttpApi.Request("POST", "/api/subscriptions", null,
        Map.of("content-type", List.of("application/x-www-form-urlencoded")),
        form.getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
    out.println("Subscribed " + ADDRESS + " to the board of " + boardName + " (POST /api/subscriptions: "
        + answer.status() + ")");
    workflow.process();
    var confirmation = mails().stream().filter(m -> m.subject().startsWith("Bekräfta")).findFirst();
    if (confirmation.isEmpty()) {
      out.println("  no confirmation mail arrived");
      return;
    }
    out.println("  confirmation mail in the local inbox: \"" + confirmation.get().subject() + "\"");
    var token = CONFIRM.matcher(confirmation.get().text());
    if (!token.find()) {
      out.println("  the confirmation mail has no link");
      return;
    }
    var confirmed = api.handle(new LocalHttpApi.Request("GET", "/api/subscriptions/confirm",
        "token=" + token.group(1), Map.of(), new byte[0], "127.0.0.1"));
    out.println("  followed its link: GET /api/subscriptions/confirm " + confirmed.status());
    out.flush();
  }

  /** After the upload: the notice mail the subscriber got. */
  void reportNoticeMail(PrintWriter out) {
    out.println();
    out.println("Mail to the board's subscriber (" + ADDRESS + "):");
    var notices = mails().stream().filter(m -> m.subject().startsWith("Nytt anslag")).toList();
    if (notices.isEmpty()) {
      out.println("  none: the notice is not on the board of " + boardName + " today");
    }
    notices.forEach(m -> out.println("  \"" + m.subject() + "\""));
  }

  private record Mail(String subject, String text) {}

  private List<Mail> mails() {
    try (var http = HttpClient.newHttpClient()) {
      var store = JSON.readTree(http.send(HttpRequest.newBuilder(workflow.cloud().sesStore()).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      var mails = new java.util.ArrayList<Mail>();
      for (var mail : store.path("emails")) {
        var to = mail.path("destination").path("to");
        boolean ours = false;
        for (var address : to) {
          ours |= address.asText().contains(ADDRESS);
        }
        if (ours) {
          mails.add(new Mail(mail.path("subject").asText(), mail.path("body").path("text").asText()));
        }
      }
      return mails;
    } catch (IOException | InterruptedException failure) {
      throw new IllegalStateException("cannot read the SES emulator's store", failure);
    }
  }
}
