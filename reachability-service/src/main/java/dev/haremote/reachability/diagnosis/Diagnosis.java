package dev.haremote.reachability.diagnosis;

import dev.haremote.common.net.IpFamily;
import dev.haremote.reachability.diagnosis.ExternalView.FamilyView;
import dev.haremote.reachability.diagnosis.ExternalView.State;
import dev.haremote.reachability.probe.Addresses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one function from what was seen to the first broken link on the way from the app to Home
 * Assistant. Pure and deterministic: the same observation always gives the same verdict.
 *
 * <p>Evidence has weights. Direct proof (the peers outside got in over this family (reached Home
 * Assistant, or failed only after the way in), or could not; the probe from inside got Home
 * Assistant's own answers, or did not) outranks inference (ddns-service's UPnP reading, address
 * ranges, DNS answers). An inference that proof contradicts is kept in the evidence as {@code
 * overruled} and does not decide the verdict.
 *
 * <p>Order per family (the first that applies wins):
 *
 * <ol>
 *   <li>The public resolvers give no address: {@code dns_unresolved} when a resolver said the
 *       record does not exist (NXDOMAIN, no data), {@code dns_error} when they did not answer. Set
 *       aside when the outside reached Home Assistant over the family (their resolvers did answer).
 *   <li>IPv4 only: {@code cgnat}, then {@code double_nat}, from ddns-service's NAT facts or a name
 *       in 100.64.0.0/10; set aside when the outside reached Home Assistant over IPv4 (inbound IPv4
 *       works, so no NAT is in the way), or when the name leads to Home Assistant elsewhere
 *       (below).
 *   <li>{@code dns_drift}: the name points at an address that is not the home's; set aside when the
 *       outside reached Home Assistant over the family, or when from inside that published address
 *       serves Home Assistant all the way (TCP, TLS valid for the name, Home Assistant, WebSocket):
 *       a proxy or tunnel (Cloudflare, Nabu Casa, a VPS) in front of the home. Not when the
 *       published address is CG-NAT or private: the internet cannot reach it.
 *   <li>The inside resolvers give no address: {@code dns_unresolved} or {@code dns_error} as above.
 *   <li>This host has no route to the inside answer's address (an IPv6 target from an IPv4-only
 *       pod): the way from inside is not tried. A decided outside view over the family still
 *       decides (its {@code port_closed} or {@code ok}); else {@code no_route_from_here}, of
 *       severity unknown: neither reachable nor broken, and no fault of the home.
 *   <li>{@code dns_rewrite_stale}: the home's resolvers answer another address than the public ones
 *       (a DNS rewrite), Home Assistant does not answer there, but the public address does (from
 *       inside through hairpin NAT, or from outside).
 *   <li>TCP fails on the address the app in the home uses: {@code hairpin_unsupported} when that
 *       address is the public one and the outside reaches Home Assistant, else {@code port_closed}.
 *       Past TCP too, the public address from inside not leading to Home Assistant (TLS fails, the
 *       router's own page answers) while the outside got in is {@code hairpin_unsupported}, unless
 *       the outside saw that same failure.
 *   <li>{@code not_home_assistant}: an HTTP answer that is not Home Assistant. It beats the
 *       certificate codes: a router page with its self-signed certificate is a wrong forward, not a
 *       certificate to fix.
 *   <li>TLS: {@code tls_error} (handshake failed), then {@code cert_expired}, {@code
 *       cert_name_mismatch}, {@code cert_untrusted}.
 *   <li>{@code proxy_untrusted}, {@code ip_banned}, {@code not_home_assistant} (no HTTP answer in
 *       time), {@code websocket_failed}.
 *   <li>The outside over this family: when the peers' majority says unreachable, their verdict
 *       ({@code port_closed} mostly) competes with the inside's by the link of the guide's chain
 *       each is about ({@link VerdictCode.Link}): a missing port forward comes before a broken
 *       hairpin or rewrite, and those before the certificate, the proxy and the WebSocket that both
 *       ways share. Without a decided outside view, the public address tried from inside (hairpin)
 *       stands in for it: nothing there is {@code port_closed}, something else is {@code
 *       not_home_assistant}.
 *   <li>{@code plain_http_exposed} (warning), then {@code ok}.
 * </ol>
 *
 * <p>When every family gets through, Home Assistant's own URL settings (read with the target's
 * token) must point at the way that works: {@code ha_external_url_missing}, {@code
 * ha_external_url_wrong}, {@code ha_internal_url_needs_hairpin} (warnings, {@link HaUrlCheck}).
 *
 * <p>For the target ({@link #combine}): a family of unknown severity ({@code no_route_from_here})
 * is left out, as if it were not configured; a target with no other family is unknown itself. It is
 * reachable when its first family (IPv4 when configured: IPv4-only networks are common) gets
 * through. When that family is broken its verdict wins; when it works and IPv6 is broken, the
 * target's verdict is {@code ipv6_port_mismatch} (a warning: clients fall back to IPv4), whatever
 * broke IPv6: its port, or its DNS (a missing or stale AAAA record, whose code the advice and the
 * family's own verdict keep); then the first warning; then ok. Overall: the first failing target in
 * configuration order, else the first warning, else the first unknown target, else ok.
 */
public final class Diagnosis {
  private Diagnosis() {}

  /** The verdict for one target from this round's observation. */
  public static Verdict diagnose(TargetObservation t) {
    Map<IpFamily, Verdict> perFamily = new LinkedHashMap<>();
    for (FamilyObservation f : t.families().values()) {
      perFamily.put(f.family(), diagnoseFamily(t, f));
    }
    return combine(t, perFamily);
  }

  /**
   * The target's verdict from its families' verdicts (this round's, or the flap-suppressed ones),
   * by the rule in the class comment.
   */
  public static Verdict combine(TargetObservation t, Map<IpFamily, Verdict> allFamilies) {
    if (allFamilies.isEmpty()) {
      return new Verdict(VerdictCode.OK, Advice.ok(t), null);
    }
    // A family that cannot be checked from here says nothing: the target is judged by the others,
    // and is unknown only when no family can be checked.
    Map<IpFamily, Verdict> perFamily = new LinkedHashMap<>();
    allFamilies.forEach(
        (f, v) -> {
          if (v.code().known()) {
            perFamily.put(f, v);
          }
        });
    if (perFamily.isEmpty()) {
      return allFamilies.values().iterator().next();
    }
    List<Verdict> verdicts = new ArrayList<>(perFamily.values());
    Verdict first = verdicts.get(0);
    if (first.code().severity() == Severity.ERROR) {
      return withOtherFamilyNoted(t, first, perFamily);
    }
    for (int i = 1; i < verdicts.size(); i++) {
      Verdict other = verdicts.get(i);
      if (other.code().severity() == Severity.ERROR) {
        return mapSecondFamily(t, other);
      }
    }
    return verdicts.stream()
        .filter(v -> v.code().severity() == Severity.WARNING)
        .findFirst()
        .orElseGet(
            () -> {
              // The way works: then Home Assistant's own URL settings must point at it.
              Verdict urls = HaUrlCheck.judge(t);
              List<Evidence> evidence = allEvidence(verdicts);
              return urls != null
                  ? new Verdict(urls.code(), urls.advice(), null, evidence)
                  : new Verdict(VerdictCode.OK, Advice.ok(t), null, evidence);
            });
  }

  /** The verdict over all targets, advice prefixed with the target id. */
  public static Verdict overall(List<TargetVerdict> targets) {
    if (targets.isEmpty()) {
      return null;
    }
    for (Severity wanted : List.of(Severity.ERROR, Severity.WARNING, Severity.UNKNOWN)) {
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

  /**
   * The guide's remedy for CG-NAT and double NAT is IPv6: when the other family already works, the
   * advice says so, with how it is known.
   */
  private static Verdict withOtherFamilyNoted(
      TargetObservation t, Verdict broken, Map<IpFamily, Verdict> perFamily) {
    if (broken.code() != VerdictCode.CGNAT && broken.code() != VerdictCode.DOUBLE_NAT) {
      return broken;
    }
    Verdict v6 = perFamily.get(IpFamily.IPV6);
    if (v6 == null || !v6.reachable()) {
      return broken;
    }
    boolean fromOutside = t.external().on(IpFamily.IPV6).state() == State.REACHABLE;
    return broken.withAdvice(broken.advice() + " " + Advice.ipv6AlreadyWorks(t, fromOutside));
  }

  /**
   * The first family gets through, the second does not: clients fall back to the first, so the
   * target stays reachable (docs/api.md: {@code reachable} follows the first family) and the second
   * family's failure is the warning {@code ipv6_port_mismatch}, whatever it is: a closed port, or
   * the name itself (a missing or stale AAAA record, a stale rewrite). The family's own verdict and
   * the advice keep the cause.
   */
  private static Verdict mapSecondFamily(TargetObservation t, Verdict broken) {
    return new Verdict(
        VerdictCode.IPV6_PORT_MISMATCH,
        Advice.ipv6PortMismatch(t, broken),
        broken.family(),
        broken.evidence());
  }

  private static List<Evidence> allEvidence(List<Verdict> verdicts) {
    List<Evidence> all = new ArrayList<>();
    verdicts.forEach(v -> all.addAll(v.evidence()));
    return all;
  }

  /** One family's own verdict (shown per family in the status). */
  public static Verdict diagnoseFamilyOf(TargetObservation t, IpFamily family) {
    return diagnoseFamily(t, t.families().get(family));
  }

  static Verdict diagnoseFamily(TargetObservation t, FamilyObservation f) {
    return new FamilyDiagnosis(t, f).verdict();
  }

  /** One family weighed: gathers the evidence as it goes, so every verdict carries its reasons. */
  private static final class FamilyDiagnosis {
    private final TargetObservation t;
    private final FamilyObservation f;
    private final IpFamily fam;
    private final FamilyView outside;

    /**
     * The outside got in over this family: the peers reached Home Assistant, or failed only after
     * the way in (TLS, HTTP, WebSocket). Proof that inbound connections reach the home: no NAT is
     * in the way, the published address leads home, the port forward exists.
     */
    private final boolean outsideGotIn;

    /**
     * The published address that, from inside, serves this Home Assistant all the way although it
     * is not the home's public address (a Cloudflare-proxied name, a Cloudflare Tunnel, Nabu Casa,
     * a proxy on a VPS), or null. Proof that the name leads to Home Assistant: the drift and NAT
     * inferences about the home's own address are then beside the point.
     */
    private final String servedElsewhere;

    private final List<Evidence> evidence = new ArrayList<>();

    FamilyDiagnosis(TargetObservation t, FamilyObservation f) {
      this.t = t;
      this.f = f;
      this.fam = f.family();
      this.outside = t.external().on(fam);
      this.outsideGotIn =
          outside.state() == State.REACHABLE
              || outside.state() == State.UNREACHABLE
                  && outside.majorityFailure() != null
                  && outside.majorityFailure().link().compareTo(VerdictCode.Link.FORWARD) > 0;
      if (outside.state() != State.NONE) {
        evidence.add(EvidenceText.outside(outside, fam));
      }
      this.servedElsewhere = servedElsewhere(f);
      if (servedElsewhere != null) {
        evidence.add(EvidenceText.servedElsewhere(servedElsewhere, f.expectedPublicAddress()));
      }
    }

    /**
     * The published address when the probe from inside went all the way on it (TCP, TLS valid for
     * the name, Home Assistant, WebSocket) and it is not the home's public address (a drift, and
     * the home's address known and not among the published ones); else null. An https URL only:
     * without TLS any Home Assistant could have answered. Never an address the internet cannot
     * reach (CG-NAT, private): from inside the router answers its own WAN address through hairpin
     * NAT, which proves nothing about the way in from outside.
     */
    private static String servedElsewhere(FamilyObservation f) {
      ChainObservation c = f.chain();
      String home = f.expectedPublicAddress();
      if (c == null
          || c.address() == null
          || f.noRouteFromHere() != null
          || c.tls() == null
          || !c.good()
          || !Boolean.TRUE.equals(f.drift())
          || home == null
          || !f.publicAddresses().contains(c.address())
          || f.publicAddresses().contains(home)
          || Addresses.isLocalOnly(c.address())) {
        return null;
      }
      return c.address();
    }

    private Verdict verdict(VerdictCode code, String advice) {
      return new Verdict(code, advice, code == VerdictCode.OK ? null : fam, evidence);
    }

    Verdict verdict() {
      Verdict v = publicName();
      if (v == null) {
        v = nat();
      }
      if (v == null) {
        v = drift();
      }
      if (v == null) {
        v = insideWay();
      }
      return v;
    }

    private Verdict publicName() {
      if (!f.publicAddresses().isEmpty()) {
        evidence.add(
            Evidence.inference(
                "dns", "public resolvers answer " + String.join(", ", f.publicAddresses())));
        return null;
      }
      return inferenceUnlessProven(
          "dns",
          "public resolvers give no address: " + detailOr(f.dnsDetail(), "no answer"),
          () -> dnsFailureVerdict(f.publicDnsFailure(), false));
    }

    private Verdict dnsFailureVerdict(DnsFailure failure, boolean inside) {
      if (failure != null && !failure.definitive()) {
        return verdict(VerdictCode.DNS_ERROR, Advice.dnsError(t, f, failure, inside));
      }
      return verdict(VerdictCode.DNS_UNRESOLVED, Advice.dnsUnresolved(t, f, inside));
    }

    private Verdict nat() {
      if (fam != IpFamily.IPV4) {
        return null;
      }
      NatFacts nat = t.nat();
      if (Boolean.TRUE.equals(nat.cgnat())) {
        Verdict v =
            inferenceUnlessProven(
                "ddns",
                EvidenceText.cgnat(nat, f),
                () -> verdict(VerdictCode.CGNAT, Advice.cgnat()));
        if (v != null) {
          return v;
        }
      }
      if (Boolean.TRUE.equals(nat.doubleNat())) {
        return inferenceUnlessProven(
            "ddns",
            "the router's WAN address "
                + detailOr(nat.routerWanAddress(), "")
                + " is private: another NAT device is in front of it",
            () -> verdict(VerdictCode.DOUBLE_NAT, Advice.doubleNat(t, nat.routerWanAddress())));
      }
      return null;
    }

    private Verdict drift() {
      if (!Boolean.TRUE.equals(f.drift())) {
        return null;
      }
      return inferenceUnlessProven(
          "ddns",
          "the name points at "
              + String.join(", ", f.publicAddresses())
              + ", the home's public address is "
              + detailOr(f.expectedPublicAddress(), "another"),
          () -> verdict(VerdictCode.DNS_DRIFT, Advice.dnsDrift(t, f)));
    }

    /**
     * An inference about the home's own address (its DNS record, NAT in front of it) decides only
     * while no proof contradicts it: when the outside got in over this family, or the published
     * address serves Home Assistant from elsewhere (a proxy or tunnel), it is kept as overruled
     * evidence and the diagnosis goes on (null).
     */
    private Verdict inferenceUnlessProven(String source, String fact, Supplier<Verdict> verdict) {
      if (outsideGotIn || servedElsewhere != null) {
        evidence.add(Evidence.overruled(source, fact));
        return null;
      }
      evidence.add(Evidence.inference(source, fact));
      return verdict.get(); // after the fact, so that the verdict carries it
    }

    private Verdict insideWay() {
      ChainObservation c = f.chain();
      if (c.address() == null) {
        evidence.add(
            Evidence.inference(
                "dns",
                "resolvers inside the home give no address: " + detailOr(f.dnsDetail(), "")));
        return dnsFailureVerdict(f.insideDnsFailure(), true);
      }
      if (f.noRouteFromHere() != null) {
        return fromElsewhere(c);
      }
      evidence.add(EvidenceText.chain(c));
      PublicPathObservation pp = f.publicPath();
      if (pp != null && !pp.address().equals(c.address())) {
        evidence.add(EvidenceText.hairpin(pp));
      }
      Verdict inside = insideChain(c, pp);
      Verdict fromOutside =
          outside.state() == State.UNREACHABLE
              ? outsideVerdict(outside.majorityFailure(), inside)
              : null;
      // Both ways broken: the earlier link of the guide's chain is the one to fix first. At the
      // port forward itself the outside knows more (what answers there) than an inside that
      // cannot get in (no hairpin) or goes elsewhere (a rewrite): it wins unless both say the same.
      if (fromOutside != null
          && (inside == null
              || fromOutside.code().link().compareTo(inside.code().link()) < 0
              || fromOutside.code().link() == inside.code().link()
                  && fromOutside.code().link() == VerdictCode.Link.FORWARD
                  && (fromOutside.code() != inside.code() || !c.addressIsPublic()))) {
        return fromOutside;
      }
      if (inside != null) {
        return inside;
      }
      // The home's own public address stands in for the outside only when the name leads there:
      // behind a proxy or tunnel the app never goes to it.
      if (pp != null && !pp.works() && !outside.state().decided() && servedElsewhere == null) {
        if (!pp.reached()) {
          return verdict(
              VerdictCode.PORT_CLOSED, Advice.portClosed(t, pp.address(), pp.detail(), false));
        }
        return verdict(
            VerdictCode.NOT_HOME_ASSISTANT, Advice.notHomeAssistant(t, pp.address(), pp.detail()));
      }
      if (Boolean.TRUE.equals(f.plainHttpExposed())) {
        return verdict(
            VerdictCode.PLAIN_HTTP_EXPOSED, Advice.plainHttpExposed(f.plainHttpAddress()));
      }
      return verdict(VerdictCode.OK, Advice.ok(t));
    }

    /**
     * This host has no route to the address (an IPv6 target from an IPv4-only pod): the way from
     * inside was not tried, and that is no fault of the home. Only the outside can still decide.
     */
    private Verdict fromElsewhere(ChainObservation c) {
      evidence.add(
          Evidence.proof(
              "chain",
              "no "
                  + fam.key()
                  + " route from where this service runs to "
                  + c.address()
                  + " ("
                  + f.noRouteFromHere()
                  + "): the way from inside was not tried"));
      if (outside.state() == State.UNREACHABLE) {
        return outsideVerdict(outside.majorityFailure(), null);
      }
      if (outside.state() == State.REACHABLE) {
        return verdict(VerdictCode.OK, Advice.ok(t));
      }
      return verdict(
          VerdictCode.NO_ROUTE_FROM_HERE, Advice.noRouteFromHere(t, fam, f.noRouteFromHere()));
    }

    /** The way from inside, on the address the app at home uses; null when it all works. */
    private Verdict insideChain(ChainObservation c, PublicPathObservation pp) {
      boolean rewritten = Boolean.TRUE.equals(f.splitHorizon()) && !c.addressIsPublic();
      boolean noHomeAssistantThere =
          !Boolean.TRUE.equals(c.tcp()) || c.http() == HttpIdentity.OTHER;
      if (rewritten && noHomeAssistantThere) {
        boolean hairpinWorks = pp != null && pp.works();
        if (hairpinWorks || outsideGotIn) {
          return verdict(
              VerdictCode.DNS_REWRITE_STALE,
              Advice.rewriteStale(t, c.address(), hairpinWorks ? pp.address() : null));
        }
      }
      if (!Boolean.TRUE.equals(c.tcp())) {
        if (c.addressIsPublic() && outsideGotIn) {
          return verdict(
              VerdictCode.HAIRPIN_UNSUPPORTED, Advice.hairpin(t, c.address(), "does not answer"));
        }
        if (rewritten) {
          return verdict(
              VerdictCode.PORT_CLOSED, Advice.nothingAtRewrite(t, c.address(), c.tcpDetail()));
        }
        return verdict(
            VerdictCode.PORT_CLOSED,
            Advice.portClosed(
                t, c.address(), c.tcpDetail(), outside.state().decided() || !c.addressIsPublic()));
      }
      Verdict stages = chainStages(c);
      if (stages != null && landsElsewhereFromInside(c, stages.code())) {
        evidence.add(
            Evidence.proof(
                "hairpin",
                "from inside the public address "
                    + hostOf(c.address())
                    + " leads to something else than Home Assistant ("
                    + stages.code().code()
                    + "), while the outside got in: the router answers it itself"));
        return verdict(
            VerdictCode.HAIRPIN_UNSUPPORTED,
            Advice.hairpin(
                t,
                c.address(),
                "leads to something else than Home Assistant ("
                    + stages.code().code()
                    + ", e.g. the router's own admin page)"));
      }
      return stages;
    }

    /**
     * The outside got in, but from inside the public address did not reach Home Assistant at
     * whatever stage (the router's own page answers, with its own certificate or none): the router
     * does not loop its public address back (no hairpin NAT). Not when the outside saw the very
     * same failure: that is the shared server's fault, not the way from inside.
     */
    private boolean landsElsewhereFromInside(ChainObservation c, VerdictCode insideSays) {
      boolean reachedHomeAssistant = c.http() != null && c.http().isHomeAssistant();
      return c.addressIsPublic()
          && outsideGotIn
          && !reachedHomeAssistant
          && insideSays != outside.majorityFailure();
    }

    /** The stages after TCP on the inside address; null when all passed. */
    private Verdict chainStages(ChainObservation c) {
      if (c.http() == HttpIdentity.OTHER) {
        return verdict(
            VerdictCode.NOT_HOME_ASSISTANT,
            Advice.notHomeAssistant(t, c.address(), c.httpDetail()));
      }
      TlsObservation tls = c.tls();
      if (tls != null) {
        if (!tls.completed()) {
          return verdict(VerdictCode.TLS_ERROR, Advice.tlsError(t, c.address(), tls.detail()));
        }
        if (tls.expired()) {
          return verdict(VerdictCode.CERT_EXPIRED, Advice.certExpired(t, tls.detail()));
        }
        if (!tls.nameMatches()) {
          return verdict(VerdictCode.CERT_NAME_MISMATCH, Advice.certNameMismatch(t, tls.detail()));
        }
        if (!tls.trusted()) {
          return verdict(VerdictCode.CERT_UNTRUSTED, Advice.certUntrusted(t, tls.detail()));
        }
      }
      if (c.http() == HttpIdentity.PROXY_REJECTED) {
        return verdict(VerdictCode.PROXY_UNTRUSTED, Advice.proxyUntrusted());
      }
      if (c.http() == HttpIdentity.BANNED) {
        return verdict(VerdictCode.IP_BANNED, Advice.ipBanned(t, c.address()));
      }
      if (c.http() != HttpIdentity.HOME_ASSISTANT) {
        String detail = c.httpDetail() == null ? "no HTTP answer in time" : c.httpDetail();
        return verdict(
            VerdictCode.NOT_HOME_ASSISTANT, Advice.notHomeAssistant(t, c.address(), detail));
      }
      if (!Boolean.TRUE.equals(c.websocket())) {
        return verdict(VerdictCode.WEBSOCKET_FAILED, Advice.websocketFailed(c.websocketDetail()));
      }
      return null;
    }

    /**
     * @param inside the inside's own verdict when it is broken too (at a later link), or null
     */
    private Verdict outsideVerdict(VerdictCode peersSay, Verdict inside) {
      if (peersSay == null || peersSay == VerdictCode.PORT_CLOSED || peersSay.reachable()) {
        return verdict(VerdictCode.PORT_CLOSED, Advice.portClosedOutside(t));
      }
      return verdict(
          peersSay, Advice.outsideDiffers(t, peersSay, inside == null ? null : inside.code()));
    }

    private static String hostOf(String address) {
      return address.contains(":") ? "[" + address + "]" : address;
    }

    private static String detailOr(String detail, String otherwise) {
      return detail == null ? otherwise : detail;
    }
  }
}
