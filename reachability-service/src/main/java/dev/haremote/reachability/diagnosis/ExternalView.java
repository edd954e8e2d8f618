package dev.haremote.reachability.diagnosis;

import java.util.List;

/**
 * The outside view from the peers, decided by majority of the configured peers.
 *
 * @param majorityFailure the most frequent failing verdict among the peers, when UNREACHABLE
 */
public record ExternalView(State state, VerdictCode majorityFailure, List<PeerOutcome> peers) {

  public enum State {
    /** No peers configured. */
    NONE,
    /** Peers configured, but too few answered to decide. */
    UNKNOWN,
    REACHABLE,
    UNREACHABLE,
    /** Peers answered both ways and neither side has a majority. */
    DISAGREE
  }

  /**
   * One peer's answer.
   *
   * @param reachable null when the peer could not be asked or refused
   * @param error why the peer gave no verdict, or null
   */
  public record PeerOutcome(String peer, Boolean reachable, VerdictCode verdict, String error) {}

  public static ExternalView none() {
    return new ExternalView(State.NONE, null, List.of());
  }

  /**
   * Majority of the configured peers: more than half must say the same. Votes both ways without a
   * majority are a disagreement; too few answers are unknown.
   */
  public static ExternalView decide(List<PeerOutcome> peers) {
    if (peers.isEmpty()) {
      return none();
    }
    long up = peers.stream().filter(p -> Boolean.TRUE.equals(p.reachable())).count();
    long down = peers.stream().filter(p -> Boolean.FALSE.equals(p.reachable())).count();
    int half = peers.size() / 2;
    if (up > half) {
      return new ExternalView(State.REACHABLE, null, peers);
    }
    if (down > half) {
      return new ExternalView(State.UNREACHABLE, mostFrequentFailure(peers), peers);
    }
    if (up > 0 && down > 0) {
      return new ExternalView(State.DISAGREE, null, peers);
    }
    return new ExternalView(State.UNKNOWN, null, peers);
  }

  private static VerdictCode mostFrequentFailure(List<PeerOutcome> peers) {
    VerdictCode best = VerdictCode.PORT_CLOSED;
    long bestCount = 0;
    for (PeerOutcome p : peers) {
      if (!Boolean.FALSE.equals(p.reachable()) || p.verdict() == null) {
        continue;
      }
      long count = peers.stream().filter(o -> o.verdict() == p.verdict()).count();
      if (count > bestCount) {
        best = p.verdict();
        bestCount = count;
      }
    }
    return best;
  }
}
