package dev.haremote.reachability.outside;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haremote.common.net.IpFamily;
import dev.haremote.reachability.config.ReachabilityConfig;
import dev.haremote.reachability.diagnosis.ExternalView;
import dev.haremote.reachability.probe.TargetSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The outside view from Globalping's public probes, as one more voter beside the peers: per target
 * and IP family one HTTP measurement of {@code GET /manifest.json}, at most once per {@code
 * interval}; the rounds in between reuse the answer. A 429 stops all measurements until the API's
 * reset ({@code Retry-After} or {@code X-RateLimit-Reset}) has passed.
 */
public class GlobalpingSource {
  public static final String NAME = "globalping";
  private static final Logger LOG = Logger.getLogger(GlobalpingSource.class);

  /** The settings, typed once. */
  public record Settings(
      String url,
      Optional<Path> tokenFile,
      List<String> locations,
      int limit,
      int minAgreeing,
      Duration interval,
      Duration timeout) {

    public static Settings of(ReachabilityConfig.Globalping g) {
      return new Settings(
          g.url(),
          g.tokenFile(),
          List.copyOf(g.locations()),
          g.limit(),
          g.minAgreeing(),
          g.interval(),
          g.timeout());
    }
  }

  /** The answers of the last measurement of one target. */
  private record Entry(
      Instant measuredAt,
      Instant nextAt,
      Map<IpFamily, FamilyReading> families,
      String error,
      String sent) {}

  private final Settings settings;
  private final GlobalpingClient client;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private volatile Instant blockedUntil = Instant.MIN;

  public GlobalpingSource(Settings settings, Clock clock, GlobalpingClient.Sleeper sleeper) {
    this.settings = settings;
    this.clock = clock;
    this.client = new GlobalpingClient(settings.url(), settings.tokenFile(), clock, sleeper);
  }

  public static GlobalpingSource of(ReachabilityConfig.Globalping g) {
    return new GlobalpingSource(Settings.of(g), Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  /** This target's outside view for the round: measured now when due, else the cached one. */
  public ExternalView.PeerOutcome outcome(TargetSpec t) {
    Entry e;
    synchronized (locks.computeIfAbsent(t.id(), k -> new Object())) {
      e = entries.get(t.id());
      Instant now = clock.instant();
      if (e == null || !now.isBefore(e.nextAt())) {
        e = measure(t, e, now);
        entries.put(t.id(), e);
      }
    }
    return outcome(t, e);
  }

  private ExternalView.PeerOutcome outcome(TargetSpec t, Entry e) {
    Map<IpFamily, ExternalView.FamilyAnswer> families = new EnumMap<>(IpFamily.class);
    for (IpFamily f : t.families()) {
      FamilyReading r = e.families().get(f);
      // Always present: a missing family would fall back to the whole answer in ExternalView.
      families.put(f, r == null ? new ExternalView.FamilyAnswer(null, null) : r.answer());
    }
    ExternalView.FamilyAnswer first = families.get(t.families().get(0));
    String error = e.error();
    if (error == null && first.reachable() == null) {
      FamilyReading r = e.families().get(t.families().get(0));
      error = r == null ? "not measured" : "probes " + r.state() + ": " + r.detail();
    }
    return new ExternalView.PeerOutcome(
        NAME, first.reachable(), first.verdict(), ProbeReading.clean(error), families);
  }

  /** The status JSON for one target, or null before it was ever asked for. */
  public OutsideViewStatus status(String targetId) {
    Entry e = entries.get(targetId);
    if (e == null) {
      return null;
    }
    Map<String, OutsideViewStatus.Family> families = new LinkedHashMap<>();
    e.families()
        .forEach(
            (f, r) -> {
              Map<String, Integer> failed = new LinkedHashMap<>();
              r.failed().forEach((v, n) -> failed.put(v.code(), n));
              families.put(
                  f.key(),
                  new OutsideViewStatus.Family(
                      r.state(),
                      r.reachable(),
                      r.verdict() == null ? null : r.verdict().code(),
                      r.probes(),
                      r.reachedHomeAssistant(),
                      failed,
                      r.detail()));
            });
    return new OutsideViewStatus(
        NAME, settings.url(), e.sent(), e.measuredAt(), e.nextAt(), e.error(), families);
  }

  private Entry measure(TargetSpec t, Entry previous, Instant now) {
    URI url = t.url();
    String sent = MeasurementRequest.measuredUrl(url);
    Instant next = now.plus(settings.interval());
    if (now.isBefore(blockedUntil)) {
      return keep(previous, blockedUntil, "rate limited by Globalping until " + blockedUntil, sent);
    }
    IpFamily literal = MeasurementRequest.literalFamily(url);
    Map<IpFamily, FamilyReading> families = new EnumMap<>(IpFamily.class);
    String error = null;
    for (IpFamily f : t.families()) {
      if (literal != null && literal != f) {
        families.put(f, FamilyReading.error("the URL's host is an " + literal.key() + " address"));
        continue;
      }
      Instant deadline = clock.instant().plus(settings.timeout());
      GlobalpingClient.Outcome o =
          client.measure(
              MeasurementRequest.http(
                  url, literal == null ? f : null, settings.locations(), settings.limit()),
              deadline);
      if (o.retryAfter() != null) {
        Duration wait =
            o.retryAfter().compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofSeconds(1)
                : o.retryAfter();
        blockedUntil = clock.instant().plus(wait).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        LOG.warnf(
            "Globalping rate limit reached: no measurements until %s (target %s)",
            blockedUntil, t.id());
        Instant after = blockedUntil.isAfter(next) ? blockedUntil : next;
        return keep(previous, after, "rate limited by Globalping until " + blockedUntil, sent);
      }
      if (!o.ok()) {
        LOG.infof("Globalping measurement for %s over %s failed: %s", t.id(), f.key(), o.error());
        error = f.key() + ": " + o.error();
        families.put(
            f,
            previous != null && previous.families().containsKey(f)
                ? previous.families().get(f)
                : FamilyReading.error(o.error()));
        continue;
      }
      List<ProbeReading> readings = new ArrayList<>();
      for (JsonNode result : o.results()) {
        readings.add(ProbeReading.of(result));
      }
      families.put(f, FamilyReading.decide(readings, settings.minAgreeing()));
    }
    return new Entry(
        now.truncatedTo(ChronoUnit.SECONDS),
        next.truncatedTo(ChronoUnit.SECONDS),
        families,
        error,
        sent);
  }

  /** No new answers: the previous ones stay (with their own time), the error says why. */
  private static Entry keep(Entry previous, Instant next, String error, String sent) {
    if (previous == null) {
      return new Entry(null, next, Map.of(), error, sent);
    }
    return new Entry(previous.measuredAt(), next, previous.families(), error, sent);
  }
}
