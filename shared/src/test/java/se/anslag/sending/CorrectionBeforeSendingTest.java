package se.anslag.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.anslag.compose.ClerkMailComposer;
import se.anslag.compose.DecisionMailComposer;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutMessage;
import se.anslag.domain.SendOutStatus;
import se.anslag.intake.ProtocolIntake;
import se.anslag.intake.UploadEvent;
import se.anslag.ports.FailureKinds;
import se.anslag.ports.MailSender.SendFailure;
import se.anslag.ports.SampleWorld;
import se.anslag.reader.MinutesReader;

/**
 * A correction that arrives while the first version's send-outs are still queued (PENDING) or being
 * sent: a paragraph it leaves unchanged is not sent twice, and a recipient whose first mail then
 * fails still gets the decision. Intake and the mailer on their ports, in memory.
 */
class CorrectionBeforeSendingTest {
  private static final String KOMMUNSTYRELSEN = "kommunstyrelsen@ludvika.example.org";
  private static final String FIRST = "uploads/gsn.txt";
  private static final String CORRECTED = "uploads/gsn-rattelse.txt";

  private final SampleWorld world = new SampleWorld();
  private final ProtocolIntake intake = new ProtocolIntake(world.objects, world.records, world.records,
      world.records, world.records, new MinutesReader(), world.queue, world.clock);
  private final DecisionMailer mailer = new DecisionMailer(world.records, world.records, world.records,
      world.records, world.mail, world.objects, FailureKinds.PORTS, new DecisionMailComposer(),
      new ClerkMailComposer(), world.queue, SampleWorld.CONFIG, world.clock,
      world.subscriptions, new se.anslag.compose.SubscriberMailComposer(), SampleWorld.SUBSCRIPTIONS);

  /** Version 1 read and queued, then a correction of § 3 read before any of version 1 is sent. */
  private List<SendOutMessage> bothVersionsQueued() {
    world.upload(FIRST, SampleWorld.sampleText());
    intake.receive(new UploadEvent(SampleWorld.PROTOCOLS, FIRST));
    world.upload(CORRECTED, SampleWorld.sampleText()
        .replace("godkänner förslag om ny", "godkänner det reviderade förslaget om ny"));
    intake.receive(new UploadEvent(SampleWorld.PROTOCOLS, CORRECTED));
    return world.queue.takeSendOuts();
  }

  /** Delivers until nothing is left, messages to retry again after their backoff, as the queue would. */
  private void deliverUntilDone(List<SendOutMessage> first) {
    var queued = new ArrayList<>(first);
    for (int round = 0; !queued.isEmpty(); round++) {
      assertThat(round).as("rounds of delivery").isLessThan(20);
      var batch = List.copyOf(queued);
      queued.clear();
      var outcomes = mailer.deliver(batch);
      for (int i = 0; i < batch.size(); i++) {
        if (outcomes.get(i) == DecisionMailer.Outcome.RETRY) {
          queued.add(batch.get(i));
        }
      }
      queued.addAll(world.queue.takeSendOuts());
      world.clock.advance(Duration.ofSeconds(31));
    }
  }

  private long mailsTo(String address, int paragraph) {
    return world.mail.sent().stream().filter(sent -> sent.mail().to().equals(address))
        .filter(sent -> sent.sendOut().paragraph() == paragraph).count();
  }

  private String idOf(String key) {
    return world.records.listMinutes().stream().filter(m -> m.sourceKey().equals(key)).findFirst().orElseThrow().id();
  }

  private SendOut sendOut(String key, int paragraph, String target) {
    return world.records.findSendOut(idOf(key), paragraph, target).orElseThrow();
  }

  @Test
  void aRecipientWhoseFirstMailFailsAfterTheCorrectionStillGetsTheUnchangedDecision() {
    var queued = bothVersionsQueued();
    world.mail.failNextTo(KOMMUNSTYRELSEN, SendFailure.Kind.PERMANENT);

    deliverUntilDone(queued);

    assertThat(sendOut(FIRST, 1, KOMMUNSTYRELSEN).status()).isEqualTo(SendOutStatus.FAILED);
    assertThat(mailsTo(KOMMUNSTYRELSEN, 1)).as("§ 1, unchanged by the correction, to Kommunstyrelsen").isEqualTo(1);
    assertThat(sendOut(CORRECTED, 1, KOMMUNSTYRELSEN).status()).isEqualTo(SendOutStatus.SENT);
  }

  @Test
  void anUnchangedDecisionQueuedByBothVersionsIsMailedOnceAndTheCorrectionRecordsItUnchanged() {
    var queued = bothVersionsQueued();

    deliverUntilDone(queued);

    var firstVersion = sendOut(FIRST, 1, KOMMUNSTYRELSEN);
    assertThat(firstVersion.status()).isEqualTo(SendOutStatus.SENT);
    assertThat(mailsTo(KOMMUNSTYRELSEN, 1)).isEqualTo(1);
    var corrected = sendOut(CORRECTED, 1, KOMMUNSTYRELSEN);
    assertThat(corrected.status()).isEqualTo(SendOutStatus.UNCHANGED);
    assertThat(corrected.detail()).isEqualTo("sent with version 1 on " + firstVersion.updatedAt());
    // The changed § 3 goes to each of its six addresses twice: the first version, then the correction.
    assertThat(mailsTo(KOMMUNSTYRELSEN, 3)).isEqualTo(2);
    assertThat(world.records.sendOuts(idOf(CORRECTED))).allSatisfy(s ->
        assertThat(s.status().isTerminal()).as("§ %d to %s", s.paragraph(), s.target()).isTrue());
  }
}
