package se.anslag.deliveryevents;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.inject.Inject;
import javax.inject.Singleton;
import se.anslag.compose.SendOutHeader;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutEvent;
import se.anslag.domain.SendOutStatus;
import se.anslag.ports.DeliveryEventStore;
import se.anslag.ports.SendOutStore;
import se.anslag.ports.SubscriptionStore;

/**
 * Records what SES reports after it accepted a mail on the send-out the mail belongs to: DELIVERED,
 * BOUNCED (a permanent bounce), COMPLAINED, or FAILED (rejected by SES). A soft bounce, which SES
 * retries, and other events go into the history only. Events may arrive late and out of order, so a
 * status moves only forward: a delivery never replaces a bounce or a complaint. They may also arrive
 * early: before the mailer has written SENT (its answer from SES is slower than SES's event, or was
 * lost and a takeover will settle it), so the event is kept in its queue and tried again
 * ({@link Outcome#TOO_EARLY}) rather than acknowledged with nothing recorded.
 */
@Singleton
public final class DeliveryEventRecorder {
  private static final Logger LOG = Logger.getLogger(DeliveryEventRecorder.class.getName());

  private final SendOutStore sendOutStore;
  private final DeliveryEventStore deliveryEventStore;
  private final Clock clock;
  private final SubscriptionStore subscriptions;

  @Inject
  public DeliveryEventRecorder(SendOutStore sendOutStore, DeliveryEventStore deliveryEventStore, Clock clock,
      SubscriptionStore subscriptions) {
    this.subscriptions = subscriptions;
    this.sendOutStore = sendOutStore;
    this.deliveryEventStore = deliveryEventStore;
    this.clock = clock;
  }

  public enum Outcome {
    /** The send-out took the event's status. */
    STATUS_CHANGED,
    /** In the send-out's history, its status unchanged. */
    NOTED,
    /** Recorded before: a redelivered event. */
    ALREADY_RECORDED,
    /** No send-out has this mail: not Anslag's (no send-out header, or one naming no send-out). */
    UNKNOWN_MESSAGE,
    /**
     * The send-out is not settled yet (PENDING or SENDING: the mailer has not written SES's answer),
     * or, for a mail whose headers the event does not carry whole, not yet found by its message id:
     * the event is tried again later, not dropped.
     */
    TOO_EARLY
  }

  public Outcome record(SesEvent event) {
    if (event.type() == SesEvent.Type.SEND) {
      return recordAcceptance(event);
    }
    var found = sendOutOf(event);
    if (found.isEmpty()) {
      if (event.sendOut() == null && !event.headersComplete()) {
        LOG.info(() -> "No send-out has SES message id " + event.messageId() + " yet (" + event.type()
            + "; the event does not carry the mail's headers whole): tried again later");
        return Outcome.TOO_EARLY;
      }
      LOG.info(() -> "No send-out has SES message id " + event.messageId() + " (" + event.type() + " for "
          + event.recipients() + "): not Anslag's mail, acknowledged");
      return Outcome.UNKNOWN_MESSAGE;
    }
    var sendOut = found.get();
    if (!sendOut.status().isTerminal()) {
      LOG.info(() -> event.type() + " of SES message " + event.messageId() + " arrived before its send-out (minutes "
          + shortId(sendOut) + " § " + sendOut.paragraph() + " to " + sendOut.target() + ") was settled ("
          + sendOut.status() + "): tried again later");
      return Outcome.TOO_EARLY;
    }
    // A mail of another attempt (the one duplicate a takeover can send) is history, not the status.
    var ofTheRecordedMail = event.messageId().equals(sendOut.sesMessageId());
    // A subscriber mail has one recipient, and its send-out does not hold the address to compare.
    var transition = ofTheRecordedMail && (sendOut.kind().isSubscriberMail() || event.concerns(sendOut.address()))
        ? transition(event.type()) : null;
    var entry = new SendOutEvent(event.at(), transition == null ? sendOut.status() : transition.to(), detailOf(event, sendOut));
    var recording = deliveryEventStore.recordDeliveryEvent(sendOut, event.eventKey(), entry,
        transition == null ? Set.of() : transition.from(), clock.instant());
    var outcome = switch (recording) {
      case STATUS_CHANGED -> Outcome.STATUS_CHANGED;
      case NOTED -> Outcome.NOTED;
      case ALREADY_RECORDED -> Outcome.ALREADY_RECORDED;
    };
    LOG.info(() -> event.type() + " of SES message " + event.messageId() + " on minutes " + shortId(sendOut) + " § "
        + sendOut.paragraph() + " to " + sendOut.target() + ": " + outcome
        + (sendOut.kind().isSubscriberMail() ? "" : " (" + event.detail() + ")"));
    endSubscriptionOnBounce(sendOut, transition);
    return outcome;
  }

  /**
   * By the mail's send-out header when it has one (a consistent read by key); else by its message
   * id on the index, which the mailer writes with SENT and which lags a little behind the table.
   */
  private Optional<SendOut> sendOutOf(SesEvent event) {
    var header = event.sendOut();
    return header == null ? deliveryEventStore.findSendOutBySesMessageId(event.messageId())
        : sendOutStore.findSendOut(header.minutesId(), header.paragraph(), header.target());
  }

  /**
   * What the history keeps of an event: for a subscriber mail only its type, since SES's diagnostic may
   * quote the address, which must go with the subscription.
   */
  private static String detailOf(SesEvent event, SendOut sendOut) {
    return sendOut.kind().isSubscriberMail() ? event.type().name() : event.detail();
  }

  private static String shortId(SendOut sendOut) {
    return sendOut.minutesId().substring(0, Math.min(12, sendOut.minutesId().length()));
  }

  /**
   * A Send event: SES accepted the mail. The mailer may never have learned the message id (its
   * answer was lost), so the send-out is found by the mail's {@value SendOutHeader#NAME}
   * header, and the accepted id and attempt are recorded on it for the mailer that takes the claim
   * over. The status stays: the mailer owns the claim, and its own later write would otherwise be
   * able to move a status set here backwards.
   */
  private Outcome recordAcceptance(SesEvent event) {
    var header = event.sendOut();
    var found = header == null ? Optional.<SendOut>empty()
        : sendOutStore.findSendOut(header.minutesId(), header.paragraph(), header.target());
    if (found.isEmpty()) {
      LOG.info(() -> "Send event of SES message " + event.messageId() + " names no send-out"
          + (header == null ? " (no " + SendOutHeader.NAME + " header)" : " (" + header.value() + ")")
          + ": not Anslag's mail: acknowledged");
      return Outcome.UNKNOWN_MESSAGE;
    }
    var sendOut = found.get();
    var entry = new SendOutEvent(event.at(), sendOut.status(), detailOf(event, sendOut));
    var recording = deliveryEventStore.recordAcceptance(sendOut, event.eventKey(),
        new SendOutStore.Acceptance(event.messageId(), header.attempt()), entry, clock.instant());
    var outcome = recording == DeliveryEventStore.Recording.ALREADY_RECORDED
        ? Outcome.ALREADY_RECORDED : Outcome.NOTED;
    LOG.info(() -> "Send of SES message " + event.messageId() + " (attempt " + header.attempt() + ") on minutes "
        + shortId(sendOut) + " § " + sendOut.paragraph()
        + " to " + sendOut.target() + " (" + sendOut.status() + "): " + outcome);
    return outcome;
  }

  /**
   * A permanent bounce or a complaint on a subscriber mail ends the subscription: nothing more goes to
   * that address. Also on a redelivered event (ALREADY_RECORDED), which mends a crash after the record.
   */
  private void endSubscriptionOnBounce(SendOut sendOut, Transition transition) {
    if (sendOut.kind().isSubscriberMail() && transition != null
        && (transition.to() == SendOutStatus.BOUNCED || transition.to() == SendOutStatus.COMPLAINED)) {
      subscriptions.delete(sendOut.subscriptionId());
      LOG.info(() -> "Subscription " + sendOut.subscriptionId().substring(0, 12) + " ended: " + transition.to());
    }
  }

  private record Transition(SendOutStatus to, Set<SendOutStatus> from) {}

  private static Transition transition(SesEvent.Type type) {
    return switch (type) {
      case DELIVERY -> new Transition(SendOutStatus.DELIVERED, EnumSet.of(SendOutStatus.SENT));
      case PERMANENT_BOUNCE -> new Transition(SendOutStatus.BOUNCED,
          EnumSet.of(SendOutStatus.SENT, SendOutStatus.DELIVERED));
      case COMPLAINT -> new Transition(SendOutStatus.COMPLAINED,
          EnumSet.of(SendOutStatus.SENT, SendOutStatus.DELIVERED));
      case REJECT -> new Transition(SendOutStatus.FAILED, EnumSet.of(SendOutStatus.SENT));
      case SEND, TRANSIENT_BOUNCE, OTHER -> null;
    };
  }
}
