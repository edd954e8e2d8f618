package dev.haremote.reachability.probe;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Address literals in one spelling (RFC 5952 for IPv6), so answers can be compared as text. */
public final class Addresses {
  private Addresses() {}

  public static String format(InetAddress a) {
    return a instanceof Inet6Address ? compress(a.getAddress()) : a.getHostAddress();
  }

  /** Parses a literal without any DNS lookup; empty when it is not a literal. */
  public static Optional<InetAddress> parseLiteral(String literal) {
    String s =
        literal.startsWith("[") && literal.endsWith("]")
            ? literal.substring(1, literal.length() - 1)
            : literal;
    if (!(s.contains(":") || s.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}"))) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(s));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  public static String canonical(String literal) {
    return parseLiteral(literal).map(Addresses::format).orElse(literal);
  }

  /** RFC 5952: lower case, the longest run of two or more zero groups as {@code ::}. */
  public static String compress(byte[] a) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen && j - i >= 2) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
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
