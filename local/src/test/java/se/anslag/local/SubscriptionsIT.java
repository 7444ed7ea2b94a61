package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutStatus;
import se.anslag.domain.Subscription;
import se.anslag.local.cloud.LocalHttpApi;

/**
 * E-mail subscriptions to new notices against the emulators, through the template's HTTP API as API
 * Gateway would route the board's form and the mails' links (public routes, no token): double opt-in,
 * the same answer for every state of an address, a new notice mailed once to each confirmed subscriber
 * while every queue message is delivered twice and SES is unreachable for a while, RFC 8058's one-click
 * unsubscribe, a bounce, and a confirmation link past its day.
 */
class SubscriptionsIT {
  private static final String API = "AnslagApi";
  private static final String SUBSCRIPTIONS = "BoardSubscriptionsFunction";
  private static final String BOARD = "ludvika";
  private static final String ORGAN = "gemensamma-servicenamnden";
  private static final Pattern CONFIRM_TOKEN = Pattern.compile("/api/subscriptions/confirm\\?token=([A-Za-z0-9_-]{43})");
  private static final Pattern LIST_UNSUBSCRIBE =
      Pattern.compile("\r\nList-Unsubscribe: <(https?://[^>]+/api/subscriptions/unsubscribe\\?token=([A-Za-z0-9_-]{43}))>\r\n");
  /** Every address these tests subscribe: all and only those with these local parts. */
  private static final Pattern SUBSCRIBER = Pattern.compile(
      "(?i)(anna|bertil|cecilia|david|erik|frida|gustav|helena|ivar|julia)@example\\.org");

  @RegisterExtension static final SampleWorkflow sample = new SampleWorkflow();
  private LocalWorkflow workflow;
  private LocalHttpApi api;
  private FaultInjectingProxy sesProxy;
  /** Every log line of every function while a test runs: none may carry a subscriber's address. */
  private final List<String> logLines = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.logging.Handler logCapture = new java.util.logging.Handler() {
    private final java.util.logging.SimpleFormatter format = new java.util.logging.SimpleFormatter();

    @Override
    public void publish(java.util.logging.LogRecord record) {
      logLines.add(format.format(record));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void theApiAndSesBehindAProxy() throws IOException {
    java.util.logging.Logger.getLogger("").addHandler(logCapture);
    workflow = sample.get();
    // One test makes more requests from one place than the public limit allows an hour.
    workflow.lambda().withEnvironment(SUBSCRIPTIONS, Map.of("SUBSCRIBE_PER_SOURCE_PER_HOUR", "100"));
    api = new LocalHttpApi(workflow.cloud(), workflow.lambda(), API, Clock.systemUTC(), System.err);
    sesProxy = FaultInjectingProxy.inFrontOfSes(workflow);
  }

  @AfterEach
  void stopTheProxyAndCheckTheLog() throws IOException {
    sesProxy.close();
    java.util.logging.Logger.getLogger("").removeHandler(logCapture);
    assertThat(logLines).as("log lines written").isNotEmpty();
    assertThat(logLines).as("log lines naming a subscriber's address")
        .noneMatch(line -> SUBSCRIBER.matcher(line).find());
  }

  @Test
  void aNewNoticeMailsEachConfirmedSubscriberOnceUnderDuplicatedDeliveriesAndAnSesOutageAndTheUnconfirmedOnlyTheirConfirmation()
      throws Exception {
    var confirmedAddresses = List.of("anna@example.org", "bertil@example.org", "cecilia@example.org");
    subscribe("anna@example.org", BOARD, null);
    subscribe("bertil@example.org", BOARD, null);
    subscribe("cecilia@example.org", BOARD, ORGAN);
    subscribe("david@example.org", BOARD, null); // never confirms
    subscribe("erik@example.org", "smedjebacken", null); // the other board of the joint committee
    workflow.process();
    for (var address : List.of("anna@example.org", "bertil@example.org", "cecilia@example.org", "erik@example.org")) {
      var confirmed = get("/api/subscriptions/confirm", "token=" + confirmationToken(address));
      assertThat(confirmed.status()).isEqualTo(200);
      assertThat(body(confirmed)).contains("Prenumerationen är bekräftad");
    }

    sesProxy.refuseConnections();
    workflow.upload(SampleWorkflow.ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt"),
        SampleWorkflow.ADJUSTED_ON, SampleWorkflow.POSTED_ON);
    deliverEveryMessageTwice(4); // SES unreachable: every mail waits
    assertThat(noticeMails()).isEmpty();
    sesProxy.acceptConnections();
    deliverEveryMessageTwice(Integer.MAX_VALUE);
    var drained = workflow.process();

    assertThat(drained.deadLettered()).as("messages in dead-letter queues").isZero();
    var ludvikaMails = noticeMails().stream().filter(m -> m.text().contains("på Ludvika kommun")).toList();
    assertThat(ludvikaMails).extracting(m -> m.to().getFirst()).as("one notice mail per confirmed subscriber")
        .containsExactlyInAnyOrderElementsOf(confirmedAddresses);
    assertThat(noticeMails()).filteredOn(m -> m.to().contains("erik@example.org")).singleElement()
        .satisfies(m -> assertThat(m.text()).contains("Smedjebackens kommun"));
    assertThat(SesMailbox.mails(workflow.cloud())).filteredOn(m -> m.to().contains("david@example.org"))
        .as("an unconfirmed address gets its confirmation and nothing else").singleElement()
        .satisfies(m -> assertThat(m.subject()).startsWith("Bekräfta din prenumeration"));
    var mail = ludvikaMails.getFirst();
    assertThat(mail.subject()).isEqualTo("Nytt anslag: Protokoll från Gemensamma servicenämndens sammanträde 14 februari 2024");
    assertThat(mail.text()).contains("Organ: Gemensamma servicenämnden", "Anslaget sattes upp: 20 februari 2024",
        "Sista dag att överklaga: 12 mars 2024", "Anslaget tas ned: 13 mars 2024",
        "/ludvika/anslag/gemensamma-servicenamnden/2024-02-14/", "Avsluta prenumerationen: ");
    var raws = sesProxy.exchanges().stream().filter(e -> !e.dropped()).map(FaultInjectingProxy.Exchange::sesRawMail)
        .filter(raw -> raw.contains("List-Unsubscribe-Post")).toList();
    assertThat(raws).as("notice mails with RFC 8058's headers").hasSize(4).allSatisfy(raw -> {
      assertThat(raw).contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
      assertThat(LIST_UNSUBSCRIBE.matcher(raw).find()).as(raw).isTrue();
    });
    theSubscriberSendOutsExpireThirtyDaysAfterCreationAndTheMinutesOwnNever();
  }

  /**
   * The subscriber send-outs name a subscription id that anyone with the address can compute: DynamoDB's
   * TTL must remove them, 30 days after creation (past the 14 days a queue message may live).
   */
  private void theSubscriberSendOutsExpireThirtyDaysAfterCreationAndTheMinutesOwnNever() {
    var table = workflow.cloud().physicalId("AnslagTable");
    var sendOuts = workflow.cloud().dynamoDb().scanPaginator(b -> b.tableName(table)).items().stream()
        .filter(item -> item.get("sk").s().startsWith("SENDOUT#")).toList();
    var subscriberMails = sendOuts.stream().filter(item -> item.get("pk").s().startsWith("MINUTES#notices-")
        || item.get("pk").s().startsWith("MINUTES#subscription-")).toList();
    assertThat(subscriberMails).as("notice mails (4) and confirmation mails (5)").hasSize(9)
        .allSatisfy(item -> assertThat(Long.parseLong(item.get("expiresAt").n())).as(item.get("pk").s()).isEqualTo(
            java.time.Instant.parse(item.get("createdAt").s()).plus(Duration.ofDays(30)).getEpochSecond()));
    assertThat(sendOuts).filteredOn(item -> !subscriberMails.contains(item)).as("the minutes' own send-outs")
        .isNotEmpty().noneMatch(item -> item.containsKey("expiresAt"));
  }

  @Test
  void theFormAnswersTheSameForANewAPendingAndAConfirmedAddress() throws Exception {
    var asNew = subscribe("frida@example.org", BOARD, ORGAN);
    workflow.process();
    var asPending = subscribe("frida@example.org", BOARD, ORGAN);
    workflow.process();
    get("/api/subscriptions/confirm", "token=" + confirmationToken("frida@example.org"));
    var asConfirmed = subscribe("Frida@Example.org", BOARD, ORGAN);
    workflow.process();
    var neverSeen = subscribe("gustav@example.org", BOARD, ORGAN);

    for (var answer : List.of(asPending, asConfirmed, neverSeen)) {
      assertThat(answer.status()).isEqualTo(asNew.status()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo(asNew.body());
    }
    assertThat(body(asNew)).contains("Kontrollera din e-post").doesNotContain("frida");
    assertThat(SesMailbox.mails(workflow.cloud())).filteredOn(m -> m.to().contains("frida@example.org"))
        .as("a confirmation per request while pending, none once confirmed").hasSize(2);
  }

  @Test
  void oneClickUnsubscribeByTheRfc8058PostEndsTheSubscriptionAtOnce() throws Exception {
    subscribe("helena@example.org", BOARD, null);
    workflow.process();
    get("/api/subscriptions/confirm", "token=" + confirmationToken("helena@example.org"));
    workflow.upload(SampleWorkflow.ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt"),
        SampleWorkflow.ADJUSTED_ON, SampleWorkflow.POSTED_ON);
    workflow.process();
    var raw = sesProxy.exchanges().stream().map(FaultInjectingProxy.Exchange::sesRawMail)
        .filter(r -> r.contains("List-Unsubscribe-Post")).findFirst().orElseThrow();
    var header = LIST_UNSUBSCRIBE.matcher(raw);
    assertThat(header.find()).isTrue();
    var link = URI.create(header.group(1));

    var page = get(link.getPath(), link.getRawQuery());
    var oneClick = request("POST", link.getPath(), link.getRawQuery(), "List-Unsubscribe=One-Click", "192.0.2.20");
    var afterwards = get(link.getPath(), link.getRawQuery());

    assertThat(page.status()).isEqualTo(200);
    assertThat(body(page)).contains("<form method=\"post\"", "name=\"List-Unsubscribe\" value=\"One-Click\"",
        "Avsluta prenumerationen</button>");
    assertThat(oneClick.status()).isEqualTo(200);
    assertThat(body(oneClick)).contains("Prenumerationen är avslutad");
    assertThat(subscription("helena@example.org", null)).as("the item, and with it the address").isEmpty();
    assertThat(afterwards.status()).isEqualTo(404);
  }

  @Test
  void aPermanentBounceOfASubscriberMailEndsTheSubscription() throws Exception {
    subscribe("ivar@example.org", BOARD, null);
    workflow.process();
    get("/api/subscriptions/confirm", "token=" + confirmationToken("ivar@example.org"));
    var key = workflow.upload(SampleWorkflow.ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt"),
        SampleWorkflow.ADJUSTED_ON, SampleWorkflow.POSTED_ON);
    workflow.process();
    var minutesId = workflow.minutesFromUpload(key).orElseThrow().id();
    var id = Subscription.idOf("ivar@example.org", BOARD, null);
    var sendOut = workflow.stores().sendOuts().findSendOut(SendOut.noticeMailsOf(minutesId), 0,
        "subscriber:" + BOARD + ":" + id).orElseThrow();
    assertThat(sendOut.status()).isEqualTo(SendOutStatus.SENT);

    workflow.cloud().sqs().sendMessage(b -> b.queueUrl(workflow.cloud().queueUrl("DeliveryEventsQueue"))
        .messageBody(permanentBounce(sendOut, "ivar@example.org")));
    var drained = workflow.process();

    assertThat(drained.deadLettered()).isZero();
    assertThat(subscription("ivar@example.org", null)).isEmpty();
    var bounced = workflow.stores().sendOuts().findSendOut(sendOut.minutesId(), 0, sendOut.target()).orElseThrow();
    assertThat(bounced.status()).isEqualTo(SendOutStatus.BOUNCED);
    assertThat(bounced.detail()).as("SES's diagnostic may quote the address: not kept").doesNotContain("ivar");
  }

  @Test
  void aConfirmationLinkPastItsDayIsRefusedWithAClearPageAndAnUnknownOneToo() throws Exception {
    subscribe("julia@example.org", BOARD, null);
    workflow.process();
    var token = confirmationToken("julia@example.org");
    workflow.lambda().withClock(Clock.offset(LocalWorkflow.clockAt(SampleWorkflow.POSTED_ON),
        Duration.ofHours(24).plusMinutes(1)));

    var expired = get("/api/subscriptions/confirm", "token=" + token);
    var unknown = get("/api/subscriptions/confirm", "token=" + "A".repeat(43));

    assertThat(expired.status()).isEqualTo(410);
    assertThat(body(expired)).contains("Länken har slutat gälla", "Anmäl dig igen");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(body(unknown)).contains("Länken är okänd");
    assertThat(subscription("julia@example.org", null)).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private LocalHttpApi.Response subscribe(String address, String board, String organ) {
    var form = "email=" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "&board=" + board
        + (organ == null ? "" : "&organ=" + organ);
    return request("POST", "/api/subscriptions", null, form, "192.0.2.10");
  }

  private LocalHttpApi.Response get(String path, String query) {
    return request("GET", path, query, null, "192.0.2.10");
  }

  private LocalHttpApi.Response request(String method, String path, String query, String form, String sourceIp) {
    var headers = new HashMap<String, List<String>>();
    if (form != null) {
      headers.put("content-type", List.of("application/x-www-form-urlencoded"));
    }
    return api.handle(new LocalHttpApi.Request(method, path, query, headers,
        form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8), sourceIp));
  }

  private static String body(LocalHttpApi.Response response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** The token of the newest confirmation mail to the address. */
  private String confirmationToken(String address) {
    var mail = SesMailbox.mails(workflow.cloud()).reversed().stream()
        .filter(m -> m.to().contains(address) && m.subject().startsWith("Bekräfta")).findFirst().orElseThrow();
    var matcher = CONFIRM_TOKEN.matcher(mail.text());
    assertThat(matcher.find()).as(mail.text()).isTrue();
    return matcher.group(1);
  }

  private List<SesMailbox.Mail> noticeMails() {
    return SesMailbox.mails(workflow.cloud()).stream().filter(m -> m.subject().startsWith("Nytt anslag")).toList();
  }

  private java.util.Optional<Subscription> subscription(String address, String organ) {
    return workflow.stores().subscriptions().find(Subscription.idOf(address, BOARD, organ),
        workflow.lambda().clock().instant());
  }

  /** SES's Bounce event of the mail the mailer sent for the send-out, as the delivery events queue gets it. */
  private static String permanentBounce(SendOut sendOut, String recipient) {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var event = json.createObjectNode().put("eventType", "Bounce");
    var mail = event.putObject("mail").put("timestamp", "2024-02-20T08:00:01.120Z")
        .put("source", "anslag@example.org").put("messageId", sendOut.sesMessageId());
    mail.putArray("destination").add(recipient);
    mail.put("headersTruncated", false);
    var headers = mail.putArray("headers");
    headers.addObject().put("name", "To").put("value", recipient);
    headers.addObject().put("name", "X-Anslag-Send-Out").put("value", sendOut.minutesId() + "/0/"
        + URLEncoder.encode(sendOut.target(), StandardCharsets.UTF_8) + "/" + sendOut.attempts());
    var bounce = event.putObject("bounce").put("bounceType", "Permanent").put("bounceSubType", "NoEmail")
        .put("timestamp", "2024-02-20T08:00:04.000Z").put("feedbackId", "feedback-" + sendOut.sesMessageId());
    bounce.putArray("bouncedRecipients").addObject().put("emailAddress", recipient).put("action", "failed")
        .put("status", "5.1.1").put("diagnosticCode", "smtp; 550 5.1.1 <" + recipient + ">: user unknown");
    return event.toString();
  }

  /** Each function in turn, every new message of every queue doubled before it reads them, for some passes. */
  private void deliverEveryMessageTwice(int maxPasses) throws InterruptedException {
    var queues = new java.util.LinkedHashSet<String>();
    workflow.cloud().template().functions().values().forEach(f -> f.sqsEvents().forEach(s -> queues.add(s.queueLogicalId())));
    int idle = 0;
    for (int pass = 0; pass < maxPasses && idle < 3; pass++) {
      int delivered = 0;
      for (var function : workflow.cloud().template().functions().keySet()) {
        workflow.cloud().awaitEventRouting();
        for (var queue : queues) {
          doubleNewMessages(workflow.cloud().queueUrl(queue));
        }
        delivered += workflow.lambda().deliverOnce(function);
      }
      if (delivered == 0) {
        idle++;
        Thread.sleep(300);
      } else {
        idle = 0;
      }
    }
  }

  private void doubleNewMessages(String queueUrl) {
    QueueDoubling.doubleNewMessages(workflow.cloud().sqs(), queueUrl);
  }
}
