package dev.haremote.ddns.discovery;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Address blocks that are never somebody's public address (RFC 6890 and its updates): private,
 * CG-NAT, loopback, link-local, documentation, benchmarking, multicast, reserved. A lab may allow
 * some of them back with {@code ddns.discovery.allow-ranges}.
 */
public final class SpecialUseRanges {
  /** The CG-NAT shared address space (RFC 6598). */
  public static final Cidr CGNAT = Cidr.parse("100.64.0.0/10");

  private static final List<Named> RANGES =
      List.of(
          new Named("0.0.0.0/8", "this-network"),
          new Named("10.0.0.0/8", "private"),
          new Named("100.64.0.0/10", "cgnat"),
          new Named("127.0.0.0/8", "loopback"),
          new Named("169.254.0.0/16", "link-local"),
          new Named("172.16.0.0/12", "private"),
          new Named("192.0.0.0/24", "ietf-protocol"),
          new Named("192.0.2.0/24", "documentation"),
          new Named("192.88.99.0/24", "6to4-relay"),
          new Named("192.168.0.0/16", "private"),
          new Named("198.18.0.0/15", "benchmarking"),
          new Named("198.51.100.0/24", "documentation"),
          new Named("203.0.113.0/24", "documentation"),
          new Named("224.0.0.0/4", "multicast"),
          new Named("240.0.0.0/4", "reserved"),
          new Named("::/128", "unspecified"),
          new Named("::1/128", "loopback"),
          new Named("64:ff9b::/96", "nat64"),
          new Named("64:ff9b:1::/48", "nat64"),
          new Named("100::/64", "discard"),
          new Named("2001::/23", "ietf-protocol"),
          new Named("2001:db8::/32", "documentation"),
          new Named("3fff::/20", "documentation"),
          new Named("fc00::/7", "unique-local"),
          new Named("fe80::/10", "link-local"),
          new Named("ff00::/8", "multicast"));

  private final List<Cidr> allowed;

  public SpecialUseRanges(List<Cidr> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /**
   * Why the address cannot be a public address (e.g. {@code private}, {@code cgnat}), or empty when
   * it can: outside every special-use block, or inside an allowed range.
   */
  public Optional<String> refusal(InetAddress address) {
    if (allowed.stream().anyMatch(c -> c.contains(address))) {
      return Optional.empty();
    }
    return kind(address);
  }

  /** The special-use kind of the address regardless of allowed ranges, or empty when global. */
  public static Optional<String> kind(InetAddress address) {
    return RANGES.stream().filter(r -> r.cidr.contains(address)).map(r -> r.kind).findFirst();
  }

  private record Named(Cidr cidr, String kind) {
    Named(String cidr, String kind) {
      this(Cidr.parse(cidr), kind);
    }
  }
}
