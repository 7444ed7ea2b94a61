package se.anslag.domain;

/** How a decision reaches one recipient. */
public enum SendOutKind {
  EMAIL,
  /** Filed in the case record ("Akten"), not mailed. */
  CASE_FILE,
  /** The directory does not know the recipient line; nothing can be sent until it does. */
  UNRESOLVED,
  /** The receipt to the organ's clerk of what intake read and planned (paragraph 0, target {@code receipt:<clerk>}). */
  RECEIPT,
  /** The summary to the clerk once every other send-out is settled (paragraph 0, target {@code summary:<clerk>}). */
  SUMMARY,
  /**
   * The mail that asks an address to confirm a subscription (owner {@code subscription-{id}}, paragraph 0,
   * target {@code confirm:{token hash prefix}}): the one mail an unconfirmed address ever gets.
   */
  SUBSCRIPTION_CONFIRMATION,
  /** One new notice to one confirmed subscriber (owner {@code notices-{minutesId}}, target {@code subscriber:{board}:{id}}). */
  SUBSCRIBER_NOTICE;

  /** A mail to the organ's clerk about the minutes, not a decision to a recipient. */
  public boolean isClerkMail() {
    return this == RECEIPT || this == SUMMARY;
  }

  /**
   * A mail to a subscriber: its send-out names the subscription, never the address, which the mailer
   * reads from the subscription when it sends; it belongs to no minutes' count of settled send-outs.
   */
  public boolean isSubscriberMail() {
    return this == SUBSCRIPTION_CONFIRMATION || this == SUBSCRIBER_NOTICE;
  }
}
