package dev.haremote.certwatch.service;

/** Seconds as days, rounded to two decimals, the way the status JSON writes every day count. */
final class Days {
  private static final double SECONDS_PER_DAY = 86_400.0;

  private Days() {}

  static double of(long seconds) {
    return Math.round(seconds / SECONDS_PER_DAY * 100.0) / 100.0;
  }
}
