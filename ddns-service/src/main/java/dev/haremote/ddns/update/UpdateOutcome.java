package dev.haremote.ddns.update;

import java.time.Duration;

/**
 * What a provider answered.
 *
 * @param detail short and free of secrets, e.g. {@code dyndns2 answered badauth}
 * @param retryAfter the provider's requested wait, or null
 * @param clockSkew how far this host's clock is ahead of the server's (negative: behind), measured
 *     from the server's time in its answer; null when the answer says nothing about time
 */
public record UpdateOutcome(
    UpdateResult result, String detail, Duration retryAfter, Duration clockSkew) {

  public UpdateOutcome(UpdateResult result, String detail, Duration retryAfter) {
    this(result, detail, retryAfter, null);
  }

  public static UpdateOutcome of(UpdateResult result, String detail) {
    return new UpdateOutcome(result, detail, null, null);
  }
}
