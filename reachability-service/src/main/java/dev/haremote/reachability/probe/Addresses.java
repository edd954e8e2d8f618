package dev.haremote.reachability.probe;

import dev.haremote.common.net.IpLiterals;
import java.net.InetAddress;
import java.util.Optional;

/** Address literals in one spelling (RFC 5952 for IPv6), so answers can be compared as text. */
public final class Addresses {
  private Addresses() {}

  public static String format(InetAddress a) {
    return IpLiterals.format(a);
  }

  /**
   * Parses a literal without any DNS lookup; empty when it is not a literal. {@code 999.1.1.1} is
   * not one (the JDK would look it up as a name).
   */
  public static Optional<InetAddress> parseLiteral(String literal) {
    return IpLiterals.parse(literal);
  }

  public static String canonical(String literal) {
    return parseLiteral(literal).map(Addresses::format).orElse(literal);
  }

  /** 100.64.0.0/10: the shared address space of carrier-grade NAT. */
  public static boolean isCgnat(String literal) {
    return parseLiteral(literal)
        .map(
            a -> {
              byte[] b = a.getAddress();
              return b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
            })
        .orElse(false);
  }
}
