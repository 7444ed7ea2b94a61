package se.anslag.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The one time zone and the one clock source of Anslag. The law counts in Swedish days, so every
 * date the workflow derives from an instant is taken in Europe/Stockholm; every entry point starts
 * from {@link #systemClock()}, and tests and the local mode pass a clock of their own instead.
 */
public final class SwedishTime {
  public static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

  private SwedishTime() {}

  /** The clock the functions and the command line run on: the system's, in UTC. */
  public static Clock systemClock() {
    return Clock.systemUTC();
  }

  /** Today in Sweden by this clock. */
  public static LocalDate today(Clock clock) {
    return LocalDate.now(clock.withZone(ZONE));
  }

  /** Now in Sweden by this clock (a mail's Date header). */
  public static ZonedDateTime now(Clock clock) {
    return ZonedDateTime.now(clock.withZone(ZONE));
  }
}
