package se.anslag.domain;

/** The life of one send-out. SENT, FILED, FAILED and UNRESOLVED are terminal. */
public enum SendOutStatus {
  PENDING,
  /** Claimed by a mailer that is calling SES now. */
  SENDING,
  SENT,
  FILED,
  /** A permanent error (rejected address or content); the detail says which. */
  FAILED,
  UNRESOLVED;

  public boolean isTerminal() {
    return this != PENDING && this != SENDING;
  }
}
