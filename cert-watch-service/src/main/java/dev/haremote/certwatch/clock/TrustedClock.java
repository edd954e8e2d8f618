package dev.haremote.certwatch.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether the system clock can be believed and, when not, which time certificates are
 * judged at (issue #19, item 14). Two checks: the clock must not be before this service's build
 * time (certainly wrong), and, when {@code certwatch.clock.reference-url} is set, it must agree
 * with the reference's {@code Date} within {@code certwatch.clock.tolerance}. A wrong clock with a
 * reference that answered is replaced by the reference's time; without one no verdict that depends
 * on "now" is made (they are reported as {@code clock_skew} instead of false alarms).
 */
public class TrustedClock {
  private final Clock system;
  private final ClockSanity sanity;
  private final ClockReference reference;
  private final Duration tolerance;

  /**
   * @param reference the configured reference, or null
   */
  public TrustedClock(
      Clock system, ClockSanity sanity, ClockReference reference, Duration tolerance) {
    this.system = system;
    this.sanity = sanity;
    this.reference = reference;
    this.tolerance = tolerance;
  }

  /** Only the build-time check (no reference configured). */
  public static TrustedClock buildTimeOnly(Clock system, ClockSanity sanity) {
    return new TrustedClock(system, sanity, null, Duration.ofMinutes(5));
  }

  /** Asks the reference again (once per round; never on a request path). */
  public void refresh() {
    if (reference != null) {
      reference.refresh();
    }
  }

  /** What is known about the time now. */
  public ClockReading read() {
    Instant now = system.instant();
    Optional<Instant> referenceNow = reference == null ? Optional.empty() : reference.now();
    Long skew = referenceNow.map(r -> Duration.between(r, now).getSeconds()).orElse(null);
    if (now.isBefore(sanity.buildTime())) {
      String problem =
          "the system clock says "
              + now
              + ", before this service was built ("
              + sanity.buildTime()
              + "): set the time (NTP); "
              + (referenceNow.isPresent()
                  ? "certificates are judged at " + referenceNow.get() + " from " + reference.url()
                  : "expiry alarms are off until then");
      return new ClockReading(
          now, referenceNow.orElse(null), ClockReading.BEFORE_BUILD_TIME, skew, problem);
    }
    if (skew != null && Math.abs(skew) > tolerance.getSeconds()) {
      String problem =
          "the system clock says "
              + now
              + ", "
              + describe(skew)
              + " "
              + reference.url()
              + " (tolerance "
              + tolerance.getSeconds()
              + " s): set the time (NTP); certificates are judged at "
              + referenceNow.get();
      return new ClockReading(
          now, referenceNow.get(), ClockReading.DIFFERS_FROM_REFERENCE, skew, problem);
    }
    return new ClockReading(now, now, null, skew, null);
  }

  /** The time chains are verified at: the trusted time, else never before the build time. */
  public Instant verificationTime() {
    ClockReading reading = read();
    if (reading.trusted() != null) {
      return reading.trusted();
    }
    return reading.system().isBefore(sanity.buildTime()) ? sanity.buildTime() : reading.system();
  }

  private static String describe(long skewSeconds) {
    long abs = Math.abs(skewSeconds);
    String amount =
        abs >= 86_400 * 2
            ? abs / 86_400 + " days"
            : abs >= 7200 ? abs / 3600 + " hours" : abs >= 120 ? abs / 60 + " minutes" : abs + " s";
    return amount + (skewSeconds > 0 ? " ahead of" : " behind");
  }
}
