package dev.haremote.ddns.discovery;

import java.util.List;
import java.util.Optional;

/**
 * CG-NAT (or any NAT beyond the router): the router's WAN address, as UPnP reports it, is not the
 * public address the echo sources see. Unknown (null) without a UPnP answer or an agreed address.
 */
public final class CgnatCheck {
  /** The guide's advice (Addendum: CG-NAT, Addendum: IPv6). */
  public static final String ADVICE =
      "Your router has no public IPv4 address: the ISP uses carrier-grade NAT or DS-Lite, so port"
          + " forwards cannot work. Ask the ISP for a public IPv4 address, or reach Home Assistant"
          + " over IPv6 or through a cloud relay such as Nabu Casa.";

  private CgnatCheck() {}

  public record Verdict(Boolean cgnat, String wanAddress, String advice) {}

  public static Verdict judge(FamilyDiscovery ipv4) {
    if (ipv4 == null) {
      return new Verdict(null, null, null);
    }
    List<SourceReading> upnp =
        ipv4.readings().stream().filter(r -> r.type().equals("upnp")).toList();
    Optional<SourceReading> router =
        upnp.stream().filter(r -> r.said() != null || r.routerWithoutPublicAddress()).findFirst();
    if (router.isEmpty()) {
      return new Verdict(null, null, null);
    }
    SourceReading r = router.get();
    boolean routerPrivate = r.routerWithoutPublicAddress() || r.address() == null;
    boolean someoneSeesPublic = ipv4.readings().stream().anyMatch(x -> x.address() != null);
    if (ipv4.address() == null) {
      // No agreed address, but a router without a public address while the world sees one is
      // enough.
      boolean cgnat = routerPrivate && someoneSeesPublic;
      return new Verdict(cgnat ? Boolean.TRUE : null, r.said(), cgnat ? ADVICE : null);
    }
    boolean behindAnotherNat = routerPrivate || !ipv4.address().equals(r.said());
    return new Verdict(behindAnotherNat, r.said(), behindAnotherNat ? ADVICE : null);
  }
}
