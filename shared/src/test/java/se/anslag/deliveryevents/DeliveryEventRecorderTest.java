package se.anslag.deliveryevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.anslag.compose.SendOutHeader;
import se.anslag.deliveryevents.DeliveryEventRecorder.Outcome;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutEvent;
import se.anslag.domain.SendOutKind;
import se.anslag.domain.SendOutStatus;
import se.anslag.ports.SampleWorld;
import se.anslag.ports.SendOutStore;

/**
 * Recording SES's events on the port, in memory: a status moves only forward, each event once, and
 * a Send event records the accepted attempt without touching the status.
 */
class DeliveryEventRecorderTest {
  private static final String ADDRESS = "kommunstyrelsen@ludvika.example.org";
  private static final Instant SENT_AT = Instant.parse("2024-02-20T08:00:00Z");

  private final SampleWorld world = new SampleWorld();
  private final DeliveryEventRecorder recorder = new DeliveryEventRecorder(world.records, world.records, world.clock,
      world.subscriptions);

  @BeforeEach
  void aDecisionWasSent() {
    var pending = new SendOut("m1", 3, ADDRESS, SendOutKind.EMAIL, List.of("Kommunstyrelsen"), null,
        SendOutStatus.PENDING, 0, null, SENT_AT, SENT_AT, null);
    world.records.createSendOut(pending);
    world.records.claimSendOut("m1", SendOutStore.SendOutKey.of(pending), SENT_AT, SampleWorld.CONFIG.sendClaimStaleAfter());
    world.records.updateSendOut(pending.withStatus(SendOutStatus.SENT, SENT_AT, null, "ses-1"));
  }

  private SendOut stored() {
    return world.records.findSendOut("m1", 3, ADDRESS).orElseThrow();
  }

  private static SesEvent event(SesEvent.Type type, String key, String at) {
    return new SesEvent(type, "ses-1", Instant.parse(at), List.of(ADDRESS), type + " detail", key);
  }

  @Test
  void aDeliveryMovesSentToDeliveredOnceHoweverOftenItArrives() {
    var delivery = event(SesEvent.Type.DELIVERY, "delivery-1", "2024-02-20T08:00:05Z");

    assertThat(recorder.record(delivery)).isEqualTo(Outcome.STATUS_CHANGED);
    assertThat(recorder.record(delivery)).isEqualTo(Outcome.ALREADY_RECORDED);

    assertThat(stored().status()).isEqualTo(SendOutStatus.DELIVERED);
    assertThat(world.records.sendOutHistory(stored())).extracting(SendOutEvent::status)
        .containsExactly(SendOutStatus.PENDING, SendOutStatus.SENDING, SendOutStatus.SENT, SendOutStatus.DELIVERED);
  }

  @Test
  void aLateDeliveryNeverReplacesAComplaint() {
    recorder.record(event(SesEvent.Type.COMPLAINT, "complaint-1", "2024-02-20T09:00:00Z"));

    assertThat(recorder.record(event(SesEvent.Type.DELIVERY, "delivery-1", "2024-02-20T08:00:05Z")))
        .isEqualTo(Outcome.NOTED);
    assertThat(stored().status()).isEqualTo(SendOutStatus.COMPLAINED);
    assertThat(stored().detail()).isEqualTo("COMPLAINT detail");
  }

  @Test
  void aSoftBounceIsHistoryOnly() {
    assertThat(recorder.record(event(SesEvent.Type.TRANSIENT_BOUNCE, "bounce-1", "2024-02-20T08:01:00Z")))
        .isEqualTo(Outcome.NOTED);
    assertThat(stored().status()).isEqualTo(SendOutStatus.SENT);
    assertThat(world.records.sendOutHistory(stored()).getLast().detail()).isEqualTo("TRANSIENT_BOUNCE detail");
  }

  @Test
  void anEventForAMessageNoSendOutHasIsAcknowledged() {
    var stranger = new SesEvent(SesEvent.Type.DELIVERY, "ses-unknown", SENT_AT, List.of(ADDRESS), "d", "k");

    assertThat(recorder.record(stranger)).isEqualTo(Outcome.UNKNOWN_MESSAGE);
  }

  @Test
  void aDeliveryBeforeTheMailerWroteSentIsTriedAgainAndRecordedOnceItHas() {
    var claimed = new SendOut("m1", 4, ADDRESS, SendOutKind.EMAIL, List.of("Kommunstyrelsen"), null,
        SendOutStatus.PENDING, 0, null, SENT_AT, SENT_AT, null);
    world.records.createSendOut(claimed);
    world.records.claimSendOut("m1", SendOutStore.SendOutKey.of(claimed), SENT_AT, SampleWorld.CONFIG.sendClaimStaleAfter());
    var delivery = new SesEvent(SesEvent.Type.DELIVERY, "ses-4", Instant.parse("2024-02-20T08:00:02Z"),
        List.of(ADDRESS), "Delivered", "delivery-4", new SendOutHeader("m1", 4, ADDRESS, 1));

    assertThat(recorder.record(delivery)).isEqualTo(Outcome.TOO_EARLY);
    assertThat(world.records.findSendOut("m1", 4, ADDRESS).orElseThrow().status()).isEqualTo(SendOutStatus.SENDING);

    world.records.updateSendOut(claimed.withStatus(SendOutStatus.SENT, SENT_AT.plusSeconds(3), null, "ses-4"));
    assertThat(recorder.record(delivery)).isEqualTo(Outcome.STATUS_CHANGED);
    assertThat(world.records.findSendOut("m1", 4, ADDRESS).orElseThrow().status()).isEqualTo(SendOutStatus.DELIVERED);
  }

  @Test
  void anEventWithoutTheMailsHeadersWholeIsTriedAgainUntilTheMessageIdIsKnown() {
    var truncated = new SesEvent(SesEvent.Type.DELIVERY, "ses-not-yet", SENT_AT, List.of(ADDRESS), "Delivered",
        "delivery-5", null, false);

    assertThat(recorder.record(truncated)).isEqualTo(Outcome.TOO_EARLY);
  }

  @Test
  void aDeliveryOfAnotherAttemptsMailIsHistoryOnly() {
    var earlierMail = new SesEvent(SesEvent.Type.PERMANENT_BOUNCE, "ses-0", SENT_AT, List.of(ADDRESS), "Bounced",
        "bounce-0", new SendOutHeader("m1", 3, ADDRESS, 1));

    assertThat(recorder.record(earlierMail)).isEqualTo(Outcome.NOTED);
    assertThat(stored().status()).isEqualTo(SendOutStatus.SENT);
    assertThat(world.records.sendOutHistory(stored()).getLast().detail()).isEqualTo("Bounced");
  }

  @Test
  void aBounceOfTheClerksReceiptBouncesTheReceipt() {
    var receipt = SendOut.toClerk("m1", SendOutKind.RECEIPT, SampleWorld.CLERK, "Gemensamma servicenämnden", SENT_AT);
    world.records.createSendOut(receipt);
    world.records.claimSendOut("m1", SendOutStore.SendOutKey.of(receipt), SENT_AT, SampleWorld.CONFIG.sendClaimStaleAfter());
    world.records.updateSendOut(receipt.withStatus(SendOutStatus.SENT, SENT_AT, null, "ses-receipt"));
    var bounce = new SesEvent(SesEvent.Type.PERMANENT_BOUNCE, "ses-receipt", SENT_AT.plusSeconds(4),
        List.of(SampleWorld.CLERK), "Permanent/General bounce", "bounce-receipt");

    assertThat(recorder.record(bounce)).isEqualTo(Outcome.STATUS_CHANGED);
    assertThat(world.records.findSendOut("m1", 0, receipt.target()).orElseThrow().status())
        .isEqualTo(SendOutStatus.BOUNCED);
  }

  @Test
  void aSendEventRecordsTheAcceptedAttemptAndLeavesTheStatus() {
    var send = new SesEvent(SesEvent.Type.SEND, "ses-2", Instant.parse("2024-02-20T08:00:01Z"), List.of(ADDRESS),
        "Accepted", "send-1", new SendOutHeader("m1", 3, ADDRESS, 2));

    assertThat(recorder.record(send)).isEqualTo(Outcome.NOTED);
    assertThat(recorder.record(send)).isEqualTo(Outcome.ALREADY_RECORDED);

    assertThat(world.records.acceptance(stored())).contains(new SendOutStore.Acceptance("ses-2", 2));
    assertThat(stored().status()).isEqualTo(SendOutStatus.SENT);
  }
}
