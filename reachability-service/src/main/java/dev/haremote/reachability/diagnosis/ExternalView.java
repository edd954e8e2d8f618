package dev.haremote.reachability.diagnosis;

import dev.haremote.common.net.IpFamily;
import java.util.List;
import java.util.Map;

/**
 * The outside view from the peers, decided by majority of the configured peers, for the target as a
 * whole and for each IP family on its own (an IPv4 failure from outside says nothing about IPv6).
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
    DISAGREE;

    /** The outside decided one way or the other: this is proof, not inference. */
    public boolean decided() {
      return this == REACHABLE || this == UNREACHABLE;
    }
  }

  /**
   * One peer's answer.
   *
   * @param reachable null when the peer could not be asked or refused
   * @param error why the peer gave no verdict, or null
   * @param families the peer's answer per family, when it gave one (older peers answer only for the
   *     target as a whole)
   */
  public record PeerOutcome(
      String peer,
      Boolean reachable,
      VerdictCode verdict,
      String error,
      Map<IpFamily, FamilyAnswer> families) {

    public PeerOutcome {
      families = families == null ? Map.of() : Map.copyOf(families);
    }

    public PeerOutcome(String peer, Boolean reachable, VerdictCode verdict, String error) {
      this(peer, reachable, verdict, error, Map.of());
    }

    /** This peer's answer for one family: its own per-family answer, else the whole one. */
    FamilyAnswer on(IpFamily family) {
      FamilyAnswer own = families.get(family);
      return own != null ? own : new FamilyAnswer(reachable, verdict);
    }
  }

  /** A peer's answer for one family: its reachability and the family's own verdict. */
  public record FamilyAnswer(Boolean reachable, VerdictCode verdict) {}

  /** The majority for one family. */
  public record FamilyView(State state, VerdictCode majorityFailure, long up, long down) {}

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
    FamilyView whole =
        majority(peers.stream().map(p -> new FamilyAnswer(p.reachable(), p.verdict())).toList());
    return new ExternalView(whole.state(), whole.majorityFailure(), peers);
  }

  /** The peers' majority over one family. */
  public FamilyView on(IpFamily family) {
    if (peers.isEmpty()) {
      return new FamilyView(State.NONE, null, 0, 0);
    }
    return majority(peers.stream().map(p -> p.on(family)).toList());
  }

  private static FamilyView majority(List<FamilyAnswer> answers) {
    long up = answers.stream().filter(a -> Boolean.TRUE.equals(a.reachable())).count();
    long down = answers.stream().filter(a -> Boolean.FALSE.equals(a.reachable())).count();
    int half = answers.size() / 2;
    if (up > half) {
      return new FamilyView(State.REACHABLE, null, up, down);
    }
    if (down > half) {
      return new FamilyView(State.UNREACHABLE, mostFrequentFailure(answers), up, down);
    }
    if (up > 0 && down > 0) {
      return new FamilyView(State.DISAGREE, null, up, down);
    }
    return new FamilyView(State.UNKNOWN, null, up, down);
  }

  private static VerdictCode mostFrequentFailure(List<FamilyAnswer> answers) {
    VerdictCode best = VerdictCode.PORT_CLOSED;
    long bestCount = 0;
    for (FamilyAnswer a : answers) {
      if (!Boolean.FALSE.equals(a.reachable()) || a.verdict() == null) {
        continue;
      }
      long count = answers.stream().filter(o -> o.verdict() == a.verdict()).count();
      if (count > bestCount) {
        best = a.verdict();
        bestCount = count;
      }
    }
    return best;
  }
}
