package se.anslag.ports;

import java.util.List;
import se.anslag.domain.DeskRequest;
import se.anslag.domain.SendOutMessage;

/**
 * The queues the services feed: one message per send-out for the mailer, board refresh requests,
 * and the clerk's requests from the desk for intake.
 */
public interface WorkQueue {
  /** Queues every message or throws: the caller is retried whole, and the send-outs absorb a repeat. */
  void enqueueSendOuts(List<SendOutMessage> messages);

  /**
   * Asks for a board run. {@code minutesId}, when not null, names minutes whose notices the run
   * reads by key (consistently), so that it shows them even before the board index has them.
   */
  void requestBoardRefresh(String reason, String minutesId);

  /** Hands the clerk's request from the desk to intake, on the intake queue, which retries it like an upload. */
  void handToIntake(DeskRequest request);

  default void requestBoardRefresh(String reason) {
    requestBoardRefresh(reason, null);
  }
}
