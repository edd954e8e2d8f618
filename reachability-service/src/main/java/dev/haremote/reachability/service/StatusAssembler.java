package dev.haremote.reachability.service;

import dev.haremote.common.net.IpFamily;
import dev.haremote.reachability.diagnosis.ChainObservation;
import dev.haremote.reachability.diagnosis.DnsFailure;
import dev.haremote.reachability.diagnosis.ExternalView;
import dev.haremote.reachability.diagnosis.FamilyObservation;
import dev.haremote.reachability.diagnosis.HaUrlCheck;
import dev.haremote.reachability.diagnosis.HaUrlSettings;
import dev.haremote.reachability.diagnosis.HttpIdentity;
import dev.haremote.reachability.diagnosis.Verdict;
import dev.haremote.reachability.outside.OutsideViewStatus;
import dev.haremote.reachability.probe.FamilyProbe;
import dev.haremote.reachability.probe.HomeAssistantLogin;
import dev.haremote.reachability.probe.TargetProbe;
import dev.haremote.reachability.probe.TargetSpec;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns one round's probes (and the shown, flap-suppressed verdict) into the status JSON. */
public final class StatusAssembler {
  private StatusAssembler() {}

  /** A target before its first round: everything unknown. */
  public static TargetStatus notYetChecked(TargetSpec spec) {
    return new TargetStatus(
        spec.id(),
        spec.url().toString(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The last results, marked with why this round's check of the target did not finish. */
  public static TargetStatus withCheckError(TargetStatus t, String error) {
    return new TargetStatus(
        t.id(),
        t.url(),
        t.checkedAt(),
        t.reachable(),
        t.verdict(),
        t.advice(),
        t.verdictFamily(),
        t.rawReachable(),
        t.rawVerdict(),
        t.ipv4(),
        t.ipv6(),
        t.hairpin(),
        t.splitHorizon(),
        t.splitHorizonNeeded(),
        t.plainHttpExposed(),
        t.cgnat(),
        t.dnsDrift(),
        t.external(),
        t.internal(),
        t.durationSeconds(),
        t.evidence(),
        t.haUrls(),
        error);
  }

  /**
   * @param shownFamilies each family's flap-suppressed verdict
   * @param shown the target's, combined from {@code shownFamilies} by the documented rule
   */
  public static TargetStatus target(
      TargetSpec spec, TargetProbe probe, Map<IpFamily, Verdict> shownFamilies, Verdict shown) {
    return target(spec, probe, shownFamilies, shown, null);
  }

  /**
   * @param outsideView the public probes' view of this target (Globalping), or null
   */
  public static TargetStatus target(
      TargetSpec spec,
      TargetProbe probe,
      Map<IpFamily, Verdict> shownFamilies,
      Verdict shown,
      OutsideViewStatus outsideView) {
    FamilyStatus v4 = family(probe, IpFamily.IPV4, shownFamilies.get(IpFamily.IPV4));
    FamilyStatus v6 = family(probe, IpFamily.IPV6, shownFamilies.get(IpFamily.IPV6));
    FamilyStatus first = v4 != null ? v4 : v6;
    Boolean hairpin = v4 != null ? v4.hairpin() : v6 != null ? v6.hairpin() : null;
    Boolean split = null;
    for (FamilyObservation f : probe.observation().families().values()) {
      Boolean s = f.splitHorizon();
      if (s != null) {
        split = (split != null && split) || s;
      }
    }
    Boolean plain = null;
    for (FamilyObservation f : probe.observation().families().values()) {
      if (f.plainHttpExposed() != null) {
        plain = (plain != null && plain) || f.plainHttpExposed();
      }
    }
    Boolean drift = null;
    for (FamilyObservation f : probe.observation().families().values()) {
      if (f.drift() != null) {
        drift = (drift != null && drift) || f.drift();
      }
    }
    return new TargetStatus(
        spec.id(),
        spec.url().toString(),
        probe.checkedAt().truncatedTo(ChronoUnit.SECONDS),
        shown.reachableIfKnown(),
        shown.code().code(),
        shown.advice(),
        shown.family() == null ? null : shown.family().key(),
        probe.verdict().reachableIfKnown(),
        probe.verdict().code().code(),
        v4,
        v6,
        hairpin,
        split,
        hairpin == null ? null : !hairpin,
        plain,
        probe.observation().cgnat(),
        drift,
        external(probe.observation().external(), outsideView),
        internal(spec, probe.internal()),
        first == null ? null : first.durationSeconds(),
        shown.evidence(),
        haUrls(spec, probe),
        null);
  }

  /** Home Assistant's URL settings, or why they could not be read. */
  static HaUrlsStatus haUrls(TargetSpec spec, TargetProbe probe) {
    HaUrlSettings settings = HaUrlCheck.settings(probe.observation());
    String working = spec.url().toString();
    if (settings != null) {
      Verdict v = HaUrlCheck.judge(probe.observation());
      return new HaUrlsStatus(
          true,
          null,
          settings.externalUrl(),
          settings.internalUrl(),
          working,
          v == null ? null : v.code().code());
    }
    return new HaUrlsStatus(false, whyNotRead(spec, probe), null, null, working, null);
  }

  private static String whyNotRead(TargetSpec spec, TargetProbe probe) {
    if (spec.login() == null) {
      return "no ha-token-file for this target: Home Assistant's settings need its token";
    }
    List<String> auth =
        probe.observation().families().values().stream()
            .map(f -> f.chain().websocketAuth())
            .filter(java.util.Objects::nonNull)
            .toList();
    if (auth.contains(HomeAssistantLogin.REFUSED)) {
      return "Home Assistant refused the token in ha-token-file";
    }
    if (auth.contains(HomeAssistantLogin.OK)) {
      return "Home Assistant did not answer get_config";
    }
    return "the token was not sent: no path to Home Assistant over verified TLS or a private"
        + " address in this round";
  }

  static InternalStatus internal(TargetSpec spec, ChainObservation c) {
    if (c == null) {
      return null;
    }
    return new InternalStatus(
        spec.internalUrl().toString(),
        c.good(),
        c.address(),
        c.tcp(),
        c.tls() == null ? null : c.tls().good(),
        c.httpStatus() == 0 ? null : c.httpStatus(),
        c.http() == null || c.http() == HttpIdentity.NO_ANSWER
            ? null
            : c.http() == HttpIdentity.HOME_ASSISTANT,
        c.websocket(),
        seconds(c.duration()));
  }

  static ExternalStatus external(ExternalView view) {
    return external(view, null);
  }

  static ExternalStatus external(ExternalView view, OutsideViewStatus outsideView) {
    if (view.state() == ExternalView.State.NONE) {
      return null;
    }
    Boolean reachable =
        switch (view.state()) {
          case REACHABLE -> true;
          case UNREACHABLE -> false;
          default -> null;
        };
    List<PeerStatus> peers =
        view.peers().stream()
            .map(
                p ->
                    new PeerStatus(
                        p.peer(),
                        p.reachable(),
                        p.verdict() == null ? null : p.verdict().code(),
                        p.error()))
            .toList();
    Map<String, String> families = new LinkedHashMap<>();
    for (IpFamily f : IpFamily.values()) {
      if (view.peers().stream().anyMatch(p -> p.families().containsKey(f))) {
        families.put(f.key(), view.on(f).state().name().toLowerCase(Locale.ROOT));
      }
    }
    return new ExternalStatus(
        view.state().name().toLowerCase(Locale.ROOT), reachable, peers, families, outsideView);
  }

  /** A family as this round saw it (a peer's answer: nothing to suppress). */
  public static FamilyStatus family(TargetProbe probe, IpFamily family) {
    return family(probe, family, probe.familyVerdicts().get(family));
  }

  /**
   * @param shown the family's flap-suppressed verdict
   */
  public static FamilyStatus family(TargetProbe probe, IpFamily family, Verdict shown) {
    FamilyProbe fp = probe.families().get(family);
    if (fp == null) {
      return null;
    }
    FamilyObservation f = fp.observation();
    ChainObservation c = f.chain();
    Verdict raw = probe.familyVerdicts().get(family);
    Verdict v = shown != null ? shown : raw;
    DnsFailure dnsFailure =
        f.publicAddresses().isEmpty()
            ? f.publicDnsFailure()
            : f.internalAddresses().isEmpty() ? f.insideDnsFailure() : null;
    Boolean hairpin = f.publicPath() == null ? null : f.publicPath().works();
    return new FamilyStatus(
        !f.publicAddresses().isEmpty(),
        c.address(),
        f.internalAddresses(),
        f.publicAddresses(),
        f.dnsDetail(),
        c.tcp(),
        c.tls() == null ? null : c.tls().good(),
        c.tls() == null ? null : c.tls().detail(),
        c.httpStatus() == 0 ? null : c.httpStatus(),
        c.http() == null || c.http() == HttpIdentity.NO_ANSWER ? null : c.http().isHomeAssistant(),
        c.websocket(),
        c.websocketAuth(),
        seconds(c.duration()),
        v == null ? null : v.reachableIfKnown(),
        v == null ? null : v.code().code(),
        f.plainHttpAddress(),
        hairpin,
        f.plainHttpExposed(),
        dnsFailure == null ? null : dnsFailure.key(),
        raw == null ? null : raw.reachableIfKnown(),
        raw == null ? null : raw.code().code(),
        raw == null ? List.of() : raw.evidence());
  }

  private static Double seconds(Duration d) {
    return d == null ? null : Math.round(d.toNanos() / 1e6) / 1e3;
  }
}
