package dev.haremote.common.dns;

import java.time.Duration;

/**
 * Asks one given server one question, with dnsjava, without any cache. Class IN, or CH for {@code
 * whoami.cloudflare}-style TXT questions. One hard deadline; a truncated UDP answer is asked again
 * over TCP; answers are checked for owner, type and class; anything malformed or hostile becomes a
 * {@link DnsAnswer} with a reason, never an exception.
 */
public class DnsClient {

  /** Question of class IN. */
  public DnsAnswer query(DnsServer server, String name, DnsRecordType type, Duration timeout) {
    throw new UnsupportedOperationException("kit: to be implemented");
  }

  /** Question of class CH (CHAOS), e.g. TXT {@code whoami.cloudflare}. */
  public DnsAnswer queryChaos(DnsServer server, String name, DnsRecordType type, Duration timeout) {
    throw new UnsupportedOperationException("kit: to be implemented");
  }
}
