package dev.haremote.reachability.metrics;

import dev.haremote.common.net.IpFamily;
import dev.haremote.reachability.diagnosis.Verdict;
import dev.haremote.reachability.diagnosis.VerdictCode;
import dev.haremote.reachability.probe.FamilyProbe;
import dev.haremote.reachability.probe.Stage;
import dev.haremote.reachability.probe.StageResult;
import dev.haremote.reachability.probe.TargetProbe;
import dev.haremote.reachability.probe.TargetSpec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract's metrics, registered for every configured target, family, stage and verdict at
 * start so that every series exists before the first round (never missing): the yes/no series
 * ({@code reachability_target_reachable}, {@code reachability_probe_success}) are NaN until a round
 * knows them (unknown is never shown as "no"), the others 0. Labels carry ids and codes only, never
 * addresses or free text.
 */
@ApplicationScoped
public class ReachabilityMetrics {
  private final MeterRegistry registry;
  private final Map<String, Double> values = new ConcurrentHashMap<>();

  public ReachabilityMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void register(List<TargetSpec> targets) {
    for (TargetSpec t : targets) {
      gauge(
          "reachability_target_reachable",
          "1 when the target is reachable (flap-suppressed), else 0; NaN before the first round",
          Tags.of("target", t.id()),
          Double.NaN);
      gauge(
          "reachability_last_check_timestamp_seconds",
          "End of the last completed check of the target (Unix time)",
          Tags.of("target", t.id()));
      for (VerdictCode v : VerdictCode.values()) {
        gauge(
            "reachability_verdict_info",
            "1 for the target's current verdict (the first broken link), 0 for the others",
            Tags.of("target", t.id(), "verdict", v.code()));
      }
      for (IpFamily f : t.families()) {
        for (Stage s : Stage.values()) {
          Tags tags = Tags.of("target", t.id(), "ip_protocol", f.key(), "stage", s.label());
          gauge(
              "reachability_probe_success",
              "1 when the stage of the last probe succeeded, 0 when it failed or was not reached;"
                  + " NaN before the first round",
              tags,
              Double.NaN);
          gauge(
              "reachability_probe_duration_seconds",
              "Time the stage of the last probe took, 0 when it was not reached",
              tags);
        }
      }
    }
  }

  public void record(TargetSpec t, TargetProbe probe, Verdict shown) {
    Boolean reachable = shown.reachableIfKnown();
    set(
        "reachability_target_reachable",
        Tags.of("target", t.id()),
        reachable == null ? Double.NaN : reachable ? 1 : 0);
    set(
        "reachability_last_check_timestamp_seconds",
        Tags.of("target", t.id()),
        probe.checkedAt().toEpochMilli() / 1000.0);
    for (VerdictCode v : VerdictCode.values()) {
      set(
          "reachability_verdict_info",
          Tags.of("target", t.id(), "verdict", v.code()),
          v == shown.code() ? 1 : 0);
    }
    for (Map.Entry<IpFamily, FamilyProbe> e : probe.families().entrySet()) {
      // Without a route from here the stages after DNS were not tried: unknown, not failed.
      boolean noRoute = e.getValue().observation().noRouteFromHere() != null;
      for (Stage s : Stage.values()) {
        StageResult r = e.getValue().stages().getOrDefault(s, StageResult.notRun());
        Tags tags = Tags.of("target", t.id(), "ip_protocol", e.getKey().key(), "stage", s.label());
        set(
            "reachability_probe_success",
            tags,
            noRoute && s != Stage.DNS ? Double.NaN : r.success() ? 1 : 0);
        set("reachability_probe_duration_seconds", tags, r.duration().toNanos() / 1e9);
      }
    }
  }

  private void gauge(String name, String description, Tags tags) {
    gauge(name, description, tags, 0.0);
  }

  private void gauge(String name, String description, Tags tags, double initial) {
    String key = key(name, tags);
    values.putIfAbsent(key, initial);
    Gauge.builder(name, values, m -> m.getOrDefault(key, 0.0))
        .description(description)
        .tags(tags)
        .register(registry);
  }

  private void set(String name, Tags tags, double value) {
    values.put(key(name, tags), value);
  }

  private static String key(String name, Tags tags) {
    StringBuilder sb = new StringBuilder(name);
    tags.forEach(t -> sb.append('|').append(t.getKey()).append('=').append(t.getValue()));
    return sb.toString();
  }
}
