package dev.haremote.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals in one canonical text form (RFC 5952 for IPv6: lower case, longest run of
 * zero groups as {@code ::}), so that addresses from DNS, HTTP bodies and certificates compare as
 * strings. Parsing never touches DNS.
 */
public final class IpLiterals {
  private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");

  private IpLiterals() {}

  /** The literal as an address, or empty when the text is not an IPv4/IPv6 literal. */
  public static Optional<InetAddress> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    boolean v4 = V4.matcher(t).matches();
    if (!v4 && !V6.matcher(t).matches()) {
      return Optional.empty();
    }
    if (v4) {
      for (String part : t.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return Optional.empty();
        }
      }
    }
    try {
      // A string of digits, dots and colons never triggers a lookup.
      return Optional.of(InetAddress.getByName(t));
    } catch (UnknownHostException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public static boolean isLiteral(String text) {
    return parse(text).isPresent();
  }

  /** Canonical text: dotted quad for IPv4, RFC 5952 for IPv6. */
  public static String format(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    byte[] b = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    if (bestLen < 2) {
      bestStart = -1;
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
      sb.append(Integer.toHexString(groups[i]));
    }
    String scope =
        address instanceof Inet6Address v6 && v6.getScopeId() != 0 ? "%" + v6.getScopeId() : "";
    return sb + scope;
  }

  /** The literal in canonical form, or the text unchanged when it is not a literal. */
  public static String normalize(String text) {
    return parse(text).map(IpLiterals::format).orElse(text);
  }
}
