package se.anslag.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
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
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutEvent;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

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
  /** The sample's decision mails with the sample setup (see SampleMinutesWorkflowIT). */
  private static final int DECISION_MAILS = 18;
  private static final Duration CLAIM_STALE_AFTER = Duration.ofSeconds(30);
  private static final String COPY_ATTRIBUTE = "anslag-test-copy";
  private static final Pattern PARAGRAPH_IN_SUBJECT = Pattern.compile("§ (\\d+) ");

  private LocalWorkflow workflow;
  private FaultInjectingProxy sesProxy;

  @BeforeEach
  void startEmulatorsWithSesBehindTheProxy() throws IOException {
    workflow = LocalWorkflow.start(ROOT, LocalWorkflow.clockAt(POSTED_ON), System.err);
    workflow.loadSetup(ROOT.resolve("local/setup/sample-setup.yaml"));
    var ses = URI.create(workflow.cloud().environmentOf(MAILER).get("AWS_ENDPOINT_URL_SESV2"));
    sesProxy = new FaultInjectingProxy(ses);
    workflow.lambda().withEnvironment(MAILER, Map.of(
        "AWS_ENDPOINT_URL_SESV2", sesProxy.endpoint().toString(),
        "SEND_CLAIM_STALE_SECONDS", String.valueOf(CLAIM_STALE_AFTER.toSeconds())));
  }

  @AfterEach
  void stopEverything() throws IOException {
    sesProxy.close();
    workflow.close();
  }

  @Test
  void everyMessageOfEveryQueueDeliveredTwiceSendsEachDecisionToEachAddressOnce() throws Exception {
    var key = workflow.upload(SAMPLE_TEXT, ADJUSTED_ON, POSTED_ON);

    var doubled = deliverEveryMessageTwice();
    var drained = workflow.process();

    assertThat(doubled).as("messages doubled per queue").containsKeys("IntakeQueue", "SendOutQueue", "BoardRefreshQueue");
    assertThat(drained.deadLettered()).as("messages in dead-letter queues").isZero();
    var sendOuts = workflow.table().sendOuts(workflow.minutesFromUpload(key).orElseThrow().id());
    assertEverySendOutSettledAndEveryMailSentOnce(sendOuts);
    assertThat(sendOuts).allSatisfy(s -> assertThat(s.attempts()).as("attempts of %s", s.target()).isLessThanOrEqualTo(1));
  }

  @Test
  void aLostSesAnswerSendsOneSecondMailAndOnlyAfterTheClaimWentStale() throws Exception {
    // SES accepts § 6's mail to the IT-chef, but the answer never reaches the mailer; meanwhile
    // more than the claim's life passes (the mailer hung until Lambda's timeout, say).
    var lostAt = new ArrayList<Instant>();
    sesProxy.dropAnswerToNextRequestContaining("it-chef@ludvika.example.org", () -> {
      lostAt.add(workflow.lambda().clock().instant());
      workflow.lambda().withClock(ahead(CLAIM_STALE_AFTER.plusSeconds(1)));
    });
    var key = workflow.upload(SAMPLE_TEXT, ADJUSTED_ON, POSTED_ON);

    var drained = workflow.process();

    assertThat(sesProxy.dropped()).isEqualTo(1);
    assertThat(drained.deadLettered()).as("messages in dead-letter queues").isZero();
    var sendOuts = workflow.table().sendOuts(workflow.minutesFromUpload(key).orElseThrow().id());
    var itChef = sendOuts.stream().filter(s -> s.paragraph() == 6 && s.target().equals("it-chef@ludvika.example.org"))
        .findFirst().orElseThrow();
    assertThat(itChef.status()).isEqualTo(SendOutStatus.SENT);
    assertThat(itChef.attempts()).isEqualTo(2);
    var history = workflow.table().sendOutHistory(itChef);
    assertThat(history).extracting(SendOutEvent::status).containsExactly(SendOutStatus.PENDING,
        SendOutStatus.SENDING, SendOutStatus.SENDING, SendOutStatus.SENDING, SendOutStatus.SENT);
    assertThat(history.get(2).detail()).startsWith("SES outcome unknown");
    assertThat(Duration.between(history.get(1).at(), history.get(3).at()))
        .as("the takeover comes after the claim went stale").isGreaterThan(CLAIM_STALE_AFTER);
    assertThat(history.get(1).at()).isBeforeOrEqualTo(lostAt.getFirst());

    // The one duplicate: the mail whose answer was lost, and the one the takeover sent.
    var mails = SesMailbox.mails(workflow.cloud());
    var toItChef = mails.stream().filter(m -> m.to().contains("it-chef@ludvika.example.org")).toList();
    assertThat(toItChef).hasSize(2).allSatisfy(m -> assertThat(paragraphOf(m.subject())).isEqualTo("6"));
    assertThat(toItChef).extracting(SesMailbox.Mail::messageId).contains(itChef.sesMessageId());
    var others = mails.stream().filter(m -> !m.to().contains("it-chef@ludvika.example.org"))
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
    var duringTheOutage = workflow.table().sendOuts(minutesId);
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
    var sendOuts = workflow.table().sendOuts(minutesId);
    assertEverySendOutSettledAndEveryMailSentOnce(sendOuts);
    assertThat(sendOuts).filteredOn(s -> s.attempts() > 1).as("send-outs retried after the outage").isNotEmpty();
  }

  // ------------------------------------------------------------------ helpers

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
    var sqs = workflow.cloud().sqs();
    var copies = new ArrayList<Message>();
    int doubled = 0;
    while (true) {
      var received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
          .messageAttributeNames("All")).messages();
      if (received.isEmpty()) {
        break;
      }
      for (var message : received) {
        if (message.messageAttributes().containsKey(COPY_ATTRIBUTE)) {
          copies.add(message);
          continue;
        }
        var attributes = new HashMap<>(message.messageAttributes());
        attributes.put(COPY_ATTRIBUTE, MessageAttributeValue.builder().dataType("String").stringValue("yes").build());
        for (int copy = 0; copy < 2; copy++) {
          sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message.body()).messageAttributes(attributes));
        }
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        doubled++;
      }
    }
    // A copy seen here is put back as a new message: receiving it would count towards the
    // dead-letter queue's maxReceiveCount although no function saw it.
    for (var copy : copies) {
      sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(copy.body()).messageAttributes(copy.messageAttributes()));
      sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(copy.receiptHandle()));
    }
    return doubled;
  }
}
