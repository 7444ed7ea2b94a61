package se.anslag.domain;

/** When a municipality takes a notice down: municipal policy, not statute (domain rule 7). */
public enum TakedownPolicy {
  /** The day after the last appeal day: the practice of most municipalities, and the default. */
  NEXT_DAY,
  /** The last appeal day itself; the notice then stays visible until that day ends. */
  SAME_DAY
}
