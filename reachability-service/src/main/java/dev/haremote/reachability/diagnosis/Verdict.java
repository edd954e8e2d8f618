package dev.haremote.reachability.diagnosis;

import dev.haremote.common.net.IpFamily;
import java.util.List;

/**
 * The diagnosis of one target (or of everything): a code, the advice for it, and the facts it rests
 * on.
 *
 * @param family the IP family the broken link is on, or null when it concerns all or none
 * @param evidence what was seen and inferred, in the order it was weighed (never null)
 */
public record Verdict(VerdictCode code, String advice, IpFamily family, List<Evidence> evidence) {

  public Verdict {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  public Verdict(VerdictCode code, String advice, IpFamily family) {
    this(code, advice, family, List.of());
  }

  public boolean reachable() {
    return code.reachable();
  }

  /** {@link #reachable()} for the JSON and the metrics: null when the verdict is not known. */
  public Boolean reachableIfKnown() {
    return code.known() ? code.reachable() : null;
  }

  public Verdict withAdvice(String newAdvice) {
    return new Verdict(code, newAdvice, family, evidence);
  }
}
