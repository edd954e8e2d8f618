package dev.haremote.common.net;

import com.fasterxml.jackson.annotation.JsonValue;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/** The two IP families; the suite probes each on its own, never happy-eyeballs. */
public enum IpFamily {
  IPV4,
  IPV6;

  /** The form users type and read: {@code ipv4}, {@code ipv6}. */
  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean matches(InetAddress address) {
    return this == IPV4 ? address instanceof Inet4Address : address instanceof Inet6Address;
  }

  public static IpFamily of(InetAddress address) {
    return address instanceof Inet6Address ? IPV6 : IPV4;
  }

  /** Parses {@code ipv4}/{@code ipv6} (any case); throws IllegalArgumentException otherwise. */
  public static IpFamily parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "ipv4", "v4", "4" -> IPV4;
      case "ipv6", "v6", "6" -> IPV6;
      default -> throw new IllegalArgumentException("must be ipv4 or ipv6, not '" + text + "'");
    };
  }
}
