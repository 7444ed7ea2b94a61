package se.anslag.ports;

import se.anslag.compose.MailMessage;
import se.anslag.compose.SendOutHeader;

/**
 * Sends one composed mail for one attempt of one send-out. The sender judges its own failures:
 * the mailer only learns whether to retry, record the failure, or treat the outcome as unknown.
 */
public interface MailSender {
  /** Sends the mail, naming its send-out and attempt in the mail; returns the provider's message id. */
  String send(MailMessage mail, SendOutHeader sendOut);

  /** The mail did not go out, or may not have; {@link #kind()} says what the caller may do. */
  final class SendFailure extends RuntimeException {
    /** What a failure means for the send-out. */
    public enum Kind {
      /** Nothing was sent and a later try may succeed (throttling, no connection made). */
      TRANSIENT,
      /** Refused for good (a rejected address or content): recorded, not retried. */
      PERMANENT,
      /**
       * The request reached the provider but no clear answer came (none, or a server error): the mail
       * may or may not be sent.
       */
      OUTCOME_UNKNOWN
    }

    private final Kind kind;

    public SendFailure(Kind kind, String message, Throwable cause) {
      super(message, cause);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }
}
