package se.anslag.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import se.anslag.local.cloud.LocalCloud;

/** The mail the SES emulator has accepted, as the tests read it. */
final class SesMailbox {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One sent mail: its SES message id, its single To address, and its subject. */
  record Mail(String messageId, List<String> to, String subject, String text) {}

  private SesMailbox() {}

  static List<Mail> mails(LocalCloud cloud) {
    JsonNode store;
    try (var http = HttpClient.newHttpClient()) {
      var response = http.send(HttpRequest.newBuilder(cloud.sesStore()).build(), HttpResponse.BodyHandlers.ofString());
      store = JSON.readTree(response.body());
    } catch (IOException | InterruptedException failure) {
      throw new IllegalStateException("cannot read the SES emulator's store", failure);
    }
    var mails = new ArrayList<Mail>();
    for (var mail : store.path("emails")) {
      var to = new ArrayList<String>();
      mail.path("destination").path("to").forEach(address -> to.add(address.asText()));
      mails.add(new Mail(mail.path("messageId").asText(), to, mail.path("subject").asText(),
          mail.path("body").path("text").asText()));
    }
    return mails;
  }

  /** The decision extracts only, without the clerk's receipt and summary. */
  static List<Mail> decisionMails(LocalCloud cloud) {
    return mails(cloud).stream().filter(mail -> mail.subject().contains("Protokollsutdrag:")).toList();
  }

  /** The clerk's receipts ("Kvitto: ...") and summaries ("Sammanfattning: ..."). */
  static List<Mail> clerkMails(LocalCloud cloud) {
    return mails(cloud).stream().filter(mail -> !mail.subject().contains("Protokollsutdrag:")).toList();
  }
}
