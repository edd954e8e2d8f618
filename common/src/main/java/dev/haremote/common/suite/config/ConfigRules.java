package dev.haremote.common.suite.config;

import dev.haremote.common.suite.ConfigProblem;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The value rules every service applies the same way (docs/configuration.md, "Bounds"): a value
 * outside them cannot work, so start-up refuses it with the key named instead of failing in every
 * round later (issue #19, item 15).
 */
public final class ConfigRules {
  /** How often something repeats (a round, a back-off step): 1 s to 1 day. */
  public static final Duration INTERVAL_MIN = Duration.ofSeconds(1);

  public static final Duration INTERVAL_MAX = Duration.ofDays(1);

  /** How long one check or request may take: 100 ms to 5 minutes. */
  public static final Duration TIMEOUT_MIN = Duration.ofMillis(100);

  public static final Duration TIMEOUT_MAX = Duration.ofMinutes(5);

  private static final Pattern DOTTED_DIGITS = Pattern.compile("[0-9.]+");

  private ConfigRules() {}

  /** A repeat interval: 1 s to 1 day. */
  public static void interval(List<ConfigProblem> out, String key, Duration value) {
    between(out, key, value, INTERVAL_MIN, INTERVAL_MAX);
  }

  /** A wait that may also be zero (a cooldown): 0 to 1 day. */
  public static void pause(List<ConfigProblem> out, String key, Duration value) {
    between(out, key, value, Duration.ZERO, INTERVAL_MAX);
  }

  /** A deadline: 100 ms to 5 minutes. */
  public static void timeout(List<ConfigProblem> out, String key, Duration value) {
    between(out, key, value, TIMEOUT_MIN, TIMEOUT_MAX);
  }

  /** A TCP or UDP port: 1 to 65535. */
  public static void port(List<ConfigProblem> out, String key, long value) {
    if (value < 1 || value > 65535) {
      out.add(new ConfigProblem(key, "must be a port 1..65535, not " + value));
    }
  }

  /**
   * A host name or address: text of digits and dots is meant as an IPv4 address and must be one
   * ({@code 999.1.1.1} would otherwise be looked up as a name, and fail in every round).
   */
  public static void hostOrIpv4(List<ConfigProblem> out, String key, String value) {
    String host = value.strip();
    if (DOTTED_DIGITS.matcher(host).matches() && !isIpv4(host)) {
      out.add(
          new ConfigProblem(key, "'" + host + "' is not an IPv4 address (a.b.c.d, each 0..255)"));
    }
  }

  /** Four decimal numbers 0..255 separated by dots, nothing else. */
  public static boolean isIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !DOTTED_DIGITS.matcher(part).matches()) {
        return false;
      }
      if (part.contains(".") || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static void between(
      List<ConfigProblem> out, String key, Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      out.add(
          new ConfigProblem(
              key, "must be " + text(min) + " to " + text(max) + ", not " + text(value)));
    }
  }

  /** 90s, 5m, 1d, 100ms: the form a user writes. */
  static String text(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative()) {
      return "-" + text(d.negated());
    }
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
