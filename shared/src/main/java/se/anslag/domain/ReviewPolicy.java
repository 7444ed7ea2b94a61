package se.anslag.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whether an organ's minutes wait for the clerk's review before anything is posted or sent. SKR's
 * guidance is that minutes are reviewed before they are published, hence the default.
 */
public enum ReviewPolicy {
  /** Intake reads and records the minutes as AWAITING_REVIEW; the clerk publishes or rejects them. */
  REQUIRED("required"),
  /** Intake posts and sends as soon as it has read the minutes. */
  NONE("none");

  /** How the setup file writes it. */
  public final String written;

  ReviewPolicy(String written) {
    this.written = written;
  }

  /** The policy written so, if it is one. */
  public static Optional<ReviewPolicy> ofWritten(String text) {
    return Arrays.stream(values()).filter(policy -> policy.written.equals(text)).findFirst();
  }
}
