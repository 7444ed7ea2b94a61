package se.anslag.domain;

import java.util.Arrays;
import java.util.Optional;

/** When a municipality takes a notice down: municipal policy, not statute (domain rule 7). */
public enum TakedownPolicy {
  /** The day after the last appeal day: the practice of most municipalities, and the default. */
  NEXT_DAY("next-day"),
  /** The last appeal day itself; the notice then stays visible until that day ends. */
  SAME_DAY("same-day");

  /** How the setup file and the command line write it. */
  public final String written;

  TakedownPolicy(String written) {
    this.written = written;
  }

  /** The policy written so, if it is one. */
  public static Optional<TakedownPolicy> ofWritten(String text) {
    return Arrays.stream(values()).filter(policy -> policy.written.equals(text)).findFirst();
  }
}
