package dev.haremote.reachability.diagnosis;

import dev.haremote.common.net.IpFamily;
import java.net.URI;
import java.util.Map;

/**
 * Everything seen for one target in one round: per family, plus the facts from ddns-service and the
 * peers.
 *
 * @param families in the configured order (ipv4 before ipv6 when both)
 * @param nat what ddns-service inferred about NAT in front of the router (never null)
 * @param internalWorks Home Assistant answers fully at the configured internal URL; null when none
 *     is configured
 */
public record TargetObservation(
    String id,
    URI url,
    Map<IpFamily, FamilyObservation> families,
    NatFacts nat,
    ExternalView external,
    Boolean internalWorks) {

  public TargetObservation {
    nat = nat == null ? NatFacts.unknown() : nat;
  }

  /** Only the CG-NAT inference known (tests, and the name pointing into 100.64.0.0/10). */
  public TargetObservation(
      String id,
      URI url,
      Map<IpFamily, FamilyObservation> families,
      Boolean cgnat,
      ExternalView external,
      Boolean internalWorks) {
    this(id, url, families, new NatFacts(cgnat, null, null), external, internalWorks);
  }

  /** ddns-service (or the public name) says the home has no public IPv4; null unknown. */
  public Boolean cgnat() {
    return nat.cgnat();
  }

  public String host() {
    return url.getHost();
  }

  public int port() {
    int p = url.getPort();
    return p > 0 ? p : ("https".equalsIgnoreCase(url.getScheme()) ? 443 : 80);
  }
}
