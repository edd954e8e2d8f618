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

  /**
   * An address the internet cannot reach: private (RFC 1918), CG-NAT (100.64.0.0/10), loopback,
   * link-local, unique-local (fc00::/7), unspecified, "this network" (0.0.0.0/8), multicast; also
   * any text that is not a literal. Reaching such an address from inside says nothing about the
   * outside (the router's CG-NAT WAN address answers through hairpin NAT from inside only). The
   * documentation and benchmarking blocks are not counted: labs and tests stand them in for public
   * addresses.
   */
  public static boolean isLocalOnly(String literal) {
    return parseLiteral(literal)
        .map(
            a -> {
              byte[] b = a.getAddress();
              boolean thisNetwork = b.length == 4 && b[0] == 0;
              boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc;
              return a.isAnyLocalAddress()
                  || a.isLoopbackAddress()
                  || a.isLinkLocalAddress()
                  || a.isSiteLocalAddress()
                  || a.isMulticastAddress()
                  || thisNetwork
                  || uniqueLocal
                  || isCgnat(literal);
            })
        .orElse(true);
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
