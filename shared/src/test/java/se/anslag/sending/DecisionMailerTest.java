package se.anslag.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.anslag.compose.ClerkMailComposer;
import se.anslag.compose.DecisionMailComposer;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutEvent;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutMessage;
import se.anslag.domain.SendOutStatus;
import se.anslag.intake.ProtocolIntake;
import se.anslag.intake.UploadEvent;
import se.anslag.ports.FailureKinds;
import se.anslag.ports.MailSender.SendFailure;
import se.anslag.ports.ObjectStore;
import se.anslag.ports.SampleWorld;
import se.anslag.ports.SendOutStore;
import se.anslag.reader.MinutesReader;
import se.anslag.sending.DecisionMailer.Outcome;

/**
 * The mailer on its ports, in memory, after intake has planned the sample: every decision mailed or
 * filed once and the summary last; each kind of failure the mail sender or the object store reports,
 * and what the send-out and the message become.
 */
class DecisionMailerTest {
  private final SampleWorld world = new SampleWorld();
  private final DecisionMailer mailer = new DecisionMailer(world.records, world.records, world.records,
      world.records, world.mail, world.objects, FailureKinds.PORTS, new DecisionMailComposer(),
      new ClerkMailComposer(), world.queue, SampleWorld.CONFIG, world.clock,
      world.subscriptions, new se.anslag.compose.SubscriberMailComposer(), SampleWorld.SUBSCRIPTIONS);
  private String minutesId;

  @BeforeEach
  void intakePlannedTheSample() {
    world.upload("uploads/gsn.txt", SampleWorld.sampleText());
    minutesId = new ProtocolIntake(world.objects, world.records, world.records, world.records, world.records,
        new MinutesReader(), world.queue, world.clock).receive(new UploadEvent(SampleWorld.PROTOCOLS, "uploads/gsn.txt"))
        .minutesId();
  }

  private SendOut sendOut(String target) {
    return world.records.sendOuts(minutesId).stream().filter(s -> s.target().equals(target)).findFirst().orElseThrow();
  }

  private static SendOutMessage messageOf(SendOut sendOut) {
    return new SendOutMessage(sendOut.minutesId(), sendOut.paragraph(), sendOut.target());
  }

  private SendOutMessage firstMail() {
    return messageOf(sendOut("kommunstyrelsen@ludvika.example.org"));
  }

  @Test
  void everyDecisionIsMailedOrFiledOnceAndTheSummaryGoesOutLast() {
    var outcomes = mailer.deliver(world.queue.takeSendOuts());

    assertThat(outcomes).hasSize(25).containsOnly(Outcome.DONE);
    var sendOuts = world.records.sendOuts(minutesId);
    assertThat(sendOuts.stream().filter(s -> s.kind() == SendOutKind.EMAIL))
        .hasSize(18).allSatisfy(s -> assertThat(s.status()).isEqualTo(SendOutStatus.SENT))
        .allSatisfy(s -> assertThat(s.sesMessageId()).startsWith("message-"));
    assertThat(sendOuts.stream().filter(s -> s.kind() == SendOutKind.CASE_FILE))
        .hasSize(6).allSatisfy(s -> assertThat(s.detail()).startsWith("Filed in the case record as case-files/2024_"));
    assertThat(world.objects.list(SampleWorld.ARCHIVE)).hasSize(6)
        .containsKey("case-files/2024_5/2024-02-14-gemensamma-servicenamnden-paragraf-3.txt");
    // Every decision and the receipt is settled: the summary is created and queued, not yet sent.
    var summary = world.queue.takeSendOuts();
    assertThat(summary).singleElement().isEqualTo(new SendOutMessage(minutesId, 0, "summary:" + SampleWorld.CLERK));
    assertThat(world.mail.sent()).hasSize(19);

    assertThat(mailer.deliver(summary)).containsExactly(Outcome.DONE);
    assertThat(world.mail.sent()).hasSize(20);
    assertThat(world.mail.sent().getLast().mail().to()).isEqualTo(SampleWorld.CLERK);
    assertThat(world.mail.sent().stream().map(sent -> sent.sendOut().value())).doesNotHaveDuplicates();
    assertThat(world.queue.sendOuts()).as("the summary settles nothing further").isEmpty();
  }

  @Test
  void aRedeliveredMessageOfASettledSendOutSendsNothingMore() {
    var message = firstMail();
    mailer.deliver(List.of(message));

    assertThat(mailer.deliver(List.of(message, message))).containsExactly(Outcome.DONE, Outcome.DONE);
    assertThat(world.mail.sent()).hasSize(1);
    assertThat(world.mail.sent().getFirst().sendOut().attempt()).isEqualTo(1);
  }

  @Test
  void aTransientFailureGoesBackToPendingAndTheNextDeliverySends() {
    world.mail.failNext(SendFailure.Kind.TRANSIENT);

    assertThat(mailer.deliver(List.of(firstMail()))).containsExactly(Outcome.RETRY);
    var pending = sendOut("kommunstyrelsen@ludvika.example.org");
    assertThat(pending.status()).isEqualTo(SendOutStatus.PENDING);
    assertThat(pending.detail()).isEqualTo("Retrying: test failure: TRANSIENT");

    assertThat(mailer.deliver(List.of(firstMail()))).containsExactly(Outcome.DONE);
    assertThat(sendOut("kommunstyrelsen@ludvika.example.org").status()).isEqualTo(SendOutStatus.SENT);
    assertThat(world.mail.sent()).singleElement().satisfies(sent -> assertThat(sent.sendOut().attempt()).isEqualTo(2));
  }

  @Test
  void aPermanentFailureIsRecordedAsFailedAndTheMessageIsDone() {
    world.mail.failNext(SendFailure.Kind.PERMANENT);

    assertThat(mailer.deliver(List.of(firstMail()))).containsExactly(Outcome.DONE);
    var failed = sendOut("kommunstyrelsen@ludvika.example.org");
    assertThat(failed.status()).isEqualTo(SendOutStatus.FAILED);
    assertThat(failed.detail()).isEqualTo("test failure: PERMANENT");
  }

  @Test
  void anUnknownOutcomeKeepsTheClaimUntilItIsStaleAndOnlyThenSendsAgain() {
    world.mail.failNext(SendFailure.Kind.OUTCOME_UNKNOWN);

    assertThat(mailer.deliver(List.of(firstMail()))).containsExactly(Outcome.RETRY);
    var claimed = sendOut("kommunstyrelsen@ludvika.example.org");
    assertThat(claimed.status()).isEqualTo(SendOutStatus.SENDING);
    assertThat(claimed.detail()).startsWith("SES outcome unknown (test failure: OUTCOME_UNKNOWN)");

    world.clock.advance(Duration.ofSeconds(30));
    assertThat(mailer.deliver(List.of(firstMail()))).as("a fresh claim").containsExactly(Outcome.RETRY);
    assertThat(world.mail.sent()).isEmpty();

    world.clock.advance(SampleWorld.CONFIG.sendClaimStaleAfter());
    assertThat(mailer.deliver(List.of(firstMail()))).containsExactly(Outcome.DONE);
    assertThat(world.mail.sent()).singleElement().satisfies(sent -> assertThat(sent.sendOut().attempt()).isEqualTo(2));
  }

  @Test
  void aTakeoverAfterSesAcceptedTheEarlierAttemptSettlesWithoutSendingAgain() {
    world.mail.failNext(SendFailure.Kind.OUTCOME_UNKNOWN);
    mailer.deliver(List.of(firstMail()));
    var claimed = sendOut("kommunstyrelsen@ludvika.example.org");
    world.records.recordAcceptance(claimed, "send-event-1", new SendOutStore.Acceptance("ses-accepted-1", 1),
        new SendOutEvent(world.clock.instant(), SendOutStatus.SENDING, "Send"), world.clock.instant());

    world.clock.advance(SampleWorld.CONFIG.sendClaimStaleAfter().plusSeconds(1));
    assertThat(mailer.deliver(List.of(firstMail()))).containsExactly(Outcome.DONE);

    var settled = sendOut("kommunstyrelsen@ludvika.example.org");
    assertThat(settled.status()).isEqualTo(SendOutStatus.SENT);
    assertThat(settled.sesMessageId()).isEqualTo("ses-accepted-1");
    assertThat(settled.detail()).isEqualTo("Accepted by SES in attempt 1 (Send event); not sent again");
    assertThat(world.mail.sent()).isEmpty();
  }

  @Test
  void aCaseFileTheArchiveRefusesForGoodFailsAndOneItRefusesForNowIsRetried() {
    var caseFile = messageOf(world.records.sendOuts(minutesId).stream()
        .filter(s -> s.kind() == SendOutKind.CASE_FILE && s.paragraph() == 1).findFirst().orElseThrow());
    world.objects.failNextPut(new ObjectStore.RequestFailure(true, "SlowDown"));

    assertThat(mailer.deliver(List.of(caseFile))).containsExactly(Outcome.RETRY);
    assertThat(world.records.findSendOut(minutesId, 1, "case-file").orElseThrow().detail()).isEqualTo("Retrying: SlowDown");

    world.objects.failNextPut(new ObjectStore.RequestFailure(false, "AccessDenied"));
    assertThat(mailer.deliver(List.of(caseFile))).containsExactly(Outcome.DONE);
    var failed = world.records.findSendOut(minutesId, 1, "case-file").orElseThrow();
    assertThat(failed.status()).isEqualTo(SendOutStatus.FAILED);
    assertThat(failed.detail()).isEqualTo("AccessDenied");
    assertThat(world.objects.list(SampleWorld.ARCHIVE)).isEmpty();
  }

  @Test
  void aMessageForNoSendOutIsDoneWithoutSending() {
    var stray = new SendOutMessage(minutesId, 9, "someone@example.org");

    assertThat(mailer.deliver(List.of(stray))).containsExactly(Outcome.DONE);
    assertThat(world.mail.sent()).isEmpty();
    assertThat(world.clock.instant()).isEqualTo(Instant.parse("2024-02-20T08:00:00Z"));
  }
}
