package dev.haremote.ddns.update;

import java.time.Duration;

/**
 * What a provider answered.
 *
 * @param detail short and free of secrets, e.g. {@code dyndns2 answered badauth}
 * @param retryAfter the provider's requested wait, or null
 * @param clockSkew how far this host's clock is ahead of the server's (negative: behind), measured
 *     from the server's time in its answer; null when the answer says nothing about time
 * @param secretRuledOut the answer shows the secret is not at fault (a server not authoritative for
 *     the zone, a refused client): the advice after a stop names the configuration, never the
 *     secret file
 */
public record UpdateOutcome(
    UpdateResult result,
    String detail,
    Duration retryAfter,
    Duration clockSkew,
    boolean secretRuledOut) {

  public UpdateOutcome(
      UpdateResult result, String detail, Duration retryAfter, Duration clockSkew) {
    this(result, detail, retryAfter, clockSkew, false);
  }

  public UpdateOutcome(UpdateResult result, String detail, Duration retryAfter) {
    this(result, detail, retryAfter, null, false);
  }

  public static UpdateOutcome of(UpdateResult result, String detail) {
    return new UpdateOutcome(result, detail, null, null, false);
  }

  /** A fatal answer that a new secret cannot fix: only the configuration (or the client) can. */
  public static UpdateOutcome fatalNotTheSecret(String detail) {
    return new UpdateOutcome(UpdateResult.FATAL, detail, null, null, true);
  }
}
