package se.anslag.ports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import se.anslag.domain.SendOut;
import se.anslag.domain.SendOutEvent;
import se.anslag.domain.SendOutStatus;

/**
 * The history of each send-out and the delivery events SES reports on it, each event recorded once
 * (SNS and SQS deliver at least once), a status moved only from the ones an event may replace.
 */
public interface DeliveryEventStore {
  /** What a recording did. */
  enum Recording {
    /** The send-out took the event's status, and the event is in its history. */
    STATUS_CHANGED,
    /** The event is in the history; the status stays (it was not one the event may replace). */
    NOTED,
    /** The event was recorded before, or the send-out is gone. */
    ALREADY_RECORDED
  }

  /** The send-out whose mail SES accepted under this message id. */
  Optional<SendOut> findSendOutBySesMessageId(String sesMessageId);

  /** A send-out's history, oldest first. */
  List<SendOutEvent> sendOutHistory(SendOut sendOut);

  /**
   * Appends {@code entry} to the send-out's history and, when its current status is one of
   * {@code replaces}, sets the entry's status and detail; once per {@code eventKey}.
   */
  Recording recordDeliveryEvent(SendOut sendOut, String eventKey, SendOutEvent entry, Set<SendOutStatus> replaces,
      Instant now);

  /**
   * Records that SES accepted the mail of {@code acceptance.attempt()} (its Send event), with the
   * history entry, once per event; the status is not touched. Of two accepted attempts the later stays.
   */
  Recording recordAcceptance(SendOut sendOut, String eventKey, SendOutStore.Acceptance acceptance, SendOutEvent entry,
      Instant now);
}
