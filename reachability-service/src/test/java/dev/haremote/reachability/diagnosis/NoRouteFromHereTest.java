package dev.haremote.reachability.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.net.IpFamily;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A family this host has no route for (IPv6 from an IPv4-only pod) is no fault of the home: over
 * every IPv4 situation of {@link DiagnosisTest}'s table, adding an IPv6 family without a route from
 * here leaves the target's verdict exactly what the IPv4 family alone gives (code, advice,
 * evidence), while the IPv6 family itself says {@code no_route_from_here}, reachable unknown.
 */
class NoRouteFromHereTest {
  private static final FamilyObservation V6_NO_ROUTE =
      DiagnosisTest.V6.withoutRouteFromHere("network unreachable");
  private static final Set<VerdictCode> IPV4_VERDICTS_SEEN = EnumSet.noneOf(VerdictCode.class);

  /** DiagnosisTest's rows with an IPv4 family, seen by peers that cannot check IPv6 either. */
  static List<Arguments> ipv4Situations() {
    List<Arguments> rows = new ArrayList<>();
    DiagnosisTest.table()
        .forEach(
            a -> {
              String name = (String) a.get()[0];
              TargetObservation t = (TargetObservation) a.get()[1];
              FamilyObservation v4 = t.families().get(IpFamily.IPV4);
              if (v4 != null) {
                rows.add(Arguments.of(name, v4, t.nat(), noIpv6Outside(t.external()), t));
              }
            });
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ipv4Situations")
  void anIpv6FamilyWithoutRouteChangesNothing(
      String name, FamilyObservation v4, NatFacts nat, ExternalView outside, TargetObservation t) {
    TargetObservation ipv4Only = observation(t, nat, outside, v4);
    TargetObservation withIpv6 = observation(t, nat, outside, v4, V6_NO_ROUTE);

    Verdict expected = Diagnosis.diagnose(ipv4Only);
    assertThat(Diagnosis.diagnose(withIpv6)).as(name).isEqualTo(expected);
    Verdict v6 = Diagnosis.diagnoseFamilyOf(withIpv6, IpFamily.IPV6);
    assertThat(v6.code()).as(name).isEqualTo(VerdictCode.NO_ROUTE_FROM_HERE);
    assertThat(v6.reachableIfKnown()).as(name).isNull();
    assertThat(v6.family()).isEqualTo(IpFamily.IPV6);
    IPV4_VERDICTS_SEEN.add(expected.code());
  }

  /** The matrix covers every verdict an IPv4 family can give alone. */
  @AfterAll
  static void everyIpv4VerdictWasCrossed() {
    Set<VerdictCode> all = EnumSet.allOf(VerdictCode.class);
    all.removeAll(Set.of(VerdictCode.IPV6_PORT_MISMATCH, VerdictCode.NO_ROUTE_FROM_HERE));
    assertThat(IPV4_VERDICTS_SEEN).containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void theFamilyAdviceSaysWhyAndWhatToDo() {
    TargetObservation t =
        DiagnosisTest.target(null, DiagnosisTest.NONE, DiagnosisTest.V4, V6_NO_ROUTE);
    Verdict v6 = Diagnosis.diagnoseFamilyOf(t, IpFamily.IPV6);
    assertThat(v6.advice())
        .isEqualTo(
            "IPv6 cannot be checked from where reachability-service runs: it has no IPv6 route"
                + " (network unreachable), so it never tried https://my-home.duckdns.org:8123 over"
                + " IPv6. This is not a fault of your home. Run reachability-service where the"
                + " home's IPv6 is: in Kubernetes on the node's network (reachability.hostNetwork:"
                + " true in the chart) or in a dual-stack k3s cluster (docs/deploy.md, \"Network\");"
                + " in Docker with network_mode: host.");
    assertThat(v6.evidence())
        .extracting(Evidence::source, Evidence::weight, Evidence::fact)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "chain",
                Evidence.Weight.PROOF,
                "no ipv6 route from where this service runs to 2001:db8::10 (network"
                    + " unreachable): the way from inside was not tried"));
    assertThat(Diagnosis.diagnose(t).code()).isEqualTo(VerdictCode.OK);
  }

  @Test
  void onlyFamilyWithoutRouteLeavesTheTargetUnknown() {
    TargetObservation t = DiagnosisTest.target(null, DiagnosisTest.NONE, V6_NO_ROUTE);
    Verdict v = Diagnosis.diagnose(t);
    assertThat(v.code()).isEqualTo(VerdictCode.NO_ROUTE_FROM_HERE);
    assertThat(v.reachableIfKnown()).isNull();
    assertThat(v.reachable()).isFalse();
  }

  @Test
  void theOutsideStillDecidesAFamilyWithoutRouteFromHere() {
    TargetObservation reached =
        DiagnosisTest.target(
            null, DiagnosisTest.familyPeers(true, true, 2), DiagnosisTest.V4, V6_NO_ROUTE);
    assertThat(Diagnosis.diagnoseFamilyOf(reached, IpFamily.IPV6).code()).isEqualTo(VerdictCode.OK);
    TargetObservation closed =
        DiagnosisTest.target(
            null, DiagnosisTest.familyPeers(true, false, 2), DiagnosisTest.V4, V6_NO_ROUTE);
    assertThat(Diagnosis.diagnoseFamilyOf(closed, IpFamily.IPV6).code())
        .isEqualTo(VerdictCode.PORT_CLOSED);
    assertThat(Diagnosis.diagnose(closed).code()).isEqualTo(VerdictCode.IPV6_PORT_MISMATCH);
  }

  @Test
  void overallPutsAnUnknownTargetAfterWarningsAndBeforeOk() {
    Verdict ok = new Verdict(VerdictCode.OK, "fine", null);
    Verdict unknown = new Verdict(VerdictCode.NO_ROUTE_FROM_HERE, "no route", IpFamily.IPV6);
    Verdict warn = new Verdict(VerdictCode.PLAIN_HTTP_EXPOSED, "warn", IpFamily.IPV4);
    assertThat(
            Diagnosis.overall(
                    List.of(
                        new Diagnosis.TargetVerdict("a", ok),
                        new Diagnosis.TargetVerdict("b", unknown)))
                .advice())
        .isEqualTo("b: no route");
    assertThat(
            Diagnosis.overall(
                    List.of(
                        new Diagnosis.TargetVerdict("a", unknown),
                        new Diagnosis.TargetVerdict("b", warn)))
                .code())
        .isEqualTo(VerdictCode.PLAIN_HTTP_EXPOSED);
  }

  private static TargetObservation observation(
      TargetObservation t, NatFacts nat, ExternalView outside, FamilyObservation... families) {
    Map<IpFamily, FamilyObservation> m = new LinkedHashMap<>();
    for (FamilyObservation f : families) {
      m.put(f.family(), f);
    }
    return new TargetObservation(t.id(), t.url(), m, nat, outside, t.internalWorks());
  }

  /** The same peers, each answering for IPv4 as before and unable to check IPv6. */
  private static ExternalView noIpv6Outside(ExternalView view) {
    if (view.state() == ExternalView.State.NONE) {
      return view;
    }
    List<ExternalView.PeerOutcome> peers = new ArrayList<>();
    for (ExternalView.PeerOutcome p : view.peers()) {
      peers.add(
          new ExternalView.PeerOutcome(
              p.peer(),
              p.reachable(),
              p.verdict(),
              p.error(),
              Map.of(
                  IpFamily.IPV4,
                  p.on(IpFamily.IPV4),
                  IpFamily.IPV6,
                  new ExternalView.FamilyAnswer(null, VerdictCode.NO_ROUTE_FROM_HERE))));
    }
    return ExternalView.decide(peers);
  }
}
