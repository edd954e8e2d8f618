package dev.haremote.common.dns;

import dev.haremote.common.net.IpLiterals;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A DNS server to ask directly: {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6
 * literal. Port 53 by default.
 */
public record DnsServer(String host, int port) {

  public static final int DEFAULT_PORT = 53;

  /**
   * Parses {@code host}, {@code host:port}, {@code [v6]:port}, {@code [v6]} or a bare IPv6 literal.
   *
   * @throws IllegalArgumentException naming what is wrong (callers prefix the config key)
   */
  public static DnsServer parse(String text) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("DNS server must not be empty");
    }
    String host;
    String port = null;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("DNS server '" + t + "' lacks the closing ']'");
      }
      host = t.substring(1, close);
      String rest = t.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("DNS server '" + t + "': expected ':port' after ']'");
        }
        port = rest.substring(1);
      }
      if (!IpLiterals.isLiteral(host) || !host.contains(":")) {
        throw new IllegalArgumentException("DNS server '" + t + "': not an IPv6 literal in [...]");
      }
    } else if (t.indexOf(':') != t.lastIndexOf(':')) {
      // Two or more colons: a bare IPv6 literal, which cannot carry a port without brackets.
      if (!IpLiterals.isLiteral(t)) {
        throw new IllegalArgumentException("DNS server '" + t + "' is not a valid IPv6 literal");
      }
      host = t;
    } else {
      int colon = t.indexOf(':');
      host = colon < 0 ? t : t.substring(0, colon);
      port = colon < 0 ? null : t.substring(colon + 1);
      if (!HOST.matcher(host).matches()) {
        throw new IllegalArgumentException("DNS server '" + t + "' has an invalid host name");
      }
    }
    int p = DEFAULT_PORT;
    if (port != null) {
      try {
        p = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        p = -1;
      }
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException("DNS server '" + t + "' has an invalid port");
      }
    }
    return new DnsServer(IpLiterals.normalize(host), p);
  }

  private static final Pattern HOST =
      Pattern.compile("(?i)[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*\\.?");

  /** The address to send to; resolves a host name with the system resolver. */
  public InetSocketAddress socketAddress() throws UnknownHostException {
    return new InetSocketAddress(InetAddress.getByName(host), port);
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
