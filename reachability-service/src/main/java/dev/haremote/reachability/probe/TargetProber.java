package dev.haremote.reachability.probe;

import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.net.LocalRoute;
import dev.haremote.common.net.RouteCheck;
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
 * (hairpin) and plain http on the public address. One deadline covers the whole check: DNS gets a
 * share of it (so a hanging resolver leaves time to connect), every connection ends at it. All run
 * on the given bounded executor and never wait on each other inside it.
 */
public final class TargetProber {
  private final NameResolution names;
  private final ChainProber chainProber;
  private final int plainHttpPort;
  private final Executor executor;
  private final AddressPolicy addressPolicy;
  private final RouteCheck routeCheck;

  /**
   * Which resolved addresses may be connected to; a refusal is the family's reason. At home every
   * address may; a peer refuses its own (see {@code OwnAddresses}).
   */
  @FunctionalInterface
  public interface AddressPolicy {
    /** Why this address must not be probed, or null when it may. */
    String refusal(InetAddress address);

    AddressPolicy ANY = address -> null;
  }

  public TargetProber(
      NameResolution names, ChainProber chainProber, int plainHttpPort, Executor executor) {
    this(names, chainProber, plainHttpPort, executor, AddressPolicy.ANY);
  }

  public TargetProber(
      NameResolution names,
      ChainProber chainProber,
      int plainHttpPort,
      Executor executor,
      AddressPolicy addressPolicy) {
    this(names, chainProber, plainHttpPort, executor, addressPolicy, new LocalRoute());
  }

  /**
   * @param routeCheck asked before a family is probed: without a route from here the family is not
   *     probed and its observation says why (the kernel's lookup, or a test's answer)
   */
  public TargetProber(
      NameResolution names,
      ChainProber chainProber,
      int plainHttpPort,
      Executor executor,
      AddressPolicy addressPolicy,
      RouteCheck routeCheck) {
    this.names = names;
    this.chainProber = chainProber;
    this.plainHttpPort = plainHttpPort;
    this.executor = executor;
    this.addressPolicy = addressPolicy;
    this.routeCheck = routeCheck;
  }

  /**
   * @param external the peers' view, computed elsewhere in parallel
   * @param inside true at home (DNS from the internal resolvers, hairpin and ddns facts); false for
   *     a peer's outside view (public resolvers only)
   * @param deadline the check's one deadline: every stage of every family ends by it
   */
  public CompletableFuture<TargetProbe> probe(
      TargetSpec target,
      DdnsFacts ddns,
      CompletableFuture<ExternalView> external,
      boolean inside,
      Deadline deadline) {
    Map<IpFamily, CompletableFuture<FamilyProbe>> futures = new LinkedHashMap<>();
    for (IpFamily family : target.families()) {
      futures.put(family, probeFamily(target, family, ddns, inside, deadline));
    }
    CompletableFuture<ChainObservation> internal =
        inside && target.internalUrl() != null
            ? async(() -> probeInternal(target, deadline))
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
      TargetSpec target, IpFamily family, DdnsFacts ddns, boolean inside, Deadline deadline) {
    String host = target.url().getHost();
    return async(
            () -> {
              long t0 = System.nanoTime();
              // DNS gets half of the check, each view half of that at home: public resolvers that
              // hang must not leave the inside unasked (nor the other way round), and a hanging
              // resolver must leave time to connect.
              NameResolution.Answer outside =
                  names.outside(host, family, deadline.within(inside ? 0.25 : 0.5));
              NameResolution.Answer in =
                  inside ? names.inside(host, family, deadline.within(1.0 / 3)) : refused(outside);
              return new Dns(in, inside ? outside : in, Duration.ofNanos(System.nanoTime() - t0));
            })
        .thenCompose(dns -> probeAddresses(target, family, ddns, dns, inside, deadline));
  }

  /** The answer without the addresses this prober must not connect to (a peer's own). */
  private NameResolution.Answer refused(NameResolution.Answer answer) {
    List<String> reasons = new java.util.ArrayList<>();
    List<String> allowed = new java.util.ArrayList<>();
    for (String a : answer.addresses()) {
      Optional<InetAddress> address = Addresses.parseLiteral(a);
      String refusal =
          address.isEmpty() ? "not an address literal" : addressPolicy.refusal(address.get());
      if (refusal == null) {
        allowed.add(a);
      } else {
        reasons.add(a + " refused: " + refusal);
      }
    }
    if (reasons.isEmpty()) {
      return answer;
    }
    // Any refused address refuses the name: which of its addresses a client picks is not ours
    // to choose, and probing the others would still tell whether the name is re-pointed.
    return new NameResolution.Answer(
        List.of(),
        String.join("; ", reasons),
        dev.haremote.reachability.diagnosis.DnsFailure.ERROR);
  }

  private record Dns(NameResolution.Answer inside, NameResolution.Answer outside, Duration took) {}

  private CompletableFuture<FamilyProbe> probeAddresses(
      TargetSpec target,
      IpFamily family,
      DdnsFacts ddns,
      Dns dns,
      boolean inside,
      Deadline deadline) {
    URI url = target.url();
    // Only a literal of this family is an address to connect to (never a name to look up).
    String expected =
        inside
            ? literalOf(family, ddns.publicAddress(family)).map(Addresses::format).orElse(null)
            : null;
    String publicAddress =
        expected != null
            ? expected
            : dns.outside().addresses().isEmpty() ? null : dns.outside().addresses().get(0);
    String chainAddress =
        dns.inside().addresses().isEmpty() ? null : dns.inside().addresses().get(0);
    boolean chainIsPublic =
        chainAddress != null
            && (dns.outside().addresses().contains(chainAddress) || chainAddress.equals(expected));
    // A family this host has no route for (IPv6 from an IPv4-only pod) is not probed at all: its
    // connections would fail here whatever the home does.
    String noRoute = chainAddress == null ? null : routeCheck.noRoute(literal(chainAddress));

    CompletableFuture<ChainProber.ChainProbe> chain =
        chainAddress == null || noRoute != null
            ? CompletableFuture.completedFuture(null)
            : async(
                () ->
                    chainProber.probe(
                        url,
                        literal(chainAddress),
                        chainIsPublic,
                        target.login(),
                        false,
                        deadline));
    // A CG-NAT address (100.64.0.0/10) is not the home's: nothing to learn by probing it.
    boolean probePublic =
        inside && noRoute == null && publicAddress != null && !Addresses.isCgnat(publicAddress);
    boolean separateHairpin = probePublic && !publicAddress.equals(chainAddress);
    CompletableFuture<PublicPathObservation> hairpin =
        separateHairpin
            ? async(() -> publicPath(url, publicAddress, deadline))
            : CompletableFuture.completedFuture(null);
    // Over IPv4 the public address is the router's: reaching HA's plain port there from inside
    // means a port forward exists. Over IPv6 there is no NAT: from inside we reach the host
    // directly, past the router's firewall, so only an outside view could tell. Say nothing (null)
    // rather than raise a false warning.
    CompletableFuture<Boolean> plain =
        probePublic && family == IpFamily.IPV4
            ? async(() -> plainHttpExposed(url, publicAddress, deadline))
            : CompletableFuture.completedFuture(null);

    return CompletableFuture.allOf(chain, hairpin, plain)
        .thenApply(
            ignored -> {
              ChainProber.ChainProbe c = chain.join();
              ChainObservation chainObs =
                  c != null
                      ? c.observation()
                      : noRoute != null ? notTried(chainAddress, chainIsPublic) : notProbed();
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
                  FamilyObservation.of(family)
                      .internalAddresses(dns.inside().addresses())
                      .publicAddresses(dns.outside().addresses())
                      .dnsDetail(dnsDetail)
                      .chain(chainObs)
                      .publicPath(pp)
                      .plainHttp(plain.join(), publicAddress)
                      .ddns(
                          expected,
                          drift(ddns, url.getHost(), family, expected, dns.outside().addresses()))
                      .dnsFailures(dns.outside().failure(), dns.inside().failure())
                      .noRouteFromHere(noRoute)
                      .build();
              return new FamilyProbe(obs, stages);
            });
  }

  private static ChainObservation notProbed() {
    return ChainObservation.notProbed();
  }

  /** An address that was not connected to: no route from here. */
  private static ChainObservation notTried(String address, boolean isPublic) {
    return ChainObservation.notConnected(address, isPublic);
  }

  /** The internal URL the way the app at home uses it, on the target's first family. */
  private ChainObservation probeInternal(TargetSpec target, Deadline deadline) {
    URI url = target.internalUrl();
    IpFamily family = target.families().get(0);
    NameResolution.Answer answer = names.inside(url.getHost(), family, deadline.within(0.5));
    if (answer.addresses().isEmpty()) {
      return ChainObservation.noAddress(answer.reason());
    }
    return chainProber
        .probe(url, literal(answer.addresses().get(0)), false, target.login(), true, deadline)
        .observation();
  }

  private PublicPathObservation publicPath(URI url, String publicAddress, Deadline deadline) {
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
  private Boolean plainHttpExposed(URI url, String publicAddress, Deadline deadline) {
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

  private static Optional<InetAddress> literalOf(IpFamily family, String address) {
    return address == null
        ? Optional.empty()
        : Addresses.parseLiteral(address).filter(family::matches);
  }

  /** Only called with literals that came from a DNS answer or {@link #literalOf}. */
  private static InetAddress literal(String address) {
    return Addresses.parseLiteral(address)
        .orElseThrow(() -> new IllegalStateException("not an address literal: " + address));
  }

  private <T> CompletableFuture<T> async(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, executor);
  }
}
