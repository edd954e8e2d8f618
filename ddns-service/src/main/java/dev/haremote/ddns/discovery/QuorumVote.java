package dev.haremote.ddns.discovery;

import dev.haremote.common.net.IpFamily;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts the sources' addresses of one family: an address is trusted once a quorum agrees. */
public final class QuorumVote {
  private QuorumVote() {}

  public static FamilyDiscovery decide(IpFamily family, int quorum, List<SourceReading> readings) {
    Map<String, List<String>> byAddress = new LinkedHashMap<>();
    for (SourceReading r : readings) {
      if (r.address() != null && !r.cannotWorkHere()) {
        byAddress.computeIfAbsent(r.address(), a -> new ArrayList<>()).add(r.source());
      }
    }
    if (byAddress.isEmpty()) {
      return new FamilyDiscovery(family, null, null, quorum, List.of(), readings);
    }
    String best = null;
    int bestVotes = 0;
    boolean tie = false;
    for (Map.Entry<String, List<String>> e : byAddress.entrySet()) {
      int votes = e.getValue().size();
      if (votes > bestVotes) {
        best = e.getKey();
        bestVotes = votes;
        tie = false;
      } else if (votes == bestVotes) {
        tie = true;
      }
    }
    boolean agreed = !tie && bestVotes >= quorum;
    List<String> odd = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : byAddress.entrySet()) {
      if (!agreed || !e.getKey().equals(best)) {
        odd.addAll(e.getValue());
      }
    }
    if (!agreed && byAddress.size() == 1) {
      odd.clear(); // one address but too few sources: nobody disagrees, the quorum is just not met
    }
    Boolean sourcesAgree = byAddress.size() > 1 ? Boolean.FALSE : (agreed ? Boolean.TRUE : null);
    return new FamilyDiscovery(
        family, agreed ? best : null, sourcesAgree, quorum, List.copyOf(odd), readings);
  }
}
