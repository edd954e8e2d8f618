package dev.haremote.ddns.discovery;

import java.net.InetAddress;

/** An address block such as {@code 100.64.0.0/10} or {@code 2001:db8::/32}. */
public record Cidr(byte[] network, int prefixLength, String text) {

  /**
   * Parses {@code address/prefix} (address literals only, never a host name).
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static Cidr parse(String text) {
    String t = text == null ? "" : text.trim();
    int slash = t.indexOf('/');
    String addressPart = slash < 0 ? t : t.substring(0, slash);
    byte[] bytes = AddressLiteral.parse(addressPart);
    if (bytes == null) {
      throw new IllegalArgumentException("'" + t + "' is not an address/prefix (CIDR)");
    }
    int max = bytes.length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + t + "' has no valid prefix length");
    }
    if (prefix < 0 || prefix > max) {
      throw new IllegalArgumentException("'" + t + "' prefix length must be 0.." + max);
    }
    return new Cidr(bytes, prefix, t);
  }

  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (network[full] & mask);
  }

  @Override
  public String toString() {
    return text;
  }
}
