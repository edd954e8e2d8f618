package dev.haremote.ddns.service;

import dev.haremote.common.net.IpFamily;
import dev.haremote.ddns.discovery.AddressSource;
import dev.haremote.ddns.discovery.Disagreement;
import dev.haremote.ddns.discovery.FamilyDiscovery;
import dev.haremote.ddns.discovery.NatCheck;
import dev.haremote.ddns.discovery.QuorumVote;
import dev.haremote.ddns.discovery.SourceReading;
import dev.haremote.ddns.metrics.DdnsMetrics;
import dev.haremote.ddns.published.AddressListCap;
import dev.haremote.ddns.published.PublishedLookup;
import dev.haremote.ddns.published.PublishedView;
import dev.haremote.ddns.published.ServerAnswer;
import dev.haremote.ddns.state.DdnsState;
import dev.haremote.ddns.state.FutureTimestamps;
import dev.haremote.ddns.state.RecordState;
import dev.haremote.ddns.state.StateStore;
import dev.haremote.ddns.state.UpdateEntry;
import dev.haremote.ddns.status.DdnsAdvice;
import dev.haremote.ddns.status.DdnsStatus;
import dev.haremote.ddns.status.LastUpdate;
import dev.haremote.ddns.status.RecordStatus;
import dev.haremote.ddns.update.ClockSkew;
import dev.haremote.ddns.update.UpdateOutcome;
import dev.haremote.ddns.update.UpdateRequest;
import dev.haremote.ddns.update.UpdateResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * One round: discover the public address per family, ask what each name says, track drift, and
 * repair where allowed and safe. Plain Java (no CDI) so a test can run it in a child JVM and kill
 * it mid-update.
 */
public class DdnsEngine {
  private static final Logger LOG = Logger.getLogger(DdnsEngine.class);

  private final List<WatchedRecord> records;
  private final List<AddressSource> sources;
  private final int quorum;
  private final PublishedLookup lookup;
  private final StateStore store;
  private final RepairPolicy policy;
  private final DdnsMetrics metrics;
  private final Clock clock;
  private final Duration confirmTimeout;
  private final DdnsState state;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicReference<DdnsStatus> latest = new AtomicReference<>(DdnsStatus.empty());
  private String stateError;

  /** Per record and family: this host's clock minus the server's, from the last BADTIME answer. */
  private final Map<String, Duration> clockSkews = new LinkedHashMap<>();

  /** Why state times were not trusted at start-up or in a round, or null. */
  private volatile String futureTimesNote;

  public DdnsEngine(
      List<WatchedRecord> records,
      List<AddressSource> sources,
      int quorum,
      PublishedLookup lookup,
      StateStore store,
      RepairPolicy policy,
      DdnsMetrics metrics,
      Clock clock,
      Duration confirmTimeout) {
    this.records = List.copyOf(records);
    this.sources = List.copyOf(sources);
    this.quorum = quorum;
    this.lookup = lookup;
    this.store = store;
    this.policy = policy;
    this.metrics = metrics;
    this.clock = clock;
    this.confirmTimeout = confirmTimeout;
    this.state = records.isEmpty() ? new DdnsState() : store.load();
    distrustFutureTimes();
    for (RecordState s : state.records.values()) {
      // A restart never updates at once: the drift is seen again, one interval apart.
      s.driftChecks = 0;
      s.driftCheckedAt = null;
    }
    recoverInterruptedUpdates();
  }

  /** Times from the future (a clock that was ahead, or is behind now) are set aside, logged. */
  private void distrustFutureTimes() {
    Instant now = clock.instant();
    List<String> reasons = FutureTimestamps.correct(state, now, policy.longestWait());
    if (!reasons.isEmpty()) {
      reasons.forEach(r -> LOG.warnf("state file time not trusted: %s", r));
      futureTimesNote =
          "the state file held times in the future (noticed at "
              + now
              + "): this host's clock was ahead when they were written, or is behind now."
              + " They were set aside; check the clock (NTP)";
    }
  }

  /** The status of the last completed round, from memory. */
  public DdnsStatus latest() {
    return latest.get();
  }

  /** Runs a round unless one is running; returns false when skipped (scheduler). */
  public boolean runIfIdle() {
    if (!lock.tryLock()) {
      return false;
    }
    try {
      round();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Runs a round now, waiting for a running one to finish first (POST /api/v1/check). */
  public DdnsStatus runNow() {
    lock.lock();
    try {
      return round();
    } finally {
      lock.unlock();
    }
  }

  /** An update the process did not live to finish: count it, never repeat it blindly. */
  private void recoverInterruptedUpdates() {
    boolean changed = false;
    for (Map.Entry<String, RecordState> e : state.records.entrySet()) {
      RecordState s = e.getValue();
      if (s.inFlightAddress == null) {
        continue;
      }
      String[] key = e.getKey().split("/", 2);
      UpdateEntry entry =
          new UpdateEntry(
              s.inFlightSince,
              key[0],
              key.length > 1 ? key[1] : "",
              providerOf(key[0]),
              s.inFlightAddress,
              "interrupted",
              "the service stopped before the provider's answer was recorded");
      s.lastUpdate = entry;
      state.addUpdate(entry);
      s.inFlightAddress = null;
      s.inFlightSince = null;
      s.driftChecks = 0; // see the drift twice again before anything else is sent
      metrics.updated(nameOf(key[0]), UpdateResult.INTERRUPTED);
      changed = true;
    }
    if (changed) {
      stateError = store.save(state);
    }
  }

  private String nameOf(String lowerCaseName) {
    return records.stream()
        .map(WatchedRecord::name)
        .filter(n -> n.equalsIgnoreCase(lowerCaseName))
        .findFirst()
        .orElse(lowerCaseName);
  }

  private String providerOf(String name) {
    return records.stream()
        .filter(r -> r.name().equalsIgnoreCase(name))
        .map(WatchedRecord::providerKey)
        .findFirst()
        .orElse("none");
  }

  private DdnsStatus round() {
    distrustFutureTimes(); // the clock may have been stepped back since the last round
    Map<IpFamily, FamilyDiscovery> discovery = discover();
    FamilyDiscovery v4 = discovery.get(IpFamily.IPV4);
    NatCheck.Verdict nat = NatCheck.judge(v4);
    countAddressChanges(discovery);

    List<RecordStatus> recordStatuses = new ArrayList<>();
    for (WatchedRecord r : records) {
      for (IpFamily family : r.families()) {
        recordStatuses.add(check(r, family, discovery));
      }
    }
    if (!records.isEmpty()) {
      String saveError = store.save(state);
      stateError = saveError;
    }
    List<SourceReading> readings = new ArrayList<>();
    List<String> odd = new ArrayList<>();
    Map<IpFamily, Boolean> agreement = new EnumMap<>(IpFamily.class);
    Map<IpFamily, Boolean> known = new EnumMap<>(IpFamily.class);
    Boolean sourcesAgree = null;
    for (FamilyDiscovery d : discovery.values()) {
      readings.addAll(d.readings());
      odd.addAll(d.oddSources());
      agreement.put(d.family(), d.trusted());
      known.put(d.family(), d.address() != null);
      if (Boolean.FALSE.equals(d.sourcesAgree())) {
        sourcesAgree = false;
      } else if (Boolean.TRUE.equals(d.sourcesAgree()) && sourcesAgree == null) {
        sourcesAgree = true;
      }
    }
    boolean noSources = sources.isEmpty() && !records.isEmpty();
    Duration skew = clockSkews.values().stream().filter(Objects::nonNull).findFirst().orElse(null);
    String clockProblem = clockProblem(skew);
    String error = stateError != null ? stateError : noSources ? DdnsAdvice.NO_SOURCES : null;
    DdnsStatus status =
        new DdnsStatus(
            clock.instant(),
            allInSync(recordStatuses),
            v4 == null ? null : v4.address(),
            discovery.containsKey(IpFamily.IPV6) ? discovery.get(IpFamily.IPV6).address() : null,
            sourcesAgree,
            nat.cgnat(),
            nat.advice(),
            nat.wanAddress(),
            List.copyOf(odd),
            List.copyOf(readings),
            List.copyOf(recordStatuses),
            error,
            nat.doubleNat(),
            // A clock the DNS server refuses blocks every signed update: that is the advice.
            clockSkews.isEmpty()
                ? DdnsAdvice.overall(noSources, nat, recordStatuses, stateError)
                : clockProblem,
            skew == null ? null : skew.toSeconds(),
            clockProblem);
    latest.set(status);
    metrics.record(status, agreement, known);
    return status;
  }

  /** Advice when this host's clock is known or suspected to be off; null when nothing says so. */
  private String clockProblem(Duration skew) {
    if (!clockSkews.isEmpty()) {
      return "This host's clock is "
          + ClockSkew.describe(skew)
          + ": the DNS server refuses signed updates (TSIG BADTIME). Set the clock right (NTP);"
          + " updates are retried on the normal schedule and resume by themselves.";
    }
    return futureTimesNote == null ? null : futureTimesNote + ".";
  }

  private Map<IpFamily, FamilyDiscovery> discover() {
    Map<IpFamily, List<SourceReading>> byFamily = new LinkedHashMap<>();
    for (AddressSource s : sources) {
      SourceReading reading;
      try {
        reading = s.read();
      } catch (RuntimeException e) {
        // A bug in one source must not end the round; the status shows it.
        LOG.errorf(e, "discovery source %s failed unexpectedly", s.id());
        reading = SourceReading.failed(s, "internal error: " + e.getClass().getSimpleName());
      }
      byFamily.computeIfAbsent(s.family(), f -> new ArrayList<>()).add(reading);
    }
    Map<IpFamily, FamilyDiscovery> out = new EnumMap<>(IpFamily.class);
    byFamily.forEach((f, list) -> out.put(f, QuorumVote.decide(f, quorum, list)));
    return out;
  }

  private void countAddressChanges(Map<IpFamily, FamilyDiscovery> discovery) {
    for (FamilyDiscovery d : discovery.values()) {
      if (!d.trusted()) {
        continue;
      }
      String before = state.publicAddresses.put(d.family().key(), d.address());
      if (before != null && !before.equals(d.address())) {
        metrics.publicAddressChanged(d.family());
        LOG.infof("public %s address changed from %s to %s", d.family().key(), before, d.address());
      }
    }
  }

  private RecordStatus check(
      WatchedRecord r, IpFamily family, Map<IpFamily, FamilyDiscovery> discovery) {
    FamilyDiscovery d = discovery.get(family);
    String expected = d == null ? null : d.address();
    PublishedView view = lookup.look(r.name(), family);
    RecordState s = state.record(r.name(), family.key());
    Instant now = clock.instant();
    Boolean inSync = inSync(expected, view.published());
    trackDrift(s, inSync, expected, now);

    String note = null;
    // An alias (CNAME) is never in or out of sync, and never updated: its address is its target's.
    if (r.update() && Boolean.FALSE.equals(inSync) && view.aliasOf() == null) {
      note = maybeRepair(r, family, d, view, s, discovery);
      if (note == null) {
        view = lookup.look(r.name(), family); // an update was sent: report the new state
        inSync = inSync(expected, view.published());
        trackDriftAfterUpdate(s, inSync);
      }
    }
    String error =
        firstNonNull(view.error(), d == null ? "no discovery source for " + family.key() : null);
    if (error == null && expected == null && d != null) {
      error = Disagreement.whyNotTrusted(d);
    }
    if (error == null && note != null && note.startsWith("updates stopped")) {
      error = note;
    }
    Instant next = policy.notBefore(s);
    String published = AddressListCap.joined(view.published());
    String repairWaits =
        note == null || note.equals("watch only") || note.startsWith("updates stopped")
            ? null
            : note;
    // Propagated means the right address is what everyone sees: never while drifting.
    Boolean propagated = inSync == null ? null : inSync && Boolean.TRUE.equals(view.propagated());
    String advice =
        DdnsAdvice.record(
            r.name(),
            family.key(),
            expected,
            AddressListCap.described(view.published()),
            inSync,
            propagated,
            view.cachesExpireAt(),
            r.update(),
            r.providerKey(),
            s.stoppedReason,
            d == null ? null : Disagreement.whyNotTrusted(d),
            view.aliasOf(),
            error);
    return new RecordStatus(
        r.name(),
        family,
        r.providerKey(),
        r.update(),
        expected,
        published,
        inSync,
        s.driftSince,
        view.ttl(),
        propagated,
        view.cachesExpireAt(),
        s.lastUpdate == null
            ? null
            : new LastUpdate(
                s.lastUpdate.at(),
                s.lastUpdate.result(),
                s.lastUpdate.address(),
                s.lastUpdate.detail()),
        s.stoppedReason,
        next != null && next.isAfter(now) ? next : null,
        s.attempts,
        s.successes,
        view.zone(),
        shorten(view.authoritative()),
        shorten(view.resolvers()),
        clock.instant(),
        error,
        view.propagated(),
        advice,
        view.published() == null ? null : view.published().size(),
        AddressListCap.truncated(view.published()),
        repairWaits);
  }

  private static List<ServerAnswer> shorten(List<ServerAnswer> answers) {
    // keeps HA attributes small: 8 servers, each with at most AddressListCap.LIMIT addresses
    return answers.stream().limit(8).map(AddressListCap::bounded).toList();
  }

  private static Boolean inSync(String expected, List<String> published) {
    if (expected == null || published == null) {
      return null;
    }
    return published.size() == 1 && published.get(0).equals(expected);
  }

  private void trackDrift(RecordState s, Boolean inSync, String expected, Instant now) {
    if (Boolean.TRUE.equals(inSync)) {
      s.driftSince = null;
      s.driftChecks = 0;
      s.driftCheckedAt = null;
      s.driftTarget = null;
    } else if (Boolean.FALSE.equals(inSync)) {
      if (s.driftSince == null) {
        s.driftSince = now;
      }
      if (!Objects.equals(s.driftTarget, expected)) {
        s.driftChecks = 1;
        s.driftCheckedAt = now;
      } else if (policy.isNewCheck(s.driftCheckedAt, now)) {
        s.driftChecks++;
        s.driftCheckedAt = now;
      } // else: the same check again (start-up rounds, POST /api/v1/check), not a second one
      s.driftTarget = expected;
    } else {
      s.driftChecks = 0; // unknown breaks the run of consecutive drift checks
      s.driftCheckedAt = null;
    }
  }

  private static void trackDriftAfterUpdate(RecordState s, Boolean inSync) {
    if (Boolean.TRUE.equals(inSync)) {
      s.driftSince = null;
      s.driftTarget = null;
    }
    s.driftChecks = 0;
    s.driftCheckedAt = null;
  }

  /** Sends an update when every rule allows it; returns why not, or null when it was sent. */
  private String maybeRepair(
      WatchedRecord r,
      IpFamily family,
      FamilyDiscovery d,
      PublishedView view,
      RecordState s,
      Map<IpFamily, FamilyDiscovery> discovery) {
    if (r.provider() == null) {
      return "watch only";
    }
    if (d == null || !d.trusted()) {
      return d == null ? "no discovery source for " + family.key() : Disagreement.whyNotTrusted(d);
    }
    if (!view.serversAgree()) {
      return "authoritative servers disagree; waiting";
    }
    if (s.stoppedReason != null && !Objects.equals(s.stoppedFingerprint, r.fingerprint())) {
      LOG.infof("configuration or secret file of %s changed: updates resume", r.name());
      s.stoppedReason = null;
      s.stoppedFingerprint = null;
      s.consecutiveFailures = 0;
      s.repeatedFailure = null;
      s.repeatedFailureInARow = 0;
      s.notBefore = null;
    }
    Instant now = clock.instant();
    String wait = policy.reasonToWait(s, now);
    if (wait != null) {
      return wait;
    }
    Map<IpFamily, String> others = new EnumMap<>(IpFamily.class);
    for (IpFamily other : r.families()) {
      FamilyDiscovery od = discovery.get(other);
      if (other != family && od != null && od.trusted()) {
        others.put(other, od.address());
      }
    }
    send(r, family, d.address(), others, s, now);
    return null;
  }

  private void send(
      WatchedRecord r,
      IpFamily family,
      String address,
      Map<IpFamily, String> others,
      RecordState s,
      Instant now) {
    s.attempts++;
    s.lastAttemptAt = now;
    s.inFlightAddress = address;
    s.inFlightSince = now;
    stateError = store.save(state); // a crash from here on is recovered as "interrupted"

    LOG.infof("updating %s %s to %s via %s", r.name(), family.key(), address, r.providerKey());
    UpdateOutcome outcome;
    try {
      outcome = r.provider().update(new UpdateRequest(r.name(), family, address, others));
    } catch (RuntimeException e) {
      LOG.errorf("provider %s failed unexpectedly: %s", r.providerKey(), e.getClass().getName());
      outcome = UpdateOutcome.of(UpdateResult.FAILED, r.providerKey() + ": internal error");
    }
    UpdateResult result = outcome.result();
    String skewKey = DdnsState.key(r.name(), family.key());
    if (result == UpdateResult.CLOCK_SKEW) {
      clockSkews.put(skewKey, outcome.clockSkew());
      LOG.warnf(
          "the server refused the time of the update of %s: this host's clock is %s",
          r.name(), ClockSkew.describe(outcome.clockSkew()));
    } else {
      clockSkews.remove(skewKey);
    }
    if (result.accepted()) {
      boolean confirmed = confirm(r.name(), family, address);
      if (!confirmed && result == UpdateResult.SUCCESS) {
        result = UpdateResult.UNCONFIRMED;
      }
      if (confirmed) {
        s.successes++;
        s.lastSuccessAt = clock.instant();
        s.lastAddress = address;
        s.consecutiveFailures = 0;
        s.repeatedFailure = null;
        s.repeatedFailureInARow = 0;
        s.notBefore = null;
      } else {
        afterFailure(r, s, outcome, result);
      }
    } else {
      afterFailure(r, s, outcome, result);
    }
    String detail = outcome.detail();
    if (result == UpdateResult.UNCONFIRMED) {
      detail = detail + "; the authoritative servers do not show it yet";
    }
    UpdateEntry entry =
        new UpdateEntry(
            now, r.name(), family.key(), r.providerKey(), address, result.key(), detail);
    s.lastUpdate = entry;
    state.addUpdate(entry);
    s.inFlightAddress = null;
    s.inFlightSince = null;
    stateError = store.save(state);
    metrics.updated(r.name(), result);
    LOG.infof("update of %s %s: %s (%s)", r.name(), family.key(), result.key(), detail);
  }

  private void afterFailure(
      WatchedRecord r, RecordState s, UpdateOutcome outcome, UpdateResult result) {
    if (result == UpdateResult.CLOCK_SKEW) {
      // Not the provider's failure and never a stop: retried soon, works once the clock is right.
      s.repeatedFailure = null;
      s.repeatedFailureInARow = 0;
      s.notBefore = clock.instant().plus(policy.clockSkewRetry());
      return;
    }
    s.consecutiveFailures++;
    countRepeatedFailure(s, outcome.detail());
    if (result == UpdateResult.FATAL) {
      stop(r, s, outcome.detail(), outcome.secretRuledOut());
      return;
    }
    // "KO three times in a row" means three KO answers, not KO after two server errors.
    Optional<String> providerStop = r.provider().stopAfter(outcome, s.repeatedFailureInARow);
    if (providerStop.isPresent()) {
      stop(r, s, providerStop.get(), false);
      return;
    }
    Duration wait = policy.backoff(s.consecutiveFailures);
    if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(wait) > 0) {
      wait = outcome.retryAfter();
    }
    s.notBefore = clock.instant().plus(wait);
  }

  /** The run of one same failed answer: the same detail again extends it, another starts anew. */
  private static void countRepeatedFailure(RecordState s, String detail) {
    if (Objects.equals(s.repeatedFailure, detail)) {
      s.repeatedFailureInARow++;
    } else {
      s.repeatedFailure = detail;
      s.repeatedFailureInARow = 1;
    }
  }

  private void stop(WatchedRecord r, RecordState s, String reason, boolean secretRuledOut) {
    s.stoppedReason = reason + "; " + howToResume(r, secretRuledOut);
    s.stoppedFingerprint = r.fingerprint();
    LOG.warnf("updates of %s stopped: %s", r.name(), reason);
  }

  /**
   * The way back from a stop: a corrected secret file is read again without a restart. When the
   * answer ruled the secret out, only the configuration is named.
   */
  private static String howToResume(WatchedRecord r, boolean secretRuledOut) {
    if (r.secret() != null && !secretRuledOut) {
      return "to resume, correct the secret file "
          + r.secret().path()
          + " (read again automatically, no restart needed) or the configuration of "
          + r.name()
          + " and restart";
    }
    return "to resume, correct the configuration of " + r.name() + " and restart";
  }

  /** Polls the authoritative servers until they all publish the address, within the deadline. */
  private boolean confirm(String name, IpFamily family, String address) {
    long end = System.nanoTime() + confirmTimeout.toNanos();
    while (true) {
      List<ServerAnswer> answers = lookup.authoritativeOnly(name, family);
      boolean all =
          !answers.isEmpty()
              && answers.stream()
                  .allMatch(a -> a.answered() && a.addresses().equals(List.of(address)));
      if (all) {
        return true;
      }
      if (System.nanoTime() - end >= 0) {
        return false;
      }
      try {
        Thread.sleep(Math.min(1000, Math.max(50, confirmTimeout.toMillis() / 10)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private static Boolean allInSync(List<RecordStatus> records) {
    boolean unknown = false;
    for (RecordStatus r : records) {
      if (Boolean.FALSE.equals(r.inSync())) {
        return false;
      }
      unknown |= r.inSync() == null;
    }
    return unknown ? null : true;
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
