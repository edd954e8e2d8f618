package dev.haremote.reachability.ddns;

import dev.haremote.common.net.IpFamily;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What ddns-service knows about the home (its {@code GET /api/v1/status}): the public addresses,
 * CG-NAT, and per record whether the published address matches.
 *
 * @param cgnat the router has no public IPv4 address (ddns-service's inference); null unknown
 * @param doubleNat the router's WAN address is private: another NAT in front; null unknown
 * @param routerWanAddress the router's own WAN address as it reports it, or null
 * @param error why the facts could not be had, or null
 */
public record DdnsFacts(
    String publicIpv4,
    String publicIpv6,
    Boolean cgnat,
    Boolean doubleNat,
    String routerWanAddress,
    List<RecordFact> records,
    String error) {

  /**
   * @param inSync null when ddns-service does not know yet
   */
  public record RecordFact(String name, IpFamily family, String expected, Boolean inSync) {}

  public static DdnsFacts unavailable(String error) {
    return new DdnsFacts(null, null, null, null, null, List.of(), error);
  }

  public String publicAddress(IpFamily family) {
    return family == IpFamily.IPV4 ? publicIpv4 : publicIpv6;
  }

  /** The record ddns-service keeps for this name and family, if any. */
  public Optional<RecordFact> record(String host, IpFamily family) {
    String wanted = normalise(host);
    return records.stream()
        .filter(r -> r.family() == family && normalise(r.name()).equals(wanted))
        .findFirst();
  }

  private static String normalise(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
