package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.anslag.domain.MinutesRecord;
import se.anslag.domain.MinutesStatus;
import se.anslag.domain.Notice;
import se.anslag.domain.SendOutKind;

/**
 * Review before publishing, over HTTP through the local API's JWT authorizer as the desk's page
 * calls it: with the organ's setup saying `review: required` an upload waits, nothing posted or
 * sent; the clerk reads what was read, then publishes (posted and sent once, also when published
 * twice) or rejects with a reason (nothing sent).
 */
class ClerkDeskReviewIT {
  private static final ObjectMapper JSON = DeskTestStack.JSON;
  private static final String SAMPLE_MEETING = "2024-02-14";

  @RegisterExtension static final DeskTestStack stack = new DeskTestStack();
  private static LocalWorkflow workflow;
  private static String clerkToken;
  private static String otherOrganToken;

  @BeforeAll
  static void signedIn() {
    workflow = stack.workflow();
    clerkToken = stack.clerkToken();
    otherOrganToken = stack.otherOrganToken();
  }

  @Test
  void reviewedMinutesArePostedAndSentOnceWhenTheClerkPublishesThem() throws Exception {
    var key = workflow.upload(SampleWorkflow.ROOT.resolve(DemoCommand.SAMPLE_MINUTES), SampleWorkflow.ADJUSTED_ON, null);
    var minutes = awaitStatus(key, MinutesStatus.AWAITING_REVIEW);
    assertThat(workflow.stores().notices().notices(minutes.id())).as("notices before publishing").isEmpty();
    assertThat(workflow.stores().sendOuts().sendOuts(minutes.id())).as("send-outs before publishing").isEmpty();

    var review = JSON.readTree(get("api/desk/minutes/" + minutes.id(), clerkToken).body());
    assertThat(review.path("status").asText()).isEqualTo("AWAITING_REVIEW");
    assertThat(review.path("statusText").asText()).isEqualTo("Väntar på granskning");
    assertThat(review.path("paragraphs")).extracting(p -> p.path("number").asInt()).containsExactly(1, 2, 3, 4, 5, 6);
    var resolutions = review.path("paragraphs").findValues("resolution").stream().map(JsonNode::asText).toList();
    assertThat(resolutions).contains("mail", "case-file");
    assertThat(post("api/desk/minutes/" + minutes.id() + "/publish", "{}", otherOrganToken).statusCode())
        .as("another organ's clerk").isEqualTo(403);
    assertThat(post("api/desk/minutes/" + minutes.id() + "/publish", "{\"postedOn\":\"2024-02-19\"}", clerkToken)
        .statusCode()).as("a posting day before today").isEqualTo(400);

    var published = post("api/desk/minutes/" + minutes.id() + "/publish",
        "{\"postedOn\":\"" + SampleWorkflow.POSTED_ON + "\"}", clerkToken);

    assertThat(published.statusCode()).isEqualTo(202);
    awaitStatus(key, MinutesStatus.DISPATCHED);
    awaitMails(SAMPLE_MEETING, 18);
    assertThat(workflow.stores().notices().notices(minutes.id())).extracting(Notice::postedOnThisBoard)
        .containsOnly(SampleWorkflow.POSTED_ON).hasSize(2);
    var again = post("api/desk/minutes/" + minutes.id() + "/publish", "{}", clerkToken);
    assertThat(again.statusCode()).as("published twice").isEqualTo(409);
    assertThat(JSON.readTree(again.body()).path("message").asText()).startsWith("Protokollet väntar inte på granskning");
    Thread.sleep(2000); // what a second publication would have sent by now
    assertThat(decisionMailsOf(SAMPLE_MEETING)).as("each decision mailed once").hasSize(18);
    var history = JSON.readTree(get("api/desk/minutes/" + minutes.id(), clerkToken).body()).path("history");
    assertThat(history).hasSize(2);
    // Uploaded by an operator's put, not through the desk: no clerk on the object.
    assertThat(history.get(0).path("action").asText()).isEqualTo("Laddade upp");
    assertThat(history.get(0).path("clerk").asText()).isEqualTo("okänd (inte genom skrivbordet)");
    assertThat(history.get(0).path("detail").asText()).isEqualTo("gsn-2024-02-14.pdf");
    var entry = history.get(1);
    assertThat(entry.path("action").asText()).isEqualTo("Publicerade");
    assertThat(entry.path("clerk").asText()).isEqualTo("gsn.sekreterare@ludvika.example.org");
    assertThat(entry.path("at").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
  }

  @Test
  void minutesTheClerkRejectsInReviewAreKeptWithTheReasonAndNothingIsSent() throws Exception {
    var text = Files.readString(SampleWorkflow.ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt"))
        .replace("Begäran om överflyttning av investeringsmedel", "Begäran om flytt av investeringsmedel");
    assertThat(text).contains("Begäran om flytt av investeringsmedel");
    var file = stack.write("gsn-fel-version.txt", text);
    var key = workflow.upload(file, SampleWorkflow.ADJUSTED_ON, null);
    var minutes = awaitStatus(key, MinutesStatus.AWAITING_REVIEW);
    assertThat(post("api/desk/minutes/" + minutes.id() + "/reject", "{\"reason\":\"  \"}", clerkToken).statusCode())
        .as("a rejection without a reason").isEqualTo(400);

    var rejected = post("api/desk/minutes/" + minutes.id() + "/reject",
        "{\"reason\":\"Fel version av protokollet.\"}", clerkToken);

    assertThat(rejected.statusCode()).isEqualTo(202);
    var record = awaitStatus(key, MinutesStatus.REJECTED);
    assertThat(record.statusDetail()).isEqualTo(
        "Rejected in review by gsn.sekreterare@ludvika.example.org: Fel version av protokollet.");
    assertThat(workflow.stores().notices().notices(minutes.id())).isEmpty();
    assertThat(workflow.stores().sendOuts().sendOuts(minutes.id())).noneMatch(s -> s.kind() != SendOutKind.RECEIPT);
    assertThat(workflow.cloud().s3().getObjectAsBytes(b -> b.bucket(workflow.cloud().physicalId("ProtocolsBucket"))
        .key(key)).asByteArray()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void unknownRecipientsFixedInTheDeskAreSentTo() throws Exception {
    // Another meeting of the same organ, where two lines name recipients the directory lacks.
    var text = Files.readString(SampleWorkflow.ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt"))
        .replace("2024-02-14", "2024-02-13").replace("Digitaliseringsrådet \n", "Digitala rådet \n")
        .replace("IT-chef fvb till Samordningsgruppen", "Teknikchefen fvb till Samordningsgruppen");
    assertThat(text).contains("Digitala rådet", "Teknikchefen").doesNotContain("2024-02-14");
    var key = workflow.upload(stack.write("gsn-2024-02-13.txt", text), SampleWorkflow.ADJUSTED_ON, null);
    var minutes = awaitStatus(key, MinutesStatus.AWAITING_REVIEW);
    var review = JSON.readTree(get("api/desk/minutes/" + minutes.id(), clerkToken).body());
    assertThat(recipientLine(review, "Digitala rådet").path("resolution").asText()).isEqualTo("unknown");
    assertThat(review.path("knownRecipients")).extracting(JsonNode::asText).contains("Kommunstyrelsen", "Akten");
    var path = "api/desk/minutes/" + minutes.id() + "/recipients";
    assertThat(post(path, "{\"name\":\"Digitala rådet\",\"address\":\"inte en adress\"}", clerkToken).statusCode())
        .as("not an address").isEqualTo(400);
    assertThat(post(path, "{\"name\":\"Kommunstyrelsen\",\"address\":\"ks@ludvika.example.org\"}", clerkToken)
        .statusCode()).as("a recipient the directory already knows").isEqualTo(400);
    assertThat(post(path, "{\"name\":\"Digitala rådet\",\"aliasOf\":\"Okänd nämnd\"}", clerkToken).statusCode())
        .as("an alias of no known recipient").isEqualTo(400);
    assertThat(post(path, "{\"name\":\"Digitala rådet\",\"address\":\"digitala.radet@ludvika.example.org\"}",
        otherOrganToken).statusCode()).as("another organ's clerk").isEqualTo(403);

    var fixed = post(path, "{\"name\":\"Digitala rådet\",\"address\":\"digitala.radet@ludvika.example.org\"}",
        clerkToken);

    assertThat(fixed.statusCode()).isEqualTo(202);
    awaitResolution(minutes.id(), "Digitala rådet", "mail");
    assertThat(workflow.stores().sendOuts().sendOuts(minutes.id())).as("nothing sent before publishing").isEmpty();
    assertThat(post("api/desk/minutes/" + minutes.id() + "/publish", "{}", clerkToken).statusCode()).isEqualTo(202);
    awaitStatus(key, MinutesStatus.DISPATCHED);
    // 18 decisions as in the sample, less IT-chef's in § 6, now unknown.
    awaitMails("2024-02-13", 17);
    assertThat(decisionMailsOf("2024-02-13")).filteredOn(mail -> mail.to().contains("digitala.radet@ludvika.example.org"))
        .singleElement().extracting(SesMailbox.Mail::subject).asString().contains("§ 2");

    // After publishing: the line stays unresolved until fixed, then it is sent to at once.
    var afterPublishing = post(path, "{\"name\":\"Teknikchefen\",\"address\":\"teknikchef@ludvika.example.org\"}",
        clerkToken);

    assertThat(afterPublishing.statusCode()).isEqualTo(202);
    awaitMails("2024-02-13", 18);
    assertThat(decisionMailsOf("2024-02-13")).filteredOn(mail -> mail.to().contains("teknikchef@ludvika.example.org"))
        .singleElement().extracting(SesMailbox.Mail::subject).asString().contains("§ 6");
  }

  @Test
  void theClerkFollowsEverySendOutAndRetriesAFailedOne() throws Exception {
    var text = Files.readString(SampleWorkflow.ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt"))
        .replace("2024-02-14", "2024-02-12");
    var key = workflow.upload(stack.write("gsn-2024-02-12.txt", text), SampleWorkflow.ADJUSTED_ON, null);
    var minutes = awaitStatus(key, MinutesStatus.AWAITING_REVIEW);
    assertThat(post("api/desk/minutes/" + minutes.id() + "/retry", "{}", clerkToken).statusCode())
        .as("a retry before publishing").isEqualTo(409);
    assertThat(post("api/desk/minutes/" + minutes.id() + "/publish", "{}", clerkToken).statusCode()).isEqualTo(202);
    awaitMails("2024-02-12", 18);
    var page = awaitSettled(minutes.id());
    // The sample's 18 mails and 6 case files, the clerk's receipt and summary.
    assertThat(page.path("sendOuts")).hasSize(26);
    assertThat(page.path("sendOutTotals").path("FILED").asInt()).isEqualTo(6);
    assertThat(page.path("sendOutTotals").path("SENT").asInt()).isEqualTo(20);
    var revisorerna = page.path("sendOuts").valueStream()
        .filter(row -> row.path("paragraph").asInt() == 3 && row.path("recipient").asText().equals("Revisorerna"))
        .findFirst().orElseThrow();
    assertThat(revisorerna.path("qualifier").asText()).isEqualTo("för kännedom");
    assertThat(revisorerna.path("to").asText()).isEqualTo("revisorerna@ludvika.example.org");
    assertThat(revisorerna.path("statusText").asText()).isEqualTo("Skickat");
    assertThat(post("api/desk/minutes/" + minutes.id() + "/retry", "{}", clerkToken).statusCode())
        .as("a retry with nothing failed").isEqualTo(409);

    // As the mailer leaves a send-out that SES refused for good.
    var sendOuts = workflow.stores().sendOuts();
    var sent = sendOuts.findSendOut(minutes.id(), 3, "revisorerna@ludvika.example.org").orElseThrow();
    sendOuts.updateSendOut(sent.withStatus(se.anslag.domain.SendOutStatus.FAILED, Instant.now(),
        "SES refused the message: MessageRejected", null));
    var mailsBefore = decisionMailsOf("2024-02-12").stream()
        .filter(mail -> mail.to().contains("revisorerna@ludvika.example.org")).count();
    assertThat(post("api/desk/minutes/" + minutes.id() + "/retry", "{}", otherOrganToken).statusCode())
        .as("another organ's clerk").isEqualTo(403);

    var retried = post("api/desk/minutes/" + minutes.id() + "/retry", "{}", clerkToken);

    assertThat(retried.statusCode()).isEqualTo(202);
    awaitMails("2024-02-12", 19);
    assertThat(decisionMailsOf("2024-02-12").stream()
        .filter(mail -> mail.to().contains("revisorerna@ludvika.example.org")).count()).isEqualTo(mailsBefore + 1);
    var after = awaitSettled(minutes.id());
    assertThat(after.path("sendOutTotals").has("FAILED")).isFalse();
  }

  @Test
  void theReviewShowsTheDatesWithTheirRulesTheHiddenNumbersAndTheFileThatWasRead() throws Exception {
    // Adjusted on a Friday: the second day after is a Sunday, so the posting deadline is the Monday.
    var text = Files.readString(SampleWorkflow.ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt"))
        .replace("2024-02-14", "2024-02-09")
        .replace("Begäran om överflyttning av investeringsmedel 2023-", "Begäran från 850709-1232 om överflyttning av investeringsmedel 2023-");
    assertThat(text).contains("850709-1232");
    var key = workflow.upload(stack.write("gsn-2024-02-09.txt", text), LocalDate.of(2024, 2, 16), null);
    var minutes = awaitStatus(key, MinutesStatus.AWAITING_REVIEW);

    var review = JSON.readTree(get("api/desk/minutes/" + minutes.id(), clerkToken).body());

    // Today is 2024-02-20 (Tuesday): three weeks to Tuesday 2024-03-12, taken down the day after.
    assertThat(review.path("schedule")).extracting(line -> line.path("what").asText() + " " + line.path("date").asText())
        .containsExactly("Justerat 2024-02-16", "Senaste dag att anslå 2024-02-19", "Anslås 2024-02-20",
            "Sista dag för överklagande 2024-03-12", "Tas ned 2024-03-13");
    assertThat(review.path("schedule").get(1).path("rule").asText())
        .contains("andra dagen efter justeringen", "2024-02-18 är en söndag", "nästa vardag");
    assertThat(review.path("schedule").get(3).path("rule").asText()).startsWith("Tre veckor från anslagsdagen")
        .doesNotContain("flyttas");
    // Posted on Saturday 2024-03-09, three weeks end on påskafton (a Saturday); påskdagen and annandag
    // påsk follow, so the last appeal day is Tuesday 2024-04-02.
    var later = JSON.readTree(get("api/desk/minutes/" + minutes.id() + "?postedOn=2024-03-09", clerkToken).body());
    assertThat(later.path("schedule")).extracting(line -> line.path("what").asText() + " " + line.path("date").asText())
        .contains("Anslås 2024-03-09", "Sista dag för överklagande 2024-04-02", "Tas ned 2024-04-03");
    assertThat(later.path("schedule").get(3).path("rule").asText()).contains("2024-03-30 är en lördag");
    assertThat(get("api/desk/minutes/" + minutes.id() + "?postedOn=2024-02-19", clerkToken).statusCode())
        .as("a day before today").isEqualTo(400);
    assertThat(get("api/desk/minutes/" + minutes.id() + "?postedOn=den-tionde", clerkToken).statusCode())
        .as("not a date").isEqualTo(400);

    assertThat(review.path("hiddenIdentityNumbers")).singleElement().satisfies(hidden -> {
      assertThat(hidden.path("where").asText()).isEqualTo("§ 1, rubrik");
      assertThat(hidden.path("text").asText()).isEqualTo("850709-1232");
    });

    // The original opens beside the review: exactly the bytes that were uploaded.
    var original = URI.create(review.path("original").path("url").asText());
    se.anslag.local.iam.PresignedRequests.sending("GET", original); // for IamPolicyIT: S3 authorises it as the desk's role
    HttpResponse<byte[]> opened;
    try (var browser = HttpClient.newHttpClient()) {
      opened = browser.send(HttpRequest.newBuilder(original).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
    assertThat(opened.statusCode()).isEqualTo(200);
    assertThat(opened.body()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    assertThat(original.getRawQuery()).contains("X-Amz-Signature=", "X-Amz-Expires=900");
  }

  // ---------------------------------------------------------------------- helpers

  /** The decision mails of one meeting: the tests here upload minutes of different meetings. */
  private static List<SesMailbox.Mail> decisionMailsOf(String meetingDate) {
    return SesMailbox.decisionMails(workflow.cloud()).stream()
        .filter(mail -> mail.subject().contains(" " + meetingDate + " § ")).toList();
  }

  private static void awaitMails(String meetingDate, int count) throws Exception {
    var deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline) && decisionMailsOf(meetingDate).size() < count) {
      Thread.sleep(200);
    }
    assertThat(decisionMailsOf(meetingDate)).hasSize(count);
  }

  private static JsonNode recipientLine(JsonNode minutes, String name) {
    return minutes.path("paragraphs").findValues("recipients").stream().flatMap(lines -> lines.valueStream())
        .filter(line -> line.path("name").asText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no recipient line " + name + " in " + minutes));
  }

  private static void awaitResolution(String minutesId, String name, String resolution) throws Exception {
    var deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode minutes = null;
    while (Instant.now().isBefore(deadline)) {
      minutes = JSON.readTree(get("api/desk/minutes/" + minutesId, clerkToken).body());
      if (recipientLine(minutes, name).path("resolution").asText().equals(resolution)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(name + " did not become " + resolution + ": " + minutes);
  }

  private static JsonNode awaitSettled(String minutesId) throws Exception {
    return stack.awaitSettled(minutesId, clerkToken);
  }

  private static MinutesRecord awaitStatus(String key, MinutesStatus status) throws InterruptedException {
    return stack.awaitStatus(key, status);
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    return stack.get(path, token);
  }

  private static HttpResponse<String> post(String path, String body, String token) throws Exception {
    return stack.post(path, body, token);
  }
}
