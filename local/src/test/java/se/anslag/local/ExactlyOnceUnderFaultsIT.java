package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.anslag.cli.ProjectRoot;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutEvent;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Exactly one mail per (paragraph, address) after the queues drain, every send-out settled and
 * nothing in a dead-letter queue, when the network and the queues misbehave: every message
 * delivered twice, SES's answer lost after it accepted a mail, SES unreachable for a while.
 * SES is reached through a {@link FaultInjectingProxy}: the SDK's real client, a real socket.
 */
class ExactlyOnceUnderFaultsIT {
  private static final Path ROOT = ProjectRoot.find();
  private static final Path SAMPLE_TEXT = ROOT.resolve("shared/src/test/resources/samples/gsn-2024-02-14.txt");
  private static final LocalDate ADJUSTED_ON = LocalDate.of(2024, 2, 19);
  private static final LocalDate POSTED_ON = LocalDate.of(2024, 2, 20);
  private static final String MAILER = "DecisionMailerFunction";
  private static final String CLERK = "gsn.sekreterare@ludvika.example.org";
  private static final String IT_CHEF = "it-chef@ludvika.example.org";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The sample's decision mails with the sample setup (see SampleMinutesWorkflowIT). */
  private static final int DECISION_MAILS = 18;
  private static final Duration CLAIM_STALE_AFTER = Duration.ofSeconds(30);
  /** How long LocalLambda keeps a failed message invisible (its default). */
  private static final Duration LOCAL_RETRY_DELAY = Duration.ofSeconds(1);
  private static final Pattern PARAGRAPH_IN_SUBJECT = Pattern.compile("§ (\\d+) ");

  @RegisterExtension static final SampleWorkflow sample = new SampleWorkflow();
  private LocalWorkflow workflow;
  private FaultInjectingProxy sesProxy;

  @BeforeEach
  void putSesBehindTheProxy() throws IOException {
    workflow = sample.get();
    sesProxy = FaultInjectingProxy.inFrontOfSes(workflow);
    workflow.lambda().withEnvironment(MAILER,
        Map.of("SEND_CLAIM_STALE_SECONDS", String.valueOf(CLAIM_STALE_AFTER.toSeconds())));
  }

  @AfterEach
  void stopTheProxy() throws IOException {
    sesProxy.close();
  }

  @Test
  void everyMessageOfEveryQueueDeliveredTwiceSendsEachDecisionToEachAddressOnce() throws Exception {
    var key = workflow.upload(SAMPLE_TEXT, ADJUSTED_ON, POSTED_ON);

    var doubled = deliverEveryMessageTwice();
    var drained = workflow.process();

    assertThat(doubled).as("messages doubled per queue").containsKeys("IntakeQueue", "SendOutQueue", "BoardRefreshQueue");
    assertThat(drained.deadLettered()).as("messages in dead-letter queues").isZero();
    var sendOuts = workflow.stores().sendOuts().sendOuts(workflow.minutesFromUpload(key).orElseThrow().id());
    assertEverySendOutSettledAndEveryMailSentOnce(sendOuts);
    assertThat(sendOuts).allSatisfy(s -> assertThat(s.attempts()).as("attempts of %s", s.target()).isLessThanOrEqualTo(1));
  }

  @Test
  void aMessageAndItsCopyInOneBatchRaceForTheClaimInAMailerHandlingTenAtOnceAndOneMailGoesOut() throws Exception {
    workflow.lambda().withEnvironment(MAILER, Map.of("MAILER_PARALLELISM", "10"));
    var key = workflow.upload(SAMPLE_TEXT, ADJUSTED_ON, POSTED_ON);
    workflow.cloud().awaitEventRouting();
    workflow.lambda().deliverOnce("ProtocolIntakeFunction");
    var queueUrl = workflow.cloud().queueUrl("SendOutQueue");
    var received = new ArrayList<Message>();
    for (List<Message> batch; !(batch = receiveTen(queueUrl)).isEmpty(); ) {
      received.addAll(batch);
    }

    // Each batch: five messages, each next to a copy of itself, handled ten at once.
    int refusedClaims = 0;
    for (int start = 0; start < received.size(); start += 5) {
      var five = received.subList(start, Math.min(received.size(), start + 5));
      var answer = workflow.lambda().invoke(MAILER, sqsEventWithEachMessageTwice(five));
      refusedClaims += answer.path("batchItemFailures").size();
    }
    for (var message : received) {
      workflow.cloud().sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    }
    var drained = workflow.process(); // the clerk's summary

    assertThat(received).as("send-out messages queued by intake").hasSizeGreaterThan(DECISION_MAILS);
    assertThat(refusedClaims).as("copies that found their send-out claimed by the other thread").isPositive();
    assertThat(drained.deadLettered()).as("messages in dead-letter queues").isZero();
    var sendOuts = workflow.stores().sendOuts().sendOuts(workflow.minutesFromUpload(key).orElseThrow().id());
    assertEverySendOutSettledAndEveryMailSentOnce(sendOuts);
    assertThat(sesProxy.exchanges()).as("SES calls: one a mail").hasSize(SesMailbox.mails(workflow.cloud()).size());
  }

  private List<Message> receiveTen(String queueUrl) {
    return workflow.cloud().sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
        .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL))
        .messages();
  }

  /** The event Lambda would build for these messages, each followed by a copy (another message id). */
  private byte[] sqsEventWithEachMessageTwice(List<Message> messages) {
    var event = JSON.createObjectNode();
    var records = event.putArray("Records");
    for (var message : messages) {
      for (var copy : List.of("", "-copy")) {
        var record = records.addObject();
        record.put("messageId", message.messageId() + copy);
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        record.putObject("attributes").put("ApproximateReceiveCount", "1");
        record.putObject("messageAttributes");
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", workflow.cloud().queueArn("SendOutQueue"));
        record.put("awsRegion", "eu-north-1");
      }
    }
    return event.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aLostSesAnswerSendsNoSecondMailWhenSesReportsTheAcceptedMailBeforeTheTakeover() throws Exception {
    // SES accepts § 6's mail to the IT-chef, but the answer never reaches the mailer; meanwhile
    // more than the claim's life passes (the mailer hung until Lambda's timeout, say). SES's Send
    // event for the accepted mail arrives in DeliveryEventsQueue and is recorded before the takeover.
    var lostAt = new ArrayList<Instant>();
    sesProxy.dropAnswerToNextRequestContaining(IT_CHEF, () -> {
      lostAt.add(workflow.lambda().clock().instant());
      workflow.lambda().withClock(ahead(CLAIM_STALE_AFTER.plusSeconds(1)));
      var lost = sesProxy.exchanges().stream().filter(FaultInjectingProxy.Exchange::dropped).findFirst().orElseThrow();
      sendToDeliveryEvents(sendEventOf(lost));
      workflow.lambda().deliverOnce("DeliveryEventsFunction");
    });
    var key = workflow.upload(SAMPLE_TEXT, ADJUSTED_ON, POSTED_ON);

    var drained = workflow.process();

    assertThat(sesProxy.dropped()).isEqualTo(1);
    assertThat(drained.deadLettered()).as("messages in dead-letter queues").isZero();
    var sendOuts = workflow.stores().sendOuts().sendOuts(workflow.minutesFromUpload(key).orElseThrow().id());
    var itChef = itChefOfParagraph6(sendOuts);
    var accepted = messageIdOf(sesProxy.exchanges().stream().filter(FaultInjectingProxy.Exchange::dropped)
        .findFirst().orElseThrow());
    assertThat(itChef.status()).isEqualTo(SendOutStatus.SENT);
    assertThat(itChef.sesMessageId()).as("the id SES gave the mail whose answer was lost").isEqualTo(accepted);
    assertThat(itChef.attempts()).as("the takeover claimed, and settled without sending").isEqualTo(2);
    var history = workflow.stores().deliveryEvents().sendOutHistory(itChef);
    assertThat(history).extracting(SendOutEvent::status).containsExactly(SendOutStatus.PENDING,
        SendOutStatus.SENDING, SendOutStatus.SENDING, SendOutStatus.SENDING, SendOutStatus.SENDING, SendOutStatus.SENT);
    assertThat(history.get(2).detail()).isEqualTo("Accepted by SES as message " + accepted + " (attempt 1)");
    assertThat(history.get(3).detail()).startsWith("SES outcome unknown");
    assertThat(history.get(5).detail()).isEqualTo("Accepted by SES in attempt 1 (Send event); not sent again");
    assertThat(Duration.between(history.get(1).at(), history.get(4).at()))
        .as("the takeover comes after the claim went stale").isGreaterThan(CLAIM_STALE_AFTER);
    assertThat(sesRequestsTo(IT_CHEF)).as("SES calls for the IT-chef's mails").isEqualTo(1);
    assertThat(SesMailbox.mails(workflow.cloud()).stream().filter(m -> m.to().contains(IT_CHEF)))
        .singleElement().satisfies(m -> {
          assertThat(paragraphOf(m.subject())).isEqualTo("6");
          assertThat(m.messageId()).isEqualTo(accepted);
        });
    assertEverySendOutSettledAndEveryMailSentOnce(sendOuts);
  }

  @Test
  void anSesServerErrorAfterSesAcceptedTheMailSendsNoSecondMail() throws Exception {
    // SES takes § 6's mail to the IT-chef and then answers 500: the mailer cannot know it was sent.
    // The message comes back before SES's Send event is recorded (the event path is slower than the
    // first retry), and the Send event is recorded before the claim has gone stale.
    sesProxy.answerServerErrorToNextRequestContaining(IT_CHEF, () -> {});
    var key = workflow.upload(SAMPLE_TEXT, ADJUSTED_ON, POSTED_ON);
    workflow.cloud().awaitEventRouting();
    workflow.lambda().deliverOnce("ProtocolIntakeFunction");
    for (int pass = 0; pass < 4 && sesProxy.dropped() == 0; pass++) {
      workflow.lambda().deliverOnce(MAILER);
    }
    var minutesId = workflow.minutesFromUpload(key).orElseThrow().id();
    var afterTheError = itChefOfParagraph6(workflow.stores().sendOuts().sendOuts(minutesId));
    Thread.sleep(LOCAL_RETRY_DELAY.toMillis() + 200);
    workflow.lambda().deliverOnce(MAILER); // the retry

    var failed = sesProxy.exchanges().stream().filter(FaultInjectingProxy.Exchange::dropped).findFirst().orElseThrow();
    sendToDeliveryEvents(sendEventOf(failed));
    workflow.lambda().deliverOnce("DeliveryEventsFunction");
    workflow.lambda().withClock(ahead(CLAIM_STALE_AFTER.plusSeconds(1)));
    var drained = workflow.process();

    assertThat(sesProxy.dropped()).as("SES answers replaced by a 500").isEqualTo(1);
    assertThat(sesRequestsTo(IT_CHEF)).as("SES calls for the IT-chef's mails").isEqualTo(1);
    assertThat(afterTheError.status()).as("after the 500, the claim kept").isEqualTo(SendOutStatus.SENDING);
    assertThat(afterTheError.detail()).startsWith("SES outcome unknown");
    assertThat(drained.deadLettered()).as("messages in dead-letter queues").isZero();
    var sendOuts = workflow.stores().sendOuts().sendOuts(minutesId);
    var itChef = itChefOfParagraph6(sendOuts);
    assertThat(itChef.status()).isEqualTo(SendOutStatus.SENT);
    assertThat(itChef.sesMessageId()).as("the id SES gave the mail it answered with a 500").isEqualTo(messageIdOf(failed));
    assertEverySendOutSettledAndEveryMailSentOnce(sendOuts);
  }

  @Test
  void aDeliveryEventThatOvertakesSesAnswerIsKeptAndRecordedOnceTheMailerHasWrittenSent() throws Exception {
    // SES accepts § 6's mail to the IT-chef and delivers it; the Delivery event is handled before
    // the mailer has SES's answer, so the send-out is still SENDING and has no message id yet.
    var handledEarly = new ArrayList<EarlyEvent>();
    sesProxy.holdAnswerToNextRequestContaining(IT_CHEF, () -> {
      var exchange = sesProxy.exchanges().getLast();
      sendToDeliveryEvents(eventOf(exchange, "Delivery"));
      var minutesId = workflow.stores().minutes().listMinutes().getFirst().id();
      var before = itChefOfParagraph6(workflow.stores().sendOuts().sendOuts(minutesId));
      workflow.lambda().deliverOnce("DeliveryEventsFunction");
      handledEarly.add(new EarlyEvent(before.status(), messageIdOf(exchange)));
    });
    var key = workflow.upload(SAMPLE_TEXT, ADJUSTED_ON, POSTED_ON);

    var drained = workflow.process();

    assertThat(handledEarly).as("the Delivery event handled while the mail was in flight").singleElement()
        .satisfies(early -> assertThat(early.statusThen()).isEqualTo(SendOutStatus.SENDING));
    assertThat(drained.deadLettered()).as("messages in dead-letter queues").isZero();
    var sendOuts = workflow.stores().sendOuts().sendOuts(workflow.minutesFromUpload(key).orElseThrow().id());
    var itChef = itChefOfParagraph6(sendOuts);
    assertThat(itChef.sesMessageId()).isEqualTo(handledEarly.getFirst().messageId());
    assertThat(itChef.status()).as("the early Delivery event, kept until the send-out was SENT")
        .isEqualTo(SendOutStatus.DELIVERED);
    assertThat(workflow.stores().deliveryEvents().sendOutHistory(itChef)).extracting(SendOutEvent::status)
        .containsExactly(SendOutStatus.PENDING, SendOutStatus.SENDING, SendOutStatus.SENT, SendOutStatus.DELIVERED);
  }

  /** What the test saw when it handled an event early: the send-out's status then, and the mail's id. */
  private record EarlyEvent(SendOutStatus statusThen, String messageId) {}

  @Test
  void aLostSesAnswerWithoutASendEventSendsOneSecondMailAndOnlyAfterTheClaimWentStale() throws Exception {
    // The residual window: the answer is lost and no Send event arrives before the claim goes
    // stale (the event path is down, or the event is late), so the takeover sends again.
    var lostAt = new ArrayList<Instant>();
    sesProxy.dropAnswerToNextRequestContaining(IT_CHEF, () -> {
      lostAt.add(workflow.lambda().clock().instant());
      workflow.lambda().withClock(ahead(CLAIM_STALE_AFTER.plusSeconds(1)));
    });
    var key = workflow.upload(SAMPLE_TEXT, ADJUSTED_ON, POSTED_ON);

    var drained = workflow.process();

    assertThat(sesProxy.dropped()).isEqualTo(1);
    assertThat(drained.deadLettered()).as("messages in dead-letter queues").isZero();
    var sendOuts = workflow.stores().sendOuts().sendOuts(workflow.minutesFromUpload(key).orElseThrow().id());
    var itChef = itChefOfParagraph6(sendOuts);
    assertThat(itChef.status()).isEqualTo(SendOutStatus.SENT);
    assertThat(itChef.attempts()).isEqualTo(2);
    var history = workflow.stores().deliveryEvents().sendOutHistory(itChef);
    assertThat(history).extracting(SendOutEvent::status).containsExactly(SendOutStatus.PENDING,
        SendOutStatus.SENDING, SendOutStatus.SENDING, SendOutStatus.SENDING, SendOutStatus.SENT);
    assertThat(history.get(2).detail()).startsWith("SES outcome unknown");
    assertThat(Duration.between(history.get(1).at(), history.get(3).at()))
        .as("the takeover comes after the claim went stale").isGreaterThan(CLAIM_STALE_AFTER);
    assertThat(history.get(1).at()).isBeforeOrEqualTo(lostAt.getFirst());
    assertThat(sesRequestsTo(IT_CHEF)).as("SES calls for the IT-chef's mails").isEqualTo(2);

    // The one duplicate: the mail whose answer was lost, and the one the takeover sent.
    var mails = SesMailbox.mails(workflow.cloud());
    var toItChef = mails.stream().filter(m -> m.to().contains(IT_CHEF)).toList();
    assertThat(toItChef).hasSize(2).allSatisfy(m -> assertThat(paragraphOf(m.subject())).isEqualTo("6"));
    assertThat(toItChef).extracting(SesMailbox.Mail::messageId).contains(itChef.sesMessageId());
    var others = mails.stream().filter(m -> !m.to().contains(IT_CHEF))
        .filter(m -> !m.to().contains(CLERK)).toList();
    assertThat(countsPerParagraphAndAddress(others)).allSatisfy((pair, count) ->
        assertThat(count).as("mails of %s", pair).isEqualTo(1));
    assertThat(mails.stream().filter(m -> m.to().contains(CLERK)).map(SesMailbox.Mail::subject).toList())
        .as("the clerk's receipt and summary, once each").hasSize(2).doesNotHaveDuplicates();
    assertThat(sendOuts).allSatisfy(s -> assertThat(s.status().isTerminal()).isTrue());
  }

  @Test
  void sesUnreachableForAWhileDelaysTheMailsAndEachIsStillSentOnce() throws Exception {
    sesProxy.refuseConnections();
    var key = workflow.upload(SAMPLE_TEXT, ADJUSTED_ON, POSTED_ON);
    for (int pass = 0; pass < 3; pass++) {
      workflow.cloud().awaitEventRouting();
      workflow.lambda().deliverOnce();
    }
    var minutesId = workflow.minutesFromUpload(key).orElseThrow().id();
    var duringTheOutage = workflow.stores().sendOuts().sendOuts(minutesId);
    assertThat(SesMailbox.mails(workflow.cloud())).isEmpty();
    assertThat(duringTheOutage).filteredOn(s -> s.kind() == SendOutKind.EMAIL && s.attempts() > 0)
        .as("mails tried while SES was unreachable").isNotEmpty()
        .allSatisfy(s -> {
          assertThat(s.status()).isEqualTo(SendOutStatus.PENDING);
          assertThat(s.detail()).startsWith("Retrying: ");
        });

    sesProxy.acceptConnections();
    var drained = workflow.process();

    assertThat(drained.deadLettered()).as("messages in dead-letter queues").isZero();
    var sendOuts = workflow.stores().sendOuts().sendOuts(minutesId);
    assertEverySendOutSettledAndEveryMailSentOnce(sendOuts);
    assertThat(sendOuts).filteredOn(s -> s.attempts() > 1).as("send-outs retried after the outage").isNotEmpty();
  }

  @Test
  void theSesEmulatorStoppedForPartOfTheRunAndStartedAgainSendsEachMailOnce() throws Exception {
    // Straight to the emulator, no proxy: the emulator itself stops listening and starts again.
    var sesEmulator = workflow.cloud().environmentOf(MAILER).get("AWS_ENDPOINT_URL_SESV2");
    workflow.lambda().withEnvironment(MAILER, Map.of("AWS_ENDPOINT_URL_SESV2", sesEmulator));
    var key = workflow.upload(SAMPLE_TEXT, ADJUSTED_ON, POSTED_ON);
    workflow.cloud().awaitEventRouting();
    workflow.lambda().deliverOnce(); // intake
    workflow.lambda().deliverOnce(MAILER); // a first batch, with SES up
    int sentBeforeTheStop = SesMailbox.mails(workflow.cloud()).size();

    workflow.cloud().stopSes();
    var sesPort = URI.create(sesEmulator).getPort();
    assertThatThrownBy(() -> new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), sesPort).close())
        .as("connections to the stopped emulator").isInstanceOf(java.net.ConnectException.class);
    workflow.lambda().deliverOnce(MAILER);
    workflow.lambda().deliverOnce(MAILER);
    var minutesId = workflow.minutesFromUpload(key).orElseThrow().id();
    var duringTheStop = workflow.stores().sendOuts().sendOuts(minutesId);
    workflow.cloud().startSes();
    var drained = workflow.process();

    assertThat(sentBeforeTheStop).as("mails sent before SES stopped").isPositive();
    assertThat(duringTheStop).filteredOn(s -> s.status() == SendOutStatus.PENDING && s.attempts() > 0)
        .as("mails tried while SES was stopped").isNotEmpty()
        .allSatisfy(s -> assertThat(s.detail()).startsWith("Retrying: "));
    assertThat(drained.deadLettered()).as("messages in dead-letter queues").isZero();
    var sendOuts = workflow.stores().sendOuts().sendOuts(minutesId);
    assertEverySendOutSettledAndEveryMailSentOnce(sendOuts);
    assertThat(sendOuts).filteredOn(s -> s.attempts() > 1).as("send-outs retried after SES started again")
        .isNotEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private static SendOut itChefOfParagraph6(List<SendOut> sendOuts) {
    return sendOuts.stream().filter(s -> s.paragraph() == 6 && s.target().equals(IT_CHEF)).findFirst().orElseThrow();
  }

  /** SendEmail requests to this address that reached the SES emulator (answered or not). */
  private long sesRequestsTo(String address) {
    return sesProxy.exchanges().stream().filter(e -> e.requestBody().contains(address)).count();
  }

  private static String messageIdOf(FaultInjectingProxy.Exchange exchange) {
    return SesEvents.messageIdOf(exchange);
  }

  /** The Send event SES would publish for the mail of this SendEmail request, as SNS delivers it raw. */
  private String sendEventOf(FaultInjectingProxy.Exchange exchange) {
    return eventOf(exchange, "Send");
  }

  /** The Send or Delivery event SES would publish for the mail of this SendEmail request. */
  private String eventOf(FaultInjectingProxy.Exchange exchange, String eventType) {
    assertThat(SesMailbox.mails(workflow.cloud())).extracting(SesMailbox.Mail::messageId)
        .contains(messageIdOf(exchange));
    return SesEvents.eventOf(exchange, eventType, workflow.lambda().clock().instant());
  }

  private void sendToDeliveryEvents(String body) {
    workflow.cloud().sqs().sendMessage(b -> b.queueUrl(workflow.cloud().queueUrl("DeliveryEventsQueue")).messageBody(body));
  }

  private void assertEverySendOutSettledAndEveryMailSentOnce(List<SendOut> sendOuts) {
    assertThat(sendOuts).allSatisfy(s -> assertThat(s.status()).as("§ %d to %s", s.paragraph(), s.target())
        .isIn(SendOutStatus.SENT, SendOutStatus.FILED));
    var mails = SesMailbox.mails(workflow.cloud());
    var decisions = mails.stream().filter(m -> !m.to().contains(CLERK)).toList();
    assertThat(countsPerParagraphAndAddress(decisions)).hasSize(DECISION_MAILS)
        .allSatisfy((pair, count) -> assertThat(count).as("mails of § %s", pair).isEqualTo(1));
    assertThat(mails.stream().filter(m -> m.to().contains(CLERK)).map(SesMailbox.Mail::subject).toList())
        .as("the clerk's receipt and summary, once each").hasSize(2).doesNotHaveDuplicates();
    var recorded = sendOuts.stream().filter(s -> s.kind() != SendOutKind.CASE_FILE).map(SendOut::sesMessageId).toList();
    assertThat(recorded).containsExactlyInAnyOrderElementsOf(mails.stream().map(SesMailbox.Mail::messageId).toList());
  }

  private static Map<String, Long> countsPerParagraphAndAddress(List<SesMailbox.Mail> mails) {
    return mails.stream().collect(Collectors.groupingBy(
        m -> paragraphOf(m.subject()) + " " + String.join(",", m.to()), Collectors.counting()));
  }

  private static String paragraphOf(String subject) {
    var matcher = PARAGRAPH_IN_SUBJECT.matcher(subject);
    assertThat(matcher.find()).as("subject names a paragraph: %s", subject).isTrue();
    return matcher.group(1);
  }

  /** A running clock this far ahead of the handlers' current time. */
  private Clock ahead(Duration by) {
    var target = workflow.lambda().clock().instant().plus(by);
    return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), target));
  }

  /**
   * Runs the functions as {@link se.anslag.local.cloud.LocalLambda#drain} does, but first replaces
   * every new message of every event-source queue with two copies, also the messages the
   * functions queue themselves. Returns how many messages were doubled per queue.
   */
  private Map<String, Integer> deliverEveryMessageTwice() throws InterruptedException {
    var queues = new LinkedHashSet<String>();
    workflow.cloud().template().functions().values()
        .forEach(f -> f.sqsEvents().forEach(s -> queues.add(s.queueLogicalId())));
    var doubled = new HashMap<String, Integer>();
    int idlePasses = 0;
    while (idlePasses < 3) {
      int delivered = 0;
      // One function at a time, so that what one queues is doubled before the next one reads it.
      for (var function : workflow.cloud().template().functions().keySet()) {
        workflow.cloud().awaitEventRouting();
        for (var queue : queues) {
          int count = doubleNewMessages(workflow.cloud().queueUrl(queue));
          if (count > 0) {
            doubled.merge(queue, count, Integer::sum);
          }
        }
        delivered += workflow.lambda().deliverOnce(function);
      }
      if (delivered == 0) {
        idlePasses++;
        Thread.sleep(300); // lets a message that failed come back before giving up
      } else {
        idlePasses = 0;
      }
    }
    return doubled;
  }

  private int doubleNewMessages(String queueUrl) {
    return QueueDoubling.doubleNewMessages(workflow.cloud().sqs(), queueUrl);
  }
}
