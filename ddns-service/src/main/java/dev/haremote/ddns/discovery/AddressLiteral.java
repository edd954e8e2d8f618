package dev.haremote.ddns.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals from untrusted text. Never resolves a name: {@link
 * InetAddress#getByName(String)} would, so the text is checked to be a literal first.
 */
public final class AddressLiteral {
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private AddressLiteral() {}

  /** The address bytes, or null when the text is not exactly one IPv4 or IPv6 literal. */
  public static byte[] parse(String text) {
    return toInetAddress(text).map(InetAddress::getAddress).orElse(null);
  }

  /** The literal as an address, or empty when the text is not exactly one IPv4 or IPv6 literal. */
  public static Optional<InetAddress> toInetAddress(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    boolean v4 = IPV4.matcher(t).matches();
    boolean v6 = !v4 && t.contains(":") && IPV6.matcher(t).matches();
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(t));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The canonical text form: dotted quad, or RFC 5952 compressed lower-case IPv6. */
  public static String canonical(InetAddress address) {
    if (address.getAddress().length == 4) {
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
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }

  /** The canonical form of a literal, or null when it is not one. */
  public static String canonical(String text) {
    return toInetAddress(text).map(AddressLiteral::canonical).orElse(null);
  }
}
