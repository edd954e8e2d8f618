package dev.haremote.certwatch.service;

import java.time.Duration;
import java.time.Instant;

/**
 * Time left until the leaf's notAfter (negative once expired): unknown without a certificate or
 * without a trusted "now".
 */
record Expiry(Long expiresInSeconds, Double daysLeft) {
  static final Expiry UNKNOWN = new Expiry(/* expiresInSeconds */ null, /* daysLeft */ null);

  static Expiry until(Instant notAfter, Instant now) {
    long seconds = Duration.between(now, notAfter).getSeconds();
    return new Expiry(seconds, Days.of(seconds));
  }
}
