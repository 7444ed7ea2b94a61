package se.anslag.ports;

import java.util.List;
import se.anslag.domain.SendOutMessage;

/** The queues the services feed: one message per send-out for the mailer, and board refresh requests. */
public interface WorkQueue {
  /** Queues every message or throws: the caller is retried whole, and the send-outs absorb a repeat. */
  void enqueueSendOuts(List<SendOutMessage> messages);

  void requestBoardRefresh(String reason);
}
