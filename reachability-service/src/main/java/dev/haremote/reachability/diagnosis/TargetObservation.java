package dev.haremote.reachability.diagnosis;

import dev.haremote.common.net.IpFamily;
import java.net.URI;
import java.util.Map;

/**
 * Everything seen for one target in one round: per family, plus the facts from ddns-service and the
 * peers.
 *
 * @param families in the configured order (ipv4 before ipv6 when both)
 * @param cgnat ddns-service says the home has no public IPv4; null unknown
 * @param internalWorks Home Assistant answers fully at the configured internal URL; null when none
 *     is configured
 */
public record TargetObservation(
    String id,
    URI url,
    Map<IpFamily, FamilyObservation> families,
    Boolean cgnat,
    ExternalView external,
    Boolean internalWorks) {

  public String host() {
    return url.getHost();
  }

  public int port() {
    int p = url.getPort();
    return p > 0 ? p : ("https".equalsIgnoreCase(url.getScheme()) ? 443 : 80);
  }
}
