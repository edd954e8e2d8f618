package dev.haremote.ddns.state;

import java.time.Instant;

/**
 * What is remembered for one record and family across restarts. Mutable; only the round thread
 * touches it, and {@link StateStore} writes a copy.
 */
public class RecordState {
  /** The address our last successful update published. */
  public String lastAddress;

  public long attempts;
  public long successes;
  public Instant lastAttemptAt;
  public Instant lastSuccessAt;

  /** Failures of any kind since the last success: the backoff grows with it. */
  public int consecutiveFailures;

  /**
   * The last failed answer ({@code UpdateOutcome.detail}) and how many times in a row exactly it
   * came: a provider's "stop after this answer N times in a row" rule counts this run, which any
   * other outcome (a success, another failure, a clock-skew refusal) ends. State files of older
   * versions have neither: null and 0, a run not yet begun.
   */
  public String repeatedFailure;

  public int repeatedFailureInARow;

  /** No update before this instant (backoff or the provider's Retry-After). */
  public Instant notBefore;

  /**
   * Set when the provider gave a fatal answer: updates stop until the secret file or the
   * configuration changes.
   */
  public String stoppedReason;

  /** Fingerprint of the provider configuration that got the fatal answer. */
  public String stoppedFingerprint;

  /** Since when the published address differs from the agreed public address. */
  public Instant driftSince;

  /** Consecutive checks that saw drift towards {@link #driftTarget}. */
  public int driftChecks;

  public String driftTarget;

  /**
   * When the last drift check that counted was made: a check counts towards {@link #driftChecks}
   * only at least one interval (less 10 %) after it, so back-to-back rounds are one check.
   */
  public Instant driftCheckedAt;

  /** An update that was sent but whose outcome was not yet recorded (a crash in between). */
  public String inFlightAddress;

  public Instant inFlightSince;

  /** The last update's outcome, for the status. */
  public UpdateEntry lastUpdate;
}
