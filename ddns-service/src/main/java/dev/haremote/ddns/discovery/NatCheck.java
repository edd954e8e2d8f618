package dev.haremote.ddns.discovery;

import dev.haremote.common.net.IpLiterals;
import java.net.InetAddress;
import java.util.Optional;

/**
 * NAT beyond the router: the router's WAN address, as UPnP reports it, against the public address
 * the echo sources see. This is inference only (reachability-service sets it aside when the outside
 * reaches Home Assistant over IPv4). Unknown (null) without a UPnP answer or an address the echo
 * sources see.
 *
 * <ul>
 *   <li>WAN address in 100.64.0.0/10, none at all (Debian's miniupnpd answers an empty address
 *       whenever its WAN is private or reserved), or a public one other than the echo's: the router
 *       has no public IPv4, {@code cgnat}.
 *   <li>WAN address private (RFC 1918): another NAT device, usually the ISP's modem-router, is in
 *       front of it, {@code double_nat}: its fix (bridge mode, or a forward on both devices) is the
 *       home's own, unlike CG-NAT's.
 * </ul>
 */
public final class NatCheck {
  /** The guide's advice (Addendum: CG-NAT, Addendum: IPv6). */
  public static final String CGNAT_ADVICE =
      "Your router has no public IPv4 address: the ISP uses carrier-grade NAT or DS-Lite, so port"
          + " forwards cannot work. Ask the ISP for a public IPv4 address, or reach Home Assistant"
          + " over IPv6 or through a cloud relay such as Nabu Casa.";

  public static final String DOUBLE_NAT_ADVICE =
      "Your router's WAN address is private: another router (usually the ISP's modem-router) does"
          + " NAT in front of it, so a port forward on your router alone cannot work. Put the modem"
          + " in bridge mode (or make your router its exposed host / DMZ), or forward the port on"
          + " both devices.";

  private NatCheck() {}

  /**
   * @param cgnat null unknown
   * @param doubleNat null unknown
   * @param wanAddress what the router said, or null
   * @param advice what to do, or null when nothing is wrong or known
   */
  public record Verdict(Boolean cgnat, Boolean doubleNat, String wanAddress, String advice) {
    static Verdict unknown() {
      return new Verdict(null, null, null, null);
    }
  }

  public static Verdict judge(FamilyDiscovery ipv4) {
    if (ipv4 == null) {
      return Verdict.unknown();
    }
    Optional<SourceReading> router =
        ipv4.readings().stream()
            .filter(r -> r.type().equals(SourceType.UPNP.key()))
            .filter(r -> r.said() != null || r.routerWithoutPublicAddress())
            .findFirst();
    boolean someoneSeesPublic =
        ipv4.readings().stream()
            .anyMatch(x -> x.address() != null && !x.type().equals(SourceType.UPNP.key()));
    if (router.isEmpty() || !someoneSeesPublic) {
      return Verdict.unknown();
    }
    SourceReading r = router.get();
    if (r.routerWithoutPublicAddress()) {
      return new Verdict(true, null, null, CGNAT_ADVICE);
    }
    String kind = kind(r.said());
    if ("private".equals(kind)) {
      return new Verdict(null, true, r.said(), DOUBLE_NAT_ADVICE);
    }
    if ("cgnat".equals(kind)) {
      return new Verdict(true, false, r.said(), CGNAT_ADVICE);
    }
    if (ipv4.address() == null) {
      // The echo sources do not agree on one address: nothing to compare the router's with.
      return new Verdict(null, false, r.said(), null);
    }
    boolean other = !ipv4.address().equals(r.said());
    return new Verdict(other, false, r.said(), other ? CGNAT_ADVICE : null);
  }

  private static String kind(String literal) {
    Optional<InetAddress> address = IpLiterals.parse(literal);
    return address.flatMap(SpecialUseRanges::kind).orElse(null);
  }
}
