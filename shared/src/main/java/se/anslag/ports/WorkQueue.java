package se.anslag.ports;

import java.util.List;
import se.anslag.domain.RecipientFix;
import se.anslag.domain.ReviewDecision;
import se.anslag.domain.SendOutMessage;

/**
 * The queues the services feed: one message per send-out for the mailer, board refresh requests,
 * and the clerk's review decisions and recipient fixes for intake.
 */
public interface WorkQueue {
  /** Queues every message or throws: the caller is retried whole, and the send-outs absorb a repeat. */
  void enqueueSendOuts(List<SendOutMessage> messages);

  /**
   * Asks for a board run. {@code minutesId}, when not null, names minutes whose notices the run
   * reads by key (consistently), so that it shows them even before the board index has them.
   */
  void requestBoardRefresh(String reason, String minutesId);

  /** Hands the clerk's review decision to intake, on the intake queue, which retries it like an upload. */
  void requestReview(ReviewDecision decision);

  /** Hands the clerk's fix of an unknown recipient to intake, on the intake queue, as a review decision goes. */
  void requestRecipientFix(RecipientFix fix);

  default void requestBoardRefresh(String reason) {
    requestBoardRefresh(reason, null);
  }
}
