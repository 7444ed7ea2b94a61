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

/**
 * Records what SES reports after it accepted a mail on the send-out the mail belongs to: DELIVERED,
 * BOUNCED (a permanent bounce), COMPLAINED, or FAILED (rejected by SES). A soft bounce, which SES
 * retries, and other events go into the history only. Events may arrive late and out of order, so a
 * status moves only forward: a delivery never replaces a bounce or a complaint.
 */
@Singleton
public final class DeliveryEventRecorder {
  private static final Logger LOG = Logger.getLogger(DeliveryEventRecorder.class.getName());

  private final SendOutStore sendOutStore;
  private final DeliveryEventStore deliveryEventStore;
  private final Clock clock;

  @Inject
  public DeliveryEventRecorder(SendOutStore sendOutStore, DeliveryEventStore deliveryEventStore, Clock clock) {
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
    /** No send-out has this SES message id: not a decision mail (a receipt to the clerk, say). */
    UNKNOWN_MESSAGE
  }

  public Outcome record(SesEvent event) {
    if (event.type() == SesEvent.Type.SEND) {
      return recordAcceptance(event);
    }
    var found = deliveryEventStore.findSendOutBySesMessageId(event.messageId());
    if (found.isEmpty()) {
      LOG.info(() -> "No send-out has SES message id " + event.messageId() + " (" + event.type() + " for "
          + event.recipients() + "); not a decision mail, such as a receipt to the clerk: acknowledged");
      return Outcome.UNKNOWN_MESSAGE;
    }
    var sendOut = found.get();
    var transition = event.concerns(sendOut.target()) ? transition(event.type()) : null;
    var entry = new SendOutEvent(event.at(), transition == null ? sendOut.status() : transition.to(), event.detail());
    var recording = deliveryEventStore.recordDeliveryEvent(sendOut, event.eventKey(), entry,
        transition == null ? Set.of() : transition.from(), clock.instant());
    var outcome = switch (recording) {
      case STATUS_CHANGED -> Outcome.STATUS_CHANGED;
      case NOTED -> Outcome.NOTED;
      case ALREADY_RECORDED -> Outcome.ALREADY_RECORDED;
    };
    LOG.info(() -> event.type() + " of SES message " + event.messageId() + " on minutes "
        + sendOut.minutesId().substring(0, Math.min(12, sendOut.minutesId().length())) + " § " + sendOut.paragraph()
        + " to " + sendOut.target() + ": " + outcome + " (" + event.detail() + ")");
    return outcome;
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
    var entry = new SendOutEvent(event.at(), sendOut.status(), event.detail());
    var recording = deliveryEventStore.recordAcceptance(sendOut, event.eventKey(),
        new SendOutStore.Acceptance(event.messageId(), header.attempt()), entry, clock.instant());
    var outcome = recording == DeliveryEventStore.Recording.ALREADY_RECORDED
        ? Outcome.ALREADY_RECORDED : Outcome.NOTED;
    LOG.info(() -> "Send of SES message " + event.messageId() + " (attempt " + header.attempt() + ") on minutes "
        + sendOut.minutesId().substring(0, Math.min(12, sendOut.minutesId().length())) + " § " + sendOut.paragraph()
        + " to " + sendOut.target() + " (" + sendOut.status() + "): " + outcome);
    return outcome;
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
