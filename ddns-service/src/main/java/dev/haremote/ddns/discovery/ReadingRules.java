package dev.haremote.ddns.discovery;

import java.time.Duration;

/**
 * What every discovery source reads under: the special-use ranges an answer may not be in, the time
 * one reading may take, and the route check that tells "cannot work from here" from a fault of the
 * home.
 */
public record ReadingRules(SpecialUseRanges ranges, Duration timeout, SourceRoute route) {
  /** With this host's own route check. */
  public static ReadingRules of(SpecialUseRanges ranges, Duration timeout) {
    return new ReadingRules(ranges, timeout, SourceRoute.here());
  }

  /** The same with another route check (tests of hosts without a route). */
  public ReadingRules withRoute(SourceRoute other) {
    return new ReadingRules(ranges, timeout, other);
  }
}
