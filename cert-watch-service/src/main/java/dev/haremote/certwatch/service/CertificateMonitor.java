package dev.haremote.certwatch.service;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.check.SourceKind;
import dev.haremote.certwatch.clock.ClockReading;
import dev.haremote.certwatch.clock.TrustedClock;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.certwatch.endpoint.EndpointChecker;
import dev.haremote.certwatch.file.FileChecker;
import dev.haremote.certwatch.renewal.AriClient;
import dev.haremote.certwatch.renewal.RenewalWindow;
import dev.haremote.common.net.IpFamily;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs the checks and keeps the latest status in memory (the REST API only ever reads it). Plain
 * Java with an injected {@link Clock}, so renewal timing is tested at chosen instants.
 */
public class CertificateMonitor {
  private static final Logger LOG = Logger.getLogger(CertificateMonitor.class);

  /** Told about every observation and every new status (metrics). */
  public interface Listener {
    void observed(Observation observation);

    void published(CertWatchStatus status);
  }

  private final List<CertWatchConfig.Endpoint> endpoints;
  private final List<CertWatchConfig.CertificateFile> files;
  private final EndpointChecker endpointChecker;
  private final FileChecker fileChecker;
  private final AriClient ari;
  private final Clock clock;
  private final TrustedClock time;
  private final ExecutorService probes;
  private final Listener listener;

  private final Map<String, Observation> observations = new ConcurrentHashMap<>();
  private final Map<String, RenewalWindow> ariWindows = new ConcurrentHashMap<>();
  private volatile CertWatchStatus status;

  public CertificateMonitor(
      CertWatchConfig config,
      EndpointChecker endpointChecker,
      FileChecker fileChecker,
      AriClient ari,
      Clock clock,
      TrustedClock time,
      ExecutorService probes,
      Listener listener) {
    this.endpoints = config.endpoints().orElse(List.of());
    this.files = config.files().orElse(List.of());
    this.endpointChecker = endpointChecker;
    this.fileChecker = fileChecker;
    this.ari = ari;
    this.clock = clock;
    this.time = time;
    this.probes = probes;
    this.listener = listener;
    this.status = CertWatchStatus.of(null, false, null, List.of(), time.read());
  }

  /** The latest status; never probes. */
  public CertWatchStatus status() {
    return status;
  }

  /** One complete round: every endpoint and family, every file, in parallel. */
  public CertWatchStatus checkAll() {
    time.refresh();
    List<Supplier<Observation>> tasks = new ArrayList<>();
    for (CertWatchConfig.Endpoint endpoint : endpoints) {
      for (IpFamily family : endpoint.families()) {
        tasks.add(
            guarded(
                endpoint.id(),
                SourceKind.ENDPOINT,
                family,
                () -> endpointChecker.check(endpoint, family)));
      }
    }
    for (CertWatchConfig.CertificateFile file : files) {
      tasks.add(guarded(file.id(), SourceKind.FILE, null, () -> fileChecker.check(file)));
    }
    List<Observation> round = runAll(tasks);
    round.forEach(this::record);
    publish();
    lookUpRenewalInfo(round);
    return publish();
  }

  /**
   * Re-checks one file (it changed on disk) and the endpoint that must serve it, so that "renewed
   * but not reloaded" shows at once.
   */
  public CertWatchStatus checkFile(String id) {
    Optional<CertWatchConfig.CertificateFile> file =
        files.stream().filter(f -> f.id().equals(id)).findFirst();
    if (file.isEmpty()) {
      return status;
    }
    List<Supplier<Observation>> tasks = new ArrayList<>();
    tasks.add(guarded(id, SourceKind.FILE, null, () -> fileChecker.check(file.get())));
    file.get()
        .servedBy()
        .flatMap(ref -> endpoints.stream().filter(e -> e.id().equals(ref)).findFirst())
        .ifPresent(
            endpoint -> {
              for (IpFamily family : endpoint.families()) {
                tasks.add(
                    guarded(
                        endpoint.id(),
                        SourceKind.ENDPOINT,
                        family,
                        () -> endpointChecker.check(endpoint, family)));
              }
            });
    List<Observation> seen = runAll(tasks);
    seen.forEach(this::record);
    publish();
    lookUpRenewalInfo(seen);
    return publish();
  }

  public List<CertWatchConfig.CertificateFile> files() {
    return files;
  }

  private void record(Observation observation) {
    observations.put(observation.key(), observation);
    listener.observed(observation);
  }

  /** ARI after publishing: a slow CA must not delay what the file watcher just saw. */
  private void lookUpRenewalInfo(List<Observation> seen) {
    if (ari == null) {
      return;
    }
    for (Observation o : seen) {
      if (o.leaf() == null) {
        continue;
      }
      try {
        Optional<RenewalWindow> window = ari.window(o.leaf());
        if (window.isPresent()) {
          ariWindows.put(o.key(), window.get());
        } else {
          ariWindows.remove(o.key());
        }
      } catch (RuntimeException e) {
        LOG.warnf("ARI lookup for %s failed unexpectedly: %s", o.key(), e.getClass().getName());
      }
    }
  }

  private List<Observation> runAll(List<Supplier<Observation>> tasks) {
    List<Future<Observation>> futures = new ArrayList<>();
    for (Supplier<Observation> task : tasks) {
      futures.add(probes.submit(task::get));
    }
    List<Observation> results = new ArrayList<>();
    for (Future<Observation> future : futures) {
      try {
        results.add(future.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        // guarded() never throws; nothing to add.
        LOG.error("check task failed", e.getCause());
      }
    }
    return results;
  }

  /** A bug in one check must not end the round or the service: it becomes internal_error. */
  private Supplier<Observation> guarded(
      String id, SourceKind source, IpFamily family, Supplier<Observation> check) {
    return () -> {
      try {
        return Objects.requireNonNull(check.get(), "observation");
      } catch (RuntimeException e) {
        LOG.errorf(
            "check of %s failed unexpectedly: %s",
            Observation.key(source, id, family), e.getClass().getName());
        return Observation.failed(
            id, source, family, clock.instant(), Reason.INTERNAL_ERROR, "unexpected error");
      }
    };
  }

  private synchronized CertWatchStatus publish() {
    ClockReading reading = time.read();
    // Verdicts are made at the trusted time; without one (a wrong clock and no reference) the
    // time verdicts become clock_skew in CertificateJudge.
    boolean timeKnown = reading.timeKnown();
    Instant now = timeKnown ? reading.trusted() : reading.system();
    Map<String, CertificateStatus> byKey = new LinkedHashMap<>();
    for (CertWatchConfig.Endpoint endpoint : endpoints) {
      for (IpFamily family : endpoint.families()) {
        Observation o =
            observations.get(Observation.key(SourceKind.ENDPOINT, endpoint.id(), family));
        if (o != null) {
          String target = endpoint.host() + ":" + endpoint.port();
          byKey.put(o.key(), judged(o, target, null, null, now, timeKnown));
        }
      }
    }
    for (CertWatchConfig.CertificateFile file : files) {
      Observation o = observations.get(Observation.key(SourceKind.FILE, file.id(), null));
      if (o == null) {
        continue;
      }
      List<Observation> served = null;
      String servedHost = null;
      Optional<CertWatchConfig.Endpoint> endpoint =
          file.servedBy()
              .flatMap(ref -> endpoints.stream().filter(e -> e.id().equals(ref)).findFirst());
      if (endpoint.isPresent()) {
        served = new ArrayList<>();
        for (IpFamily family : endpoint.get().families()) {
          Observation e =
              observations.get(Observation.key(SourceKind.ENDPOINT, endpoint.get().id(), family));
          if (e != null) {
            served.add(e);
          }
        }
        servedHost = endpoint.get().sni().orElse(endpoint.get().host());
      }
      byKey.put(o.key(), judged(o, file.path().toString(), served, servedHost, now, timeKnown));
    }
    List<CertificateStatus> certificates = new ArrayList<>(byKey.values());
    Double minDaysLeft =
        certificates.stream()
            .map(CertificateStatus::daysLeft)
            .filter(Objects::nonNull)
            .min(Comparator.naturalOrder())
            .orElse(null);
    boolean ok = reading.sane() && certificates.stream().noneMatch(CertificateStatus::problem);
    CertWatchStatus next =
        CertWatchStatus.of(reading.system(), ok, minDaysLeft, List.copyOf(certificates), reading);
    status = next;
    listener.published(next);
    return next;
  }

  private CertificateStatus judged(
      Observation o,
      String target,
      List<Observation> served,
      String servedHost,
      Instant now,
      boolean timeKnown) {
    try {
      return CertificateJudge.judge(
          o,
          target,
          ariWindows.get(o.key()),
          served,
          servedHost,
          now,
          timeKnown,
          ari == null ? null : ari.note());
    } catch (RuntimeException e) {
      LOG.errorf("judging %s failed unexpectedly: %s", o.key(), e.getClass().getName());
      return CertificateJudge.notRead(
          Observation.failed(
              o.id(),
              o.source(),
              o.family(),
              o.checkedAt(),
              Reason.INTERNAL_ERROR,
              "unexpected error"),
          target,
          /* ariNote */ null);
    }
  }
}
