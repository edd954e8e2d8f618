package dev.haremote.reachability.diagnosis;

import dev.haremote.common.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one function from what was seen to the first broken link on the way from the app to Home
 * Assistant. Pure and deterministic: the same observation always gives the same verdict.
 *
 * <p>Order per family (the first that applies wins):
 *
 * <ol>
 *   <li>{@code dns_unresolved}: the public resolvers give no address of the family (or nobody
 *       does).
 *   <li>{@code cgnat} (IPv4): ddns-service says the router has no public IPv4. It beats drift and
 *       port_closed: with CG-NAT no record and no port forward can help.
 *   <li>{@code dns_drift}: the name points at an address that is not the home's.
 *   <li>TCP fails on the address the app in the home uses: {@code hairpin_unsupported} when that
 *       address is the public one and the peers reach Home Assistant from outside, else {@code
 *       port_closed}.
 *   <li>{@code not_home_assistant}: an HTTP answer that is not Home Assistant. It beats the
 *       certificate codes: a router page with its self-signed certificate is a wrong forward, not a
 *       certificate to fix.
 *   <li>TLS: {@code tls_error} (handshake failed), then {@code cert_expired}, {@code
 *       cert_name_mismatch}, {@code cert_untrusted}: expiry first because renewing is the fix most
 *       often needed and an expired certificate makes the others moot.
 *   <li>{@code proxy_untrusted}: Home Assistant's 400 to the reverse proxy.
 *   <li>{@code ip_banned}: Home Assistant's 403 to an address it banned after failed logins.
 *   <li>{@code not_home_assistant}: no HTTP answer in time.
 *   <li>{@code websocket_failed}.
 *   <li>The outside: peers' majority says unreachable: their verdict ({@code port_closed} mostly).
 *       Without peers, the public address tried from inside (hairpin) stands in for the outside:
 *       nothing there is {@code port_closed}, something else is {@code not_home_assistant}.
 *   <li>{@code plain_http_exposed} (warning), then {@code ok}.
 * </ol>
 *
 * <p>For the target: when IPv4 is broken its verdict wins; when IPv4 works and IPv6 is broken,
 * IPv6's DNS verdicts are kept and anything later is {@code ipv6_port_mismatch}; then the first
 * warning; then ok. Overall: the first failing target in configuration order, else the first
 * warning, else ok.
 */
public final class Diagnosis {
  private Diagnosis() {}

  /** The verdict for one target. */
  public static Verdict diagnose(TargetObservation t) {
    Map<IpFamily, FamilyObservation> families = t.families();
    if (families.isEmpty()) {
      return new Verdict(VerdictCode.OK, Advice.ok(t), null);
    }
    List<Verdict> perFamily = new ArrayList<>();
    for (FamilyObservation f : families.values()) {
      perFamily.add(diagnoseFamily(t, f));
    }
    Verdict first = perFamily.get(0);
    if (first.code().severity() == Severity.ERROR) {
      return first;
    }
    for (int i = 1; i < perFamily.size(); i++) {
      Verdict other = perFamily.get(i);
      if (other.code().severity() == Severity.ERROR) {
        return mapSecondFamily(t, other);
      }
    }
    return perFamily.stream()
        .filter(v -> v.code().severity() == Severity.WARNING)
        .findFirst()
        .orElse(new Verdict(VerdictCode.OK, Advice.ok(t), null));
  }

  /** The verdict over all targets, advice prefixed with the target id. */
  public static Verdict overall(List<TargetVerdict> targets) {
    if (targets.isEmpty()) {
      return null;
    }
    for (Severity wanted : List.of(Severity.ERROR, Severity.WARNING)) {
      for (TargetVerdict tv : targets) {
        if (tv.verdict().code().severity() == wanted) {
          Verdict v = tv.verdict();
          return new Verdict(v.code(), tv.id() + ": " + v.advice(), v.family());
        }
      }
    }
    return new Verdict(VerdictCode.OK, "All " + targets.size() + " target(s) reachable.", null);
  }

  /** A target's id with its verdict, for {@link #overall}. */
  public record TargetVerdict(String id, Verdict verdict) {}

  private static Verdict mapSecondFamily(TargetObservation t, Verdict broken) {
    return switch (broken.code()) {
      case DNS_UNRESOLVED, DNS_DRIFT, CGNAT -> broken;
      default ->
          new Verdict(
              VerdictCode.IPV6_PORT_MISMATCH, Advice.ipv6PortMismatch(t, broken), broken.family());
    };
  }

  /** One family's own verdict (shown per family in the status). */
  public static Verdict diagnoseFamilyOf(TargetObservation t, IpFamily family) {
    return diagnoseFamily(t, t.families().get(family));
  }

  static Verdict diagnoseFamily(TargetObservation t, FamilyObservation f) {
    IpFamily fam = f.family();
    if (f.publicAddresses().isEmpty()) {
      return new Verdict(VerdictCode.DNS_UNRESOLVED, Advice.dnsUnresolved(t, f), fam);
    }
    if (fam == IpFamily.IPV4 && Boolean.TRUE.equals(t.cgnat())) {
      return new Verdict(VerdictCode.CGNAT, Advice.cgnat(), fam);
    }
    if (Boolean.TRUE.equals(f.drift())) {
      return new Verdict(VerdictCode.DNS_DRIFT, Advice.dnsDrift(t, f), fam);
    }
    ChainObservation c = f.chain();
    ExternalView.State outside = t.external().state();
    boolean outsideKnown =
        outside == ExternalView.State.REACHABLE || outside == ExternalView.State.UNREACHABLE;
    if (c.address() == null) {
      // Resolvable publicly, but the inside has no address to try.
      return new Verdict(VerdictCode.DNS_UNRESOLVED, Advice.dnsUnresolved(t, f), fam);
    }
    if (!Boolean.TRUE.equals(c.tcp())) {
      if (c.addressIsPublic() && outside == ExternalView.State.REACHABLE) {
        return new Verdict(VerdictCode.HAIRPIN_UNSUPPORTED, Advice.hairpin(t, c.address()), fam);
      }
      return new Verdict(
          VerdictCode.PORT_CLOSED,
          Advice.portClosed(t, c.address(), c.tcpDetail(), outsideKnown || !c.addressIsPublic()),
          fam);
    }
    if (c.http() == HttpIdentity.OTHER) {
      return new Verdict(
          VerdictCode.NOT_HOME_ASSISTANT,
          Advice.notHomeAssistant(t, c.address(), c.httpDetail()),
          fam);
    }
    TlsObservation tls = c.tls();
    if (tls != null) {
      if (!tls.completed()) {
        return new Verdict(
            VerdictCode.TLS_ERROR, Advice.tlsError(t, c.address(), tls.detail()), fam);
      }
      if (tls.expired()) {
        return new Verdict(VerdictCode.CERT_EXPIRED, Advice.certExpired(t, tls.detail()), fam);
      }
      if (!tls.nameMatches()) {
        return new Verdict(
            VerdictCode.CERT_NAME_MISMATCH, Advice.certNameMismatch(t, tls.detail()), fam);
      }
      if (!tls.trusted()) {
        return new Verdict(VerdictCode.CERT_UNTRUSTED, Advice.certUntrusted(t, tls.detail()), fam);
      }
    }
    if (c.http() == HttpIdentity.PROXY_REJECTED) {
      return new Verdict(VerdictCode.PROXY_UNTRUSTED, Advice.proxyUntrusted(), fam);
    }
    if (c.http() == HttpIdentity.BANNED) {
      return new Verdict(VerdictCode.IP_BANNED, Advice.ipBanned(t, c.address()), fam);
    }
    if (c.http() != HttpIdentity.HOME_ASSISTANT) {
      String detail = c.httpDetail() == null ? "no HTTP answer in time" : c.httpDetail();
      return new Verdict(
          VerdictCode.NOT_HOME_ASSISTANT, Advice.notHomeAssistant(t, c.address(), detail), fam);
    }
    if (!Boolean.TRUE.equals(c.websocket())) {
      return new Verdict(
          VerdictCode.WEBSOCKET_FAILED, Advice.websocketFailed(c.websocketDetail()), fam);
    }
    if (outside == ExternalView.State.UNREACHABLE) {
      return outsideVerdict(t, t.external().majorityFailure(), fam);
    }
    PublicPathObservation pp = f.publicPath();
    if (pp != null && !pp.works() && !outsideKnown) {
      if (!pp.reached()) {
        return new Verdict(
            VerdictCode.PORT_CLOSED, Advice.portClosed(t, pp.address(), pp.detail(), false), fam);
      }
      return new Verdict(
          VerdictCode.NOT_HOME_ASSISTANT,
          Advice.notHomeAssistant(t, pp.address(), pp.detail()),
          fam);
    }
    if (Boolean.TRUE.equals(f.plainHttpExposed())) {
      return new Verdict(
          VerdictCode.PLAIN_HTTP_EXPOSED, Advice.plainHttpExposed(f.plainHttpAddress()), fam);
    }
    return new Verdict(VerdictCode.OK, Advice.ok(t), null);
  }

  private static Verdict outsideVerdict(TargetObservation t, VerdictCode peersSay, IpFamily fam) {
    if (peersSay == null || peersSay == VerdictCode.PORT_CLOSED || peersSay.reachable()) {
      return new Verdict(VerdictCode.PORT_CLOSED, Advice.portClosedOutside(t), fam);
    }
    return new Verdict(
        peersSay,
        "Your peers outside the home see "
            + peersSay.code()
            + " for "
            + t.url()
            + " while it works from inside: the public path (port forward, proxy or certificate"
            + " served to the internet) differs from the inside one.",
        fam);
  }
}
