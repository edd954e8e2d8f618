package dev.haremote.ddns.update;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How an update ended; the lower-case key is the metric label and the JSON value. */
public enum UpdateResult {
  /** The provider changed the record and the authoritative servers show it. */
  SUCCESS,
  /** The provider says the record already had this address. */
  NOCHG,
  /** The provider accepted, but the authoritative servers did not show it in time. */
  UNCONFIRMED,
  /**
   * A temporary failure (KO, 911, dnserr, server error, timeout, garbage): retried with backoff.
   */
  FAILED,
  /** 429 or an explicit Retry-After: retried after the wait the provider asked for. */
  RATE_LIMITED,
  /**
   * badauth, nohost, abuse, a rejected key and the like: no more updates until the config changes.
   */
  FATAL,
  /**
   * The server refused the request's time (TSIG BADTIME): this host's clock is off. Retried on the
   * normal backoff, never a stop: the update works again once the clock is right.
   */
  CLOCK_SKEW,
  /**
   * The service stopped before the provider's answer was recorded (found at the next start); never
   * repeated blindly: the drift must be seen again on two checks.
   */
  INTERRUPTED;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean accepted() {
    return this == SUCCESS || this == NOCHG || this == UNCONFIRMED;
  }
}
