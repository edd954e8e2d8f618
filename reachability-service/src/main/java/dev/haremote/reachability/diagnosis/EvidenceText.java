package dev.haremote.reachability.diagnosis;

import dev.haremote.common.net.IpFamily;
import dev.haremote.reachability.diagnosis.ExternalView.FamilyView;
import java.util.Locale;

/** The sentences of the evidence: one place, so that the same fact always reads the same. */
final class EvidenceText {
  private EvidenceText() {}

  static Evidence outside(FamilyView view, IpFamily family) {
    String counts = " (" + view.up() + " reached, " + view.down() + " did not)";
    return switch (view.state()) {
      case REACHABLE ->
          Evidence.proof("outside", "peers reached Home Assistant over " + family.key() + counts);
      case UNREACHABLE ->
          Evidence.proof(
              "outside",
              "peers could not reach Home Assistant over "
                  + family.key()
                  + counts
                  + (view.majorityFailure() == null ? "" : ": " + view.majorityFailure().code()));
      case DISAGREE ->
          Evidence.inference("outside", "peers disagree over " + family.key() + counts);
      default -> Evidence.inference("outside", "peers gave no answer over " + family.key());
    };
  }

  static String cgnat(NatFacts nat, FamilyObservation f) {
    if (f.publicAddresses().stream().anyMatch(dev.haremote.reachability.probe.Addresses::isCgnat)) {
      return "the public name points into 100.64.0.0/10 (carrier-grade NAT)";
    }
    return "ddns-service: the router has no public IPv4 address"
        + (nat.routerWanAddress() == null
            ? " (it reports none)"
            : " (its WAN address is " + nat.routerWanAddress() + ")");
  }

  /** The name leads to Home Assistant, but not through the home's own public address. */
  static Evidence servedElsewhere(String published, String home) {
    return Evidence.proof(
        "chain",
        "the name points at "
            + hostOf(published)
            + ", not the home's address "
            + hostOf(home)
            + ", and "
            + hostOf(published)
            + " serves this Home Assistant (TLS valid for the name, WebSocket ok): a proxy or"
            + " tunnel");
  }

  /** What the probe from inside saw, stage by stage, up to the first that failed. */
  static Evidence chain(ChainObservation c) {
    StringBuilder s = new StringBuilder("from inside on ").append(hostOf(c.address())).append(": ");
    if (!Boolean.TRUE.equals(c.tcp())) {
      s.append("tcp failed").append(c.tcpDetail() == null ? "" : " (" + c.tcpDetail() + ")");
      return Evidence.proof("chain", s.toString());
    }
    s.append("tcp ok");
    if (c.tls() != null) {
      s.append(", tls ").append(c.tls().good() ? "ok" : "failed");
      if (!c.tls().good() && c.tls().detail() != null) {
        s.append(" (").append(c.tls().detail()).append(")");
      }
    }
    if (c.http() != null) {
      s.append(", http ").append(c.http().name().toLowerCase(Locale.ROOT));
      if (c.httpStatus() != 0) {
        s.append(" ").append(c.httpStatus());
      }
    }
    if (c.websocket() != null) {
      s.append(", websocket ").append(c.websocket() ? "ok" : "failed");
    }
    return Evidence.proof("chain", s.toString());
  }

  static Evidence hairpin(PublicPathObservation pp) {
    String what =
        pp.works()
            ? "answers with Home Assistant"
            : !pp.reached()
                ? "does not answer" + (pp.detail() == null ? "" : " (" + pp.detail() + ")")
                : "answers, but not as Home Assistant"
                    + (pp.detail() == null ? "" : " (" + pp.detail() + ")");
    return Evidence.proof(
        "hairpin", "the public address " + hostOf(pp.address()) + " from inside " + what);
  }

  private static String hostOf(String address) {
    return address == null ? "?" : address.contains(":") ? "[" + address + "]" : address;
  }
}
