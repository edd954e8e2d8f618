package dev.haremote.reachability.outside;

import dev.haremote.reachability.diagnosis.ExternalView;
import dev.haremote.reachability.diagnosis.VerdictCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The probes' answers for one IP family, decided by agreement: the outside view counts as evidence
 * only when at least {@code min-agreeing} probes say the same and more probes say it than the
 * opposite. Answers both ways without that are a disagreement, kept and shown; too few answers are
 * unknown.
 *
 * @param state reachable, unreachable, disagree or unknown
 * @param reachable the decided answer, null when not decided
 * @param verdict {@code ok}, or the most frequent failure when unreachable, else null
 * @param probes results received (all probes, answered or not)
 * @param reachedHomeAssistant probes that reached Home Assistant
 * @param failed probes that got no further than a failure, by verdict
 * @param detail the first probe's detail of the deciding side, or why nothing was decided
 */
public record FamilyReading(
    String state,
    Boolean reachable,
    VerdictCode verdict,
    int probes,
    int reachedHomeAssistant,
    Map<VerdictCode, Integer> failed,
    String detail) {

  public FamilyReading {
    failed = Map.copyOf(failed);
  }

  static FamilyReading error(String detail) {
    return new FamilyReading("unknown", null, null, 0, 0, Map.of(), detail);
  }

  /** The answer as the existing majority over peers reads it. */
  public ExternalView.FamilyAnswer answer() {
    return new ExternalView.FamilyAnswer(reachable, reachable == null ? null : verdict);
  }

  static FamilyReading decide(List<ProbeReading> readings, int minAgreeing) {
    int up = 0;
    Map<VerdictCode, Integer> down = new LinkedHashMap<>();
    String upDetail = null;
    String firstUnknown = null;
    for (ProbeReading r : readings) {
      if (Boolean.TRUE.equals(r.reachable())) {
        up++;
        upDetail = upDetail == null ? r.detail() : upDetail;
      } else if (Boolean.FALSE.equals(r.reachable())) {
        down.merge(r.verdict(), 1, Integer::sum);
      } else if (firstUnknown == null) {
        firstUnknown = r.detail();
      }
    }
    int downTotal = down.values().stream().mapToInt(Integer::intValue).sum();
    if (up >= minAgreeing && up > downTotal) {
      return new FamilyReading(
          "reachable", true, VerdictCode.OK, readings.size(), up, down, upDetail);
    }
    if (downTotal >= minAgreeing && downTotal > up) {
      VerdictCode most = mostFrequent(down);
      String detail =
          readings.stream()
              .filter(r -> r.verdict() == most)
              .map(ProbeReading::detail)
              .findFirst()
              .orElse(null);
      return new FamilyReading("unreachable", false, most, readings.size(), up, down, detail);
    }
    if (up > 0 && downTotal > 0) {
      return new FamilyReading(
          "disagree",
          null,
          null,
          readings.size(),
          up,
          down,
          up + " probe(s) reached Home Assistant, " + downTotal + " did not");
    }
    String why =
        readings.isEmpty()
            ? "no probe answered"
            : "fewer than "
                + minAgreeing
                + " probes agree"
                + (firstUnknown == null ? "" : ": " + firstUnknown);
    return new FamilyReading("unknown", null, null, readings.size(), up, down, why);
  }

  /** The most frequent failure; a tie goes to the earlier link of the guide's chain. */
  private static VerdictCode mostFrequent(Map<VerdictCode, Integer> down) {
    VerdictCode best = null;
    for (Map.Entry<VerdictCode, Integer> e : down.entrySet()) {
      if (best == null
          || e.getValue() > down.get(best)
          || e.getValue().equals(down.get(best)) && e.getKey().link().compareTo(best.link()) < 0) {
        best = e.getKey();
      }
    }
    return best;
  }
}
