package se.anslag.domain;

/** Where one uploaded set of minutes stands. */
public enum MinutesStatus {
  /** Read and being recorded; a crash here is retried from the intake queue. */
  RECEIVED,
  /** Records written, notices scheduled and every send-out queued or settled. */
  DISPATCHED,
  /**
   * A corrected upload of the same minutes (same organ and meeting date) took its place: its notices
   * are no longer shown and the detail names the version that supersedes it.
   */
  SUPERSEDED,
  /**
   * Read in part: the organ, the meeting date or the paragraphs could not be read, or were printed
   * in two ways. Nothing is posted or sent; the detail and the clerk's receipt name each missing fact
   * and how to supply it (the same file uploaded again with the facts in its metadata).
   */
  NEEDS_CLERK,
  /** Not minutes Anslag can read, or an organ the setup does not know; the detail says why. */
  REJECTED
}
