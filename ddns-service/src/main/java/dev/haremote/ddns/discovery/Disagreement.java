package dev.haremote.ddns.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a family's public address is not trusted enough to change a record, in words that name the
 * sources and what each said: one dissenting source blocks every repair, and the status has to say
 * which one, or the user sees a drift that is never repaired and no reason.
 */
public final class Disagreement {
  private Disagreement() {}

  /**
   * {@code sources disagree: echo-0 and echo-1 say 198.51.100.7, echo-2 says 198.51.100.9; repair
   * waits until 2 sources agree and none says otherwise}, or the quorum shortfall; null when the
   * address is trusted.
   */
  public static String whyNotTrusted(FamilyDiscovery d) {
    if (d.trusted()) {
      return null;
    }
    String waits =
        "repair waits until "
            + d.quorum()
            + (d.quorum() == 1 ? " source gives" : " sources agree on")
            + " an address and none says otherwise";
    Map<String, List<String>> bySaid = new LinkedHashMap<>();
    for (SourceReading r : d.readings()) {
      if (r.address() != null) { // a refused address (private, CG-NAT) is no vote
        bySaid.computeIfAbsent(r.address(), a -> new ArrayList<>()).add(r.source());
      }
    }
    if (bySaid.size() > 1) {
      List<String> parts = new ArrayList<>();
      bySaid.forEach(
          (address, sources) ->
              parts.add(joinNames(sources) + (sources.size() == 1 ? " says " : " say ") + address));
      return "sources disagree: " + String.join(", ", parts) + "; " + waits;
    }
    int gave = bySaid.isEmpty() ? 0 : bySaid.values().iterator().next().size();
    long cannot = d.readings().stream().filter(SourceReading::cannotWorkHere).count();
    return "public "
        + d.family().key()
        + " address not known: "
        + gave
        + " of "
        + d.quorum()
        + " required sources gave one"
        + (cannot == 0
            ? ""
            : " ("
                + cannot
                + (cannot == 1 ? " source cannot" : " sources cannot")
                + " work from where ddns-service runs: no "
                + d.family().key()
                + " route from here)")
        + "; "
        + waits;
  }

  private static String joinNames(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }
}
