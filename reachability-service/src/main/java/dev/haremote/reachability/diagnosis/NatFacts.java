package dev.haremote.reachability.diagnosis;

/**
 * What ddns-service inferred about NAT in front of the router (its UPnP reading of the router's WAN
 * address against the echo sources): inference only, which an outside view of working inbound IPv4
 * overrules.
 *
 * @param cgnat the router has no public IPv4 address (its WAN is in 100.64.0.0/10, or it reports
 *     none, or another than the one the world sees); null unknown
 * @param doubleNat the router's WAN address is private (RFC 1918): another NAT device (the ISP's
 *     modem-router) sits in front of it; null unknown
 * @param routerWanAddress what the router said its WAN address is, or null
 */
public record NatFacts(Boolean cgnat, Boolean doubleNat, String routerWanAddress) {
  public static NatFacts unknown() {
    return new NatFacts(null, null, null);
  }
}
