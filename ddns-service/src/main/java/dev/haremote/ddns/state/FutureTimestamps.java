package dev.haremote.ddns.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * State times written under a clock that was ahead (or read under one that is now behind) lie in
 * the future. Trusted, they would hold the next update back by the skew (an hour, a day) and keep a
 * cooldown running long after the clock is right. Every past-event time later than now plus {@link
 * #TOLERANCE} is set to now (a cooldown then starts afresh, never shorter than configured); a
 * {@code notBefore} is moved back by the same amount as its attempt, so a backoff keeps its length
 * but not the skew, and one beyond the longest wait anything may ask for is dropped.
 */
public final class FutureTimestamps {
  /** Clocks of two hosts in sync still differ a little: the TSIG fudge of RFC 8945. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private FutureTimestamps() {}

  /**
   * Corrects the state in place.
   *
   * @param longestWait the longest {@code notBefore} may lie ahead (backoff max, Retry-After cap)
   * @return one reason per corrected time, for the log; empty when none was in the future
   */
  public static List<String> correct(DdnsState state, Instant now, Duration longestWait) {
    List<String> reasons = new ArrayList<>();
    Instant limit = now.plus(TOLERANCE);
    for (Map.Entry<String, RecordState> e : state.records.entrySet()) {
      RecordState s = e.getValue();
      String key = e.getKey();
      if (after(s.lastAttemptAt, limit)) {
        Duration ahead = Duration.between(now, s.lastAttemptAt);
        reasons.add(describe(key, "last attempt", ahead));
        if (s.notBefore != null) {
          s.notBefore = s.notBefore.minus(ahead);
        }
        s.lastAttemptAt = now;
      }
      if (s.notBefore != null && s.notBefore.isAfter(now.plus(longestWait).plus(TOLERANCE))) {
        reasons.add(
            key
                + ": next update not before "
                + s.notBefore
                + " lies beyond the longest wait anything may ask for; not trusted, dropped");
        s.notBefore = null;
      }
      if (after(s.lastSuccessAt, limit)) {
        reasons.add(describe(key, "last success", Duration.between(now, s.lastSuccessAt)));
        s.lastSuccessAt = now;
      }
      if (after(s.driftSince, limit)) {
        reasons.add(describe(key, "drift since", Duration.between(now, s.driftSince)));
        s.driftSince = now;
      }
      if (after(s.driftCheckedAt, limit)) {
        reasons.add(describe(key, "last drift check", Duration.between(now, s.driftCheckedAt)));
        s.driftCheckedAt = now;
      }
      if (after(s.inFlightSince, limit)) {
        reasons.add(
            describe(key, "update in flight since", Duration.between(now, s.inFlightSince)));
        s.inFlightSince = now;
      }
    }
    return reasons;
  }

  private static boolean after(Instant t, Instant limit) {
    return t != null && t.isAfter(limit);
  }

  private static String describe(String key, String what, Duration ahead) {
    return key
        + ": "
        + what
        + " lies "
        + ahead.toSeconds()
        + " s in the future (written under a clock that was ahead, or this clock is behind);"
        + " not trusted, set to now";
  }
}
