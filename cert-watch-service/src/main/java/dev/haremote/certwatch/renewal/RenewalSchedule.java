package dev.haremote.certwatch.renewal;

import java.time.Duration;
import java.time.Instant;

/**
 * Renewal timing scaled to the certificate's own lifetime, so 6-day, 45-day and 90-day Let's
 * Encrypt certificates are judged alike (a fixed "14 days left" alert fires for a 6-day certificate
 * the moment it is issued). Without ARI the window runs from 2/3 of the lifetime (when ACME clients
 * renew) to 5/6 (by then a renewal should have happened and been picked up).
 */
public final class RenewalSchedule {
  private RenewalSchedule() {}

  /** The lifetime-derived window: [notBefore + 2/3 L, notBefore + 5/6 L]. */
  public static RenewalWindow fromLifetime(Instant notBefore, Instant notAfter) {
    Duration lifetime = lifetime(notBefore, notAfter);
    return new RenewalWindow(
        notBefore.plus(lifetime.multipliedBy(2).dividedBy(3)),
        notBefore.plus(lifetime.multipliedBy(5).dividedBy(6)),
        RenewalWindow.LIFETIME,
        null);
  }

  /**
   * The verdict at {@code now} for the certificate currently observed (an observation is always of
   * the certificate still present, so "overdue" means it was not replaced in time).
   *
   * @param ari the CA's suggested window, or null
   */
  public static Verdict judge(Instant notBefore, Instant notAfter, RenewalWindow ari, Instant now) {
    RenewalWindow window = ari != null ? ari : fromLifetime(notBefore, notAfter);
    boolean overdue = !now.isBefore(window.end());
    Duration lifetime = lifetime(notBefore, notAfter);
    // Less than 1/6 of the lifetime left: the same bound as "overdue" without ARI; with ARI it
    // still warns when the CA's window lies later than that.
    boolean expiring =
        !now.isBefore(notAfter.minus(lifetime.dividedBy(6))) && now.isBefore(notAfter);
    return new Verdict(window, window.start(), overdue, expiring);
  }

  public static Duration lifetime(Instant notBefore, Instant notAfter) {
    Duration lifetime = Duration.between(notBefore, notAfter);
    return lifetime.isNegative() ? Duration.ZERO : lifetime;
  }

  /**
   * @param dueAt when renewal is due (the window's start)
   * @param overdue the window has ended and this certificate is still in place
   * @param expiring less than 1/6 of the lifetime is left
   */
  public record Verdict(RenewalWindow window, Instant dueAt, boolean overdue, boolean expiring) {}
}
