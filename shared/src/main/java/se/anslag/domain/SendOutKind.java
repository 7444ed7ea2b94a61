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
  SUMMARY;

  /** A mail to the organ's clerk about the minutes, not a decision to a recipient. */
  public boolean isClerkMail() {
    return this == RECEIPT || this == SUMMARY;
  }
}
