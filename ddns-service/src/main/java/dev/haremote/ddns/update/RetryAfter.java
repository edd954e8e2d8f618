package dev.haremote.ddns.update;

import dev.haremote.common.http.HttpProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The {@code Retry-After} header: seconds or an HTTP date (RFC 9110 10.2.3). */
final class RetryAfter {
  private static final Duration MAX = Duration.ofDays(1);

  private RetryAfter() {}

  static Duration of(HttpProbeResult result, Duration fallback) {
    String value = result.header("retry-after");
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return clamp(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(Instant.now(), at);
        return clamp(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return fallback;
      }
    }
  }

  private static Duration clamp(Duration d) {
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
