package dev.haremote.ddns.update;

import java.time.Duration;

/**
 * What a provider answered.
 *
 * @param detail short and free of secrets, e.g. {@code dyndns2 answered badauth}
 * @param retryAfter the provider's requested wait, or null
 */
public record UpdateOutcome(UpdateResult result, String detail, Duration retryAfter) {

  public static UpdateOutcome of(UpdateResult result, String detail) {
    return new UpdateOutcome(result, detail, null);
  }
}
