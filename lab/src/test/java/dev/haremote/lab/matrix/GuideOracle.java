package dev.haremote.lab.matrix;

import java.util.Set;

/**
 * The verdict a home should get, worked out from its switches alone by walking the guide's chain
 * (Dynamic DNS, CG-NAT, port forward, hairpin NAT or split-brain DNS, securing the connection, the
 * reverse proxy and its WebSockets) and naming the first link whose single change is needed: the
 * test's independent answer, written without the service's diagnosis code.
 *
 * <p>The app's two ways to Home Assistant meet at nginx: the outside way (public name, the router's
 * forward or IPv6 firewall) and the inside way (the home's resolver: the public address through
 * hairpin NAT, or a rewrite). A family works when both do.
 */
public final class GuideOracle {
  private static final Set<String> WARNINGS = Set.of("ok", "ipv6_port_mismatch");

  private GuideOracle() {}

  /** The expected verdicts: per family and for the target. */
  public record Expected(String ipv4, String ipv6, String target) {}

  public static Expected expect(HomeSetup s) {
    String v4 = ipv4(s);
    String v6 = ipv6(s);
    return new Expected(v4, v6, target(v4, v6));
  }

  static String ipv4(HomeSetup s) {
    if (s.cgnat()) {
      return "cgnat"; // No record and no forward of the home can help.
    }
    if (s.recordStale()) {
      return "dns_drift"; // The name leads to someone else's address.
    }
    switch (s.forward4()) {
      case "off":
        return "port_closed";
      case "wrong":
        return "not_home_assistant"; // The NAS's page answers, from outside and inside.
      default:
        break;
    }
    switch (s.rewrite()) {
      case "stale":
        return "dns_rewrite_stale";
      case "off":
        if (!s.hairpin()) {
          return "hairpin_unsupported";
        }
        break;
      default:
        break; // A right rewrite goes straight to the home host.
    }
    return atTheServer(s);
  }

  static String ipv6(HomeSetup s) {
    // No NAT over IPv6: the AAAA is the host's own address, the firewall is the way in.
    if (!s.pinhole6()) {
      return "port_closed";
    }
    if (s.rewrite().equals("stale")) {
      return "dns_rewrite_stale";
    }
    return atTheServer(s);
  }

  /** What both ways share: nginx's certificate, Home Assistant's trust in it, the WebSocket. */
  static String atTheServer(HomeSetup s) {
    switch (s.cert()) {
      case "expired":
        return "cert_expired";
      case "leafonly":
        return "cert_untrusted"; // The intermediate is missing.
      default:
        break;
    }
    if (!s.trusted()) {
      return "proxy_untrusted";
    }
    if (!s.websocket()) {
      return "websocket_failed";
    }
    return "ok";
  }

  /**
   * The documented rule: the target follows IPv4 when it is broken; a broken IPv6 beside a working
   * IPv4 is a warning (clients fall back), whatever broke it, its name included.
   */
  static String target(String v4, String v6) {
    if (!WARNINGS.contains(v4)) {
      return v4;
    }
    if (!WARNINGS.contains(v6)) {
      return "ipv6_port_mismatch";
    }
    return v4;
  }
}
