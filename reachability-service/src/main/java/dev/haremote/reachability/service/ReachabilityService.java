package dev.haremote.reachability.service;

import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.suite.round.RoundRunner;
import dev.haremote.common.suite.round.RoundThreads;
import dev.haremote.common.suite.round.ServiceRounds;
import dev.haremote.reachability.config.ReachabilityConfig;
import dev.haremote.reachability.ddns.DdnsFacts;
import dev.haremote.reachability.ddns.DdnsStatusClient;
import dev.haremote.reachability.diagnosis.Diagnosis;
import dev.haremote.reachability.diagnosis.ExternalView;
import dev.haremote.reachability.diagnosis.Verdict;
import dev.haremote.reachability.metrics.ReachabilityMetrics;
import dev.haremote.reachability.outside.GlobalpingSource;
import dev.haremote.reachability.peer.OwnAddresses;
import dev.haremote.reachability.peer.PeerClient;
import dev.haremote.reachability.probe.HomeAssistantLogin;
import dev.haremote.reachability.probe.TargetProbe;
import dev.haremote.reachability.probe.TargetProber;
import dev.haremote.reachability.probe.TargetSpec;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs the rounds: every target on every family, the peers, the diagnosis, flap suppression, and
 * keeps the latest status in memory (the status endpoint never probes).
 */
@ApplicationScoped
public class ReachabilityService {
  private static final Logger LOG = Logger.getLogger(ReachabilityService.class);

  private final ReachabilityConfig config;
  private final ReachabilityMetrics metrics;
  private final List<TargetSpec> targets;

  /** Globalping's public probes as one more outside voter, or null when not enabled. */
  private final GlobalpingSource globalping;

  /** One flap filter per target and family; the target's verdict is combined from theirs. */
  private final Map<String, Map<IpFamily, FlapFilter>> filters = new LinkedHashMap<>();

  private final AtomicReference<ReachabilityStatus> status = new AtomicReference<>();

  /** The schedule, POST /api/v1/check and first-round readiness (common's round runner). */
  private final ServiceRounds<ReachabilityStatus> rounds;

  /** Made once: a round must not grow threads or clients (measured in RoundResourcesTest). */
  private final DdnsStatusClient ddnsClient;

  private final List<PeerClient> peerClients;
  private final Object kitLock = new Object();
  private volatile ExecutorService executor;
  private volatile ProbeKit kit;

  public ReachabilityService(
      ReachabilityConfig config, ReachabilityMetrics metrics, RoundRunner runner) {
    this.config = config;
    this.rounds =
        runner.rounds(
            "reachability-service", "reachability-round", config.interval(), this::runRound);
    this.ddnsClient = config.ddnsUrl().map(DdnsStatusClient::new).orElse(null);
    this.peerClients =
        config.peers().stream().map(p -> new PeerClient(p.url(), p.tokenFile())).toList();
    this.metrics = metrics;
    this.targets = specs(config);
    this.globalping =
        config.outside().globalping().enabled()
            ? GlobalpingSource.of(config.outside().globalping())
            : null;
    for (TargetSpec t : targets) {
      Map<IpFamily, FlapFilter> perFamily = new EnumMap<>(IpFamily.class);
      for (IpFamily f : t.families()) {
        perFamily.put(f, new FlapFilter(config.failureThreshold(), config.successThreshold()));
      }
      filters.put(t.id(), perFamily);
    }
    List<TargetStatus> initial = targets.stream().map(StatusAssembler::notYetChecked).toList();
    status.set(new ReachabilityStatus(null, null, null, null, initial, null));
  }

  void onStart(@Observes StartupEvent event) {
    metrics.register(targets);
    rounds.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    rounds.close();
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  static List<TargetSpec> specs(ReachabilityConfig config) {
    List<TargetSpec> out = new ArrayList<>();
    for (ReachabilityConfig.Target t : config.targets()) {
      List<IpFamily> families = new ArrayList<>();
      for (String f : t.families()) {
        IpFamily family = IpFamily.parse(f);
        if (!families.contains(family)) {
          families.add(family);
        }
      }
      families.sort(null); // ipv4 first: its verdict wins when both are broken
      out.add(
          new TargetSpec(
              t.id(),
              URI.create(t.url()),
              List.copyOf(families),
              t.internalUrl().map(URI::create).orElse(null),
              t.haTokenFile().map(file -> new HomeAssistantLogin(t.id(), file)).orElse(null)));
    }
    return List.copyOf(out);
  }

  public ReachabilityStatus status() {
    return status.get();
  }

  public List<TargetSpec> targets() {
    return targets;
  }

  /**
   * A round that starts no earlier than now (POST /api/v1/check): requests while one runs share the
   * next; nobody blocks a thread waiting.
   */
  public CompletionStage<ReachabilityStatus> requestRound() {
    return rounds.requestRound();
  }

  /** Rounds started since start-up (for tests and measurements). */
  public long roundsStarted() {
    return rounds.roundsStarted();
  }

  /** One complete round, on the round thread only (see {@link ServiceRounds}). */
  ReachabilityStatus runRound() {
    if (targets.isEmpty()) {
      ReachabilityStatus empty =
          new ReachabilityStatus(
              Instant.now().truncatedTo(ChronoUnit.SECONDS), null, null, null, List.of(), null);
      status.set(empty);
      return empty;
    }
    ProbeKit kit = ensureKit();
    // One deadline for every target's whole check: ddns-service's facts (a quarter of it), DNS,
    // every connection and body, the peers.
    Deadline deadline = Deadline.in(config.timeout());
    DdnsFacts ddns =
        ddnsClient == null ? DdnsFacts.unavailable(null) : ddnsClient.fetch(deadline.within(0.25));
    TargetProber prober =
        new TargetProber(kit.names(), kit.chainProber(), config.plainHttpPort(), executor);
    Map<TargetSpec, CompletableFuture<TargetProbe>> running = new LinkedHashMap<>();
    for (TargetSpec t : targets) {
      try {
        running.put(t, prober.probe(t, ddns, outsideView(t, deadline), true, deadline));
      } catch (RuntimeException e) {
        running.put(t, CompletableFuture.failedFuture(e));
      }
    }
    List<TargetStatus> statuses = new ArrayList<>();
    List<Diagnosis.TargetVerdict> verdicts = new ArrayList<>();
    running.forEach(
        (t, future) -> {
          TargetProbe probe;
          try {
            probe = future.join();
          } catch (RuntimeException e) {
            // A bug in a probe must not stop the other targets or the rounds to come: the target
            // keeps its last results and says why this round's are missing.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.errorf(cause, "probing target %s failed", t.id());
            statuses.add(withCheckError(previous(t), cause));
            return;
          }
          Map<IpFamily, Verdict> shownFamilies = new LinkedHashMap<>();
          probe
              .familyVerdicts()
              .forEach((f, raw) -> shownFamilies.put(f, filters.get(t.id()).get(f).update(raw)));
          // Ordered as configured (ipv4 first), which the combination rule relies on.
          Map<IpFamily, Verdict> ordered = new LinkedHashMap<>();
          t.families().forEach(f -> ordered.put(f, shownFamilies.get(f)));
          Verdict shown = Diagnosis.combine(probe.observation(), ordered);
          statuses.add(
              StatusAssembler.target(
                  t, probe, ordered, shown, globalping == null ? null : globalping.status(t.id())));
          verdicts.add(new Diagnosis.TargetVerdict(t.id(), shown));
          metrics.record(t, probe, shown);
        });
    Verdict overall = Diagnosis.overall(verdicts);
    ReachabilityStatus next =
        new ReachabilityStatus(
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            overall == null ? null : allReachable(statuses),
            overall == null ? null : overall.code().code(),
            overall == null ? null : overall.advice(),
            List.copyOf(statuses),
            ddns.error());
    status.set(next);
    LOG.debugf("round done: %s", next.verdict());
    return next;
  }

  /** False when any target is not, else null when any is not known, else true. */
  static Boolean allReachable(List<TargetStatus> statuses) {
    if (statuses.stream().anyMatch(s -> Boolean.FALSE.equals(s.reachable()))) {
      return false;
    }
    return statuses.stream().allMatch(s -> Boolean.TRUE.equals(s.reachable())) ? true : null;
  }

  private TargetStatus previous(TargetSpec t) {
    return status.get().targets().stream()
        .filter(s -> s.id().equals(t.id()))
        .findFirst()
        .orElse(StatusAssembler.notYetChecked(t));
  }

  /** The kind of failure only: an exception's message may quote a path or a value. */
  private static TargetStatus withCheckError(TargetStatus last, Throwable cause) {
    String error = "the check failed (" + cause.getClass().getSimpleName() + "); see the log";
    return StatusAssembler.withCheckError(last, error);
  }

  private CompletableFuture<ExternalView> outsideView(TargetSpec t, Deadline deadline) {
    if (peerClients.isEmpty() && globalping == null) {
      return CompletableFuture.completedFuture(ExternalView.none());
    }
    // The peers are asked within the check's own deadline (they are told the time they have).
    List<CompletableFuture<ExternalView.PeerOutcome>> asks = new ArrayList<>();
    for (PeerClient client : peerClients) {
      asks.add(
          CompletableFuture.supplyAsync(
              () -> client.ask(t.url().toString(), t.families(), deadline), executor));
    }
    if (globalping != null) {
      // One more voter: bounded by its own deadline, cached between its (slower) rounds.
      asks.add(CompletableFuture.supplyAsync(() -> globalping.outcome(t), executor));
    }
    return CompletableFuture.allOf(asks.toArray(new CompletableFuture<?>[0]))
        .thenApply(x -> ExternalView.decide(asks.stream().map(CompletableFuture::join).toList()));
  }

  /** The shared executor and the kit, for the peer endpoint too. */
  ProbeKit ensureKit() {
    synchronized (kitLock) {
      return ensureKitLocked();
    }
  }

  private ProbeKit ensureKitLocked() {
    if (kit == null) {
      kit = ProbeKit.from(config);
      executor = RoundThreads.bounded("reachability-probe", config.maxConcurrency());
    }
    return kit;
  }

  /** A prober for the peer endpoint (outside view): same kit, same bounded executor. */
  public TargetProber outsideProber() {
    ProbeKit k = ensureKit();
    return new TargetProber(
        k.names(),
        k.chainProber(),
        config.plainHttpPort(),
        executor,
        config.peer().allowOwnAddresses() ? TargetProber.AddressPolicy.ANY : new OwnAddresses());
  }
}
