package dev.haremote.certwatch.clock;

import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.HttpProbeRequest;
import dev.haremote.common.http.HttpProbeResult;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A second opinion on the time: the {@code Date} header of a configured HTTP(S) server ({@code
 * certwatch.clock.reference-url}). The answer is kept with the monotonic time it arrived at, so the
 * reference's "now" can be extrapolated later without trusting the system clock, which is exactly
 * what is in doubt.
 */
public class ClockReference {
  private final HttpProbe http;
  private final URI url;
  private final Duration timeout;
  private final LongSupplier nanoTime;
  private volatile Sample last;

  /** One answer: the reference's time and {@link System#nanoTime()} when it arrived. */
  private record Sample(Instant date, long arrivedNanos) {}

  public ClockReference(HttpProbe http, URI url, Duration timeout) {
    this(http, url, timeout, System::nanoTime);
  }

  ClockReference(HttpProbe http, URI url, Duration timeout, LongSupplier nanoTime) {
    this.http = http;
    this.url = url;
    this.timeout = timeout;
    this.nanoTime = nanoTime;
  }

  public URI url() {
    return url;
  }

  /**
   * Asks the reference once; on failure the last answer is kept (it is extrapolated, not stale).
   */
  public void refresh() {
    HttpProbeResult result;
    try {
      result = http.execute(HttpProbeRequest.get(url, null, timeout));
    } catch (RuntimeException e) {
      return; // HttpProbe promises values; a slip is treated like no answer
    }
    if (result == null || !result.responded()) {
      return;
    }
    parseDate(result.header("Date"))
        .ifPresent(date -> last = new Sample(date, nanoTime.getAsLong()));
  }

  /** The reference's time now, extrapolated from its last answer; empty before any answer. */
  public Optional<Instant> now() {
    Sample sample = last;
    if (sample == null) {
      return Optional.empty();
    }
    return Optional.of(sample.date().plusNanos(nanoTime.getAsLong() - sample.arrivedNanos()));
  }

  /** An HTTP-date (RFC 9110: IMF-fixdate, which RFC 1123 parsing covers). */
  static Optional<Instant> parseDate(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
