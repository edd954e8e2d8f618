package dev.haremote.reachability.probe;

import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.IpFamily;
import dev.haremote.reachability.ddns.DdnsFacts;
import dev.haremote.reachability.diagnosis.ChainObservation;
import dev.haremote.reachability.diagnosis.Diagnosis;
import dev.haremote.reachability.diagnosis.ExternalView;
import dev.haremote.reachability.diagnosis.FamilyObservation;
import dev.haremote.reachability.diagnosis.HttpIdentity;
import dev.haremote.reachability.diagnosis.NatFacts;
import dev.haremote.reachability.diagnosis.PublicPathObservation;
import dev.haremote.reachability.diagnosis.TargetObservation;
import dev.haremote.reachability.diagnosis.Verdict;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Probes one target on each of its families on its own (never happy-eyeballs): DNS inside and
 * outside, then in parallel the chain on the inside answer, the public address from inside
 * (hairpin) and plain http on the public address. Every probe has its own deadline; all run on the
 * given bounded executor and never wait on each other inside it.
 */
public final class TargetProber {
  private final NameResolution names;
  private final ChainProber chainProber;
  private final Duration timeout;
  private final int plainHttpPort;
  private final Executor executor;

  public TargetProber(
      NameResolution names,
      ChainProber chainProber,
      Duration timeout,
      int plainHttpPort,
      Executor executor) {
    this.names = names;
    this.chainProber = chainProber;
    this.timeout = timeout;
    this.plainHttpPort = plainHttpPort;
    this.executor = executor;
  }

  /**
   * @param external the peers' view, computed elsewhere in parallel
   * @param inside true at home (DNS from the internal resolvers, hairpin and ddns facts); false for
   *     a peer's outside view (public resolvers only)
   */
  public CompletableFuture<TargetProbe> probe(
      TargetSpec target, DdnsFacts ddns, CompletableFuture<ExternalView> external, boolean inside) {
    Map<IpFamily, CompletableFuture<FamilyProbe>> futures = new LinkedHashMap<>();
    for (IpFamily family : target.families()) {
      futures.put(family, probeFamily(target, family, ddns, inside));
    }
    CompletableFuture<ChainObservation> internal =
        inside && target.internalUrl() != null
            ? async(() -> probeInternal(target))
            : CompletableFuture.completedFuture(null);
    CompletableFuture<?>[] all =
        futures.values().toArray(new CompletableFuture<?>[futures.size() + 2]);
    all[futures.size()] = external;
    all[futures.size() + 1] = internal;
    return CompletableFuture.allOf(all)
        .thenApply(
            ignored -> {
              Map<IpFamily, FamilyProbe> families = new LinkedHashMap<>();
              Map<IpFamily, FamilyObservation> observations = new LinkedHashMap<>();
              futures.forEach(
                  (f, fut) -> {
                    families.put(f, fut.join());
                    observations.put(f, fut.join().observation());
                  });
              TargetObservation obs =
                  new TargetObservation(
                      target.id(),
                      target.url(),
                      observations,
                      nat(ddns, observations),
                      external.join(),
                      internal.join() == null ? null : internal.join().good());
              Map<IpFamily, Verdict> perFamily = new EnumMap<>(IpFamily.class);
              observations.forEach((f, o) -> perFamily.put(f, Diagnosis.diagnoseFamilyOf(obs, f)));
              return new TargetProbe(
                  obs,
                  families,
                  perFamily,
                  Diagnosis.diagnose(obs),
                  internal.join(),
                  Instant.now());
            });
  }

  private CompletableFuture<FamilyProbe> probeFamily(
      TargetSpec target, IpFamily family, DdnsFacts ddns, boolean inside) {
    String host = target.url().getHost();
    return async(
            () -> {
              Deadline deadline = Deadline.in(timeout);
              long t0 = System.nanoTime();
              // Half the time for each view: public resolvers that hang must not leave the inside
              // unasked (nor the other way round).
              NameResolution.Answer outside =
                  names.outside(
                      host, family, inside ? Deadline.in(timeout.dividedBy(2)) : deadline);
              NameResolution.Answer in = inside ? names.inside(host, family, deadline) : outside;
              return new Dns(in, outside, Duration.ofNanos(System.nanoTime() - t0));
            })
        .thenCompose(dns -> probeAddresses(target, family, ddns, dns, inside));
  }

  private record Dns(NameResolution.Answer inside, NameResolution.Answer outside, Duration took) {}

  private CompletableFuture<FamilyProbe> probeAddresses(
      TargetSpec target, IpFamily family, DdnsFacts ddns, Dns dns, boolean inside) {
    URI url = target.url();
    String expected = inside ? ddns.publicAddress(family) : null;
    String publicAddress =
        expected != null
            ? expected
            : dns.outside().addresses().isEmpty() ? null : dns.outside().addresses().get(0);
    String chainAddress =
        dns.inside().addresses().isEmpty() ? null : dns.inside().addresses().get(0);
    boolean chainIsPublic =
        chainAddress != null
            && (dns.outside().addresses().contains(chainAddress) || chainAddress.equals(expected));

    CompletableFuture<ChainProber.ChainProbe> chain =
        chainAddress == null
            ? CompletableFuture.completedFuture(null)
            : async(
                () ->
                    chainProber.probe(
                        url,
                        literal(chainAddress),
                        chainIsPublic,
                        target.login(),
                        false,
                        Deadline.in(timeout)));
    // A CG-NAT address (100.64.0.0/10) is not the home's: nothing to learn by probing it.
    boolean probePublic = inside && publicAddress != null && !Addresses.isCgnat(publicAddress);
    boolean separateHairpin = probePublic && !publicAddress.equals(chainAddress);
    CompletableFuture<PublicPathObservation> hairpin =
        separateHairpin
            ? async(() -> publicPath(url, publicAddress))
            : CompletableFuture.completedFuture(null);
    // Over IPv4 the public address is the router's: reaching HA's plain port there from inside
    // means a port forward exists. Over IPv6 there is no NAT: from inside we reach the host
    // directly, past the router's firewall, so only an outside view could tell. Say nothing (null)
    // rather than raise a false warning.
    CompletableFuture<Boolean> plain =
        probePublic && family == IpFamily.IPV4
            ? async(() -> plainHttpExposed(url, publicAddress))
            : CompletableFuture.completedFuture(null);

    return CompletableFuture.allOf(chain, hairpin, plain)
        .thenApply(
            ignored -> {
              ChainProber.ChainProbe c = chain.join();
              ChainObservation chainObs =
                  c == null ? ChainObservation.notProbed() : c.observation();
              PublicPathObservation pp = hairpin.join();
              if (pp == null && inside && c != null && chainIsPublic) {
                pp =
                    new PublicPathObservation(
                        chainAddress,
                        Boolean.TRUE.equals(chainObs.tcp()),
                        chainObs.http() == null
                            ? null
                            : chainObs.http() == HttpIdentity.HOME_ASSISTANT,
                        chainObs.tcpDetail() != null
                            ? chainObs.tcpDetail()
                            : chainObs.httpDetail());
              }
              Map<Stage, StageResult> stages = new EnumMap<>(Stage.class);
              stages.put(
                  Stage.DNS,
                  StageResult.of(
                      !dns.outside().addresses().isEmpty() && !dns.inside().addresses().isEmpty(),
                      dns.took()));
              if (c != null) {
                stages.putAll(c.stages());
              } else {
                for (Stage s : List.of(Stage.TCP, Stage.TLS, Stage.HTTP, Stage.WEBSOCKET)) {
                  stages.put(s, StageResult.notRun());
                }
              }
              String dnsDetail =
                  dns.outside().reason() != null ? dns.outside().reason() : dns.inside().reason();
              FamilyObservation obs =
                  new FamilyObservation(
                      family,
                      dns.inside().addresses(),
                      dns.outside().addresses(),
                      dnsDetail,
                      chainObs,
                      pp,
                      plain.join(),
                      publicAddress,
                      expected,
                      drift(ddns, url.getHost(), family, expected, dns.outside().addresses()),
                      dns.outside().failure(),
                      dns.inside().failure());
              return new FamilyProbe(obs, stages);
            });
  }

  /** The internal URL the way the app at home uses it, on the target's first family. */
  private ChainObservation probeInternal(TargetSpec target) {
    Deadline deadline = Deadline.in(timeout);
    URI url = target.internalUrl();
    IpFamily family = target.families().get(0);
    NameResolution.Answer answer = names.inside(url.getHost(), family, deadline);
    if (answer.addresses().isEmpty()) {
      return new ChainObservation(
          null, false, null, answer.reason(), null, null, 0, null, null, null, null, Duration.ZERO);
    }
    return chainProber
        .probe(url, literal(answer.addresses().get(0)), false, target.login(), true, deadline)
        .observation();
  }

  private PublicPathObservation publicPath(URI url, String publicAddress) {
    Deadline deadline = Deadline.in(timeout);
    InetAddress address = literal(publicAddress);
    String tcp = TcpConnect.connect(address, ChainProber.port(url), deadline);
    if (tcp != null) {
      return new PublicPathObservation(publicAddress, false, null, tcp);
    }
    HomeAssistantIdentity.Judgement j = chainProber.identify(url, address, deadline);
    Boolean ha = j.identity() == HttpIdentity.NO_ANSWER ? null : j.identity().isHomeAssistant();
    return new PublicPathObservation(publicAddress, true, ha, j.detail());
  }

  /** Home Assistant answering plain http on the public address (HA's own unencrypted port). */
  private Boolean plainHttpExposed(URI url, String publicAddress) {
    Deadline deadline = Deadline.in(timeout);
    InetAddress address = literal(publicAddress);
    if (TcpConnect.connect(address, plainHttpPort, deadline) != null) {
      return false;
    }
    URI plain = URI.create("http://" + hostForUri(url.getHost()) + ":" + plainHttpPort + "/");
    HomeAssistantIdentity.Judgement j = chainProber.identify(plain, address, deadline);
    return j.identity() == HttpIdentity.HOME_ASSISTANT;
  }

  private static String hostForUri(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static Boolean drift(
      DdnsFacts ddns, String host, IpFamily family, String expected, List<String> published) {
    Optional<DdnsFacts.RecordFact> record = ddns.record(host, family);
    if (record.isPresent() && record.get().inSync() != null) {
      return !record.get().inSync();
    }
    if (expected == null || published.isEmpty()) {
      return null;
    }
    return !published.contains(expected);
  }

  private static NatFacts nat(DdnsFacts ddns, Map<IpFamily, FamilyObservation> observations) {
    FamilyObservation v4 = observations.get(IpFamily.IPV4);
    // The public name itself pointing into 100.64.0.0/10 says CG-NAT whatever ddns-service knows.
    boolean nameInCgnat = v4 != null && v4.publicAddresses().stream().anyMatch(Addresses::isCgnat);
    return new NatFacts(
        nameInCgnat ? Boolean.TRUE : ddns.cgnat(), ddns.doubleNat(), ddns.routerWanAddress());
  }

  private static InetAddress literal(String address) {
    return Addresses.parseLiteral(address)
        .orElseThrow(() -> new IllegalStateException("not an address literal: " + address));
  }

  private <T> CompletableFuture<T> async(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, executor);
  }
}
