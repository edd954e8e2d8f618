package dev.haremote.reachability.diagnosis;

import dev.haremote.common.net.IpFamily;

/**
 * The diagnosis of one target (or of everything): a code and the advice for it.
 *
 * @param family the IP family the broken link is on, or null when it concerns all or none
 */
public record Verdict(VerdictCode code, String advice, IpFamily family) {

  public boolean reachable() {
    return code.reachable();
  }
}
