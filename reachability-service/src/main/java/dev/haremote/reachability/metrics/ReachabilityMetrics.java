package dev.haremote.reachability.metrics;

import dev.haremote.common.net.IpFamily;
import dev.haremote.common.suite.metrics.GaugeCell;
import dev.haremote.reachability.diagnosis.Verdict;
import dev.haremote.reachability.diagnosis.VerdictCode;
import dev.haremote.reachability.probe.FamilyProbe;
import dev.haremote.reachability.probe.Stage;
import dev.haremote.reachability.probe.StageResult;
import dev.haremote.reachability.probe.TargetProbe;
import dev.haremote.reachability.probe.TargetSpec;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract's metrics, registered for every configured target, family, stage and verdict at
 * start so that every series exists before the first round (never missing): the yes/no series
 * ({@code reachability_target_reachable}, {@code reachability_probe_success}) are NaN until a round
 * knows them (unknown is never shown as "no"), the others 0. Labels carry ids and codes only, never
 * addresses or free text. Each series is a typed cell found by target, family and stage, never by a
 * string key.
 */
@ApplicationScoped
public class ReachabilityMetrics {
  /** The series of one stage of one family of one target. */
  private record StageCells(GaugeCell success, GaugeCell duration) {}

  /** The series of one target. */
  private record TargetCells(
      GaugeCell reachable,
      GaugeCell lastCheck,
      Map<VerdictCode, GaugeCell> verdictInfo,
      Map<IpFamily, Map<Stage, StageCells>> stages) {}

  private final MeterRegistry registry;
  private final Map<String, TargetCells> targets = new ConcurrentHashMap<>();

  public ReachabilityMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void register(List<TargetSpec> specs) {
    for (TargetSpec t : specs) {
      Map<VerdictCode, GaugeCell> verdictInfo = new EnumMap<>(VerdictCode.class);
      for (VerdictCode v : VerdictCode.values()) {
        verdictInfo.put(
            v,
            GaugeCell.zero(
                registry,
                "reachability_verdict_info",
                "1 for the target's current verdict (the first broken link), 0 for the others",
                "target",
                t.id(),
                "verdict",
                v.code()));
      }
      Map<IpFamily, Map<Stage, StageCells>> stages = new EnumMap<>(IpFamily.class);
      for (IpFamily f : t.families()) {
        Map<Stage, StageCells> byStage = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
          String[] tags = {"target", t.id(), "ip_protocol", f.key(), "stage", s.label()};
          byStage.put(
              s,
              new StageCells(
                  GaugeCell.yesNo(
                      registry,
                      "reachability_probe_success",
                      "1 when the stage of the last probe succeeded, 0 when it failed or was not"
                          + " reached; NaN before the first round",
                      tags),
                  GaugeCell.zero(
                      registry,
                      "reachability_probe_duration_seconds",
                      "Time the stage of the last probe took, 0 when it was not reached",
                      tags)));
        }
        stages.put(f, byStage);
      }
      targets.put(
          t.id(),
          new TargetCells(
              GaugeCell.yesNo(
                  registry,
                  "reachability_target_reachable",
                  "1 when the target is reachable (flap-suppressed), else 0; NaN before the first"
                      + " round",
                  "target",
                  t.id()),
              GaugeCell.zero(
                  registry,
                  "reachability_last_check_timestamp_seconds",
                  "End of the last completed check of the target (Unix time)",
                  "target",
                  t.id()),
              verdictInfo,
              stages));
    }
  }

  public void record(TargetSpec t, TargetProbe probe, Verdict shown) {
    TargetCells cells = targets.get(t.id());
    if (cells == null) {
      throw new IllegalStateException("target " + t.id() + " was checked but never registered");
    }
    cells.reachable().setYesNo(shown.reachableIfKnown());
    cells.lastCheck().setTimestamp(probe.checkedAt());
    cells.verdictInfo().forEach((v, cell) -> cell.set(v == shown.code() ? 1 : 0));
    for (Map.Entry<IpFamily, FamilyProbe> e : probe.families().entrySet()) {
      Map<Stage, StageCells> byStage = cells.stages().get(e.getKey());
      if (byStage == null) {
        continue; // a family the target is not configured for has no series
      }
      // Without a route from here the stages after DNS were not tried: unknown, not failed.
      boolean noRoute = e.getValue().observation().noRouteFromHere() != null;
      for (Stage s : Stage.values()) {
        StageResult r = e.getValue().stages().getOrDefault(s, StageResult.notRun());
        StageCells stage = byStage.get(s);
        stage.success().set(noRoute && s != Stage.DNS ? Double.NaN : r.success() ? 1 : 0);
        stage.duration().set(r.duration().toNanos() / 1e9);
      }
    }
  }
}
