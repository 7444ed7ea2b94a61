package se.anslag.domain;

/** How a decision reaches one recipient. */
public enum SendOutKind {
  EMAIL,
  /** Filed in the case record ("Akten"), not mailed. */
  CASE_FILE,
  /** The directory does not know the recipient line; nothing can be sent until it does. */
  UNRESOLVED
}
