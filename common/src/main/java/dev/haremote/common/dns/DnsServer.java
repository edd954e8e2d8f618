package dev.haremote.common.dns;

/**
 * A DNS server to ask directly: {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6
 * literal. Port 53 by default.
 */
public record DnsServer(String host, int port) {

  public static DnsServer parse(String text) {
    throw new UnsupportedOperationException("kit: to be implemented");
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
