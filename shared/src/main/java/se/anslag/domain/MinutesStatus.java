package se.anslag.domain;

/** Where one uploaded set of minutes stands. */
public enum MinutesStatus {
  /** Read and being recorded; a crash here is retried from the intake queue. */
  RECEIVED,
  /**
   * Read and recorded with its paragraphs, the organ's setup asking for review: nothing is posted
   * or sent until the clerk publishes them through the desk (or rejects them).
   */
  AWAITING_REVIEW,
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
  REJECTED,
  /**
   * Published (DISPATCHED) and then withdrawn by the clerk through the desk, posted in error: the
   * boards keep the notice at its address as a withdrawn record with the reason, which is the detail
   * (the clerk's own words; the history names the clerk and the time). Send-outs still PENDING were
   * cancelled; those already sent stand. A status of its own, not REJECTED, because the notice was
   * public: the board must go on saying that it was withdrawn and why, not forget it.
   */
  WITHDRAWN
}
