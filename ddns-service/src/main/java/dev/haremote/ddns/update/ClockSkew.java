package dev.haremote.ddns.update;

import java.time.Duration;

/** Words for how far this host's clock is off, as a person reads them. */
public final class ClockSkew {
  private ClockSkew() {}

  /**
   * @param skew this host's clock minus the server's; null when unknown
   * @return e.g. {@code about 1 h ahead of the server's}, {@code off (by how much is unknown)}
   */
  public static String describe(Duration skew) {
    if (skew == null) {
      return "off (by how much is unknown)";
    }
    Duration abs = skew.abs();
    String amount;
    if (abs.toDays() >= 2) {
      amount = abs.toDays() + " days";
    } else if (abs.toHours() >= 1) {
      amount = Math.round(abs.toMinutes() / 60.0) + " h";
    } else if (abs.toMinutes() >= 1) {
      amount = abs.toMinutes() + " min";
    } else {
      amount = abs.toSeconds() + " s";
    }
    return "about " + amount + (skew.isNegative() ? " behind" : " ahead of") + " the server's";
  }
}
