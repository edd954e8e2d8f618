package dev.haremote.ddns.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The real time plus an offset the test sets: a host clock that is off (an hour, a day) and is then
 * set right, while BIND on the same machine keeps the real time.
 */
public final class ShiftedClock extends Clock {
  private volatile Duration offset = Duration.ZERO;

  public void shift(Duration by) {
    offset = by;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }
}
