package se.anslag.domain;

/**
 * The life of one send-out. Everything but PENDING and SENDING is terminal for the mailer; the
 * delivery events SES publishes may still move a SENT send-out on to DELIVERED, BOUNCED or
 * COMPLAINED (and a delivered one to BOUNCED or COMPLAINED).
 */
public enum SendOutStatus {
  PENDING,
  /** Claimed by a mailer that is calling SES now. */
  SENDING,
  /** SES accepted the mail; its message id is on the send-out. */
  SENT,
  FILED,
  /** A permanent error (rejected address or content); the detail says which. */
  FAILED,
  UNRESOLVED,
  /**
   * An UNRESOLVED line that the corrected directory later resolved (`anslag resend`): the record
   * stays for the log, and the detail names the send-outs it became.
   */
  RESOLVED,
  /**
   * A corrected version's send-out of a paragraph that did not change and that an earlier version
   * already sent or filed to this target: nothing is sent; the detail says when and with which version.
   */
  UNCHANGED,
  /**
   * A subscriber mail whose subscription ended (unsubscribed, bounced, expired) or was confirmed before a
   * confirmation went out: nothing sent.
   */
  CANCELLED,
  /** The recipient's mail server accepted the mail. */
  DELIVERED,
  /** The recipient's mail server refused the mail for good; the detail has its diagnostic. */
  BOUNCED,
  /** The recipient marked the mail as spam. */
  COMPLAINED;

  public boolean isTerminal() {
    return this != PENDING && this != SENDING;
  }
}
