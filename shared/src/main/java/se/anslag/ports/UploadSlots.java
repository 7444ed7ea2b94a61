package se.anslag.ports;

import java.time.Instant;

/** How many uploads each clerk may start in an hour, so that one account cannot flood the reader. */
public interface UploadSlots {
  /**
   * Takes one of a clerk's slots in the hour {@code hour} (e.g. 2026-12-06T14, Swedish time) unless
   * {@code limit} are taken already; atomic, so racing requests cannot both take the last one.
   *
   * @param expiresAt when the count may be forgotten
   */
  boolean take(String clerkSubject, String hour, int limit, Instant expiresAt);
}
