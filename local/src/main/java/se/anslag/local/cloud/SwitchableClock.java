package se.anslag.local.cloud;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock whose time source can be replaced while handlers hold it, so that the local mode can move
 * time forward without building the handlers again. Zoned views share the same source.
 */
final class SwitchableClock extends Clock {

  private final AtomicReference<Clock> source;
  private final ZoneId zone; // null: the source's zone

  SwitchableClock(Clock initial) {
    this(new AtomicReference<>(initial), null);
  }

  private SwitchableClock(AtomicReference<Clock> source, ZoneId zone) {
    this.source = source;
    this.zone = zone;
  }

  void set(Clock clock) {
    source.set(clock);
  }

  Clock current() {
    return source.get();
  }

  @Override
  public ZoneId getZone() {
    return zone != null ? zone : source.get().getZone();
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return new SwitchableClock(source, newZone);
  }

  @Override
  public Instant instant() {
    return source.get().instant();
  }

  @Override
  public long millis() {
    return source.get().millis();
  }

  @Override
  public String toString() {
    return "SwitchableClock[" + source.get() + (zone == null ? "" : ", " + zone) + "]";
  }
}
