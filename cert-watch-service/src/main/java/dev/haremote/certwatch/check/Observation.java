package dev.haremote.certwatch.check;

import dev.haremote.common.net.IpFamily;
import dev.haremote.common.tls.ChainVerifier;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What one check of one certificate source saw, before it is judged (renewal, served vs file).
 *
 * @param family the IP family of an endpoint check; null for files
 * @param chain the presented or stored chain, leaf first; empty when none could be read
 * @param verification the chain verdict, or null when there is no chain
 * @param hostnameMatch whether the leaf covers the endpoint's SNI name; null for files
 * @param keyMatches whether the configured private key matches; null without a key
 * @param failure a {@link Reason} code when the check itself failed, else null; with a chain read
 *     (a file), it is about the file's key, which could not be read or used
 * @param failureDetail a sentence for people, or null
 */
public record Observation(
    String id,
    SourceKind source,
    IpFamily family,
    Instant checkedAt,
    List<X509Certificate> chain,
    ChainVerifier.Verification verification,
    Boolean hostnameMatch,
    Boolean keyMatches,
    String failure,
    String failureDetail) {

  /**
   * The end-entity certificate: the one the verification picked by its relations (a file may hold
   * an intermediate first), else the first one.
   */
  public X509Certificate leaf() {
    if (verification != null && verification.leaf() != null) {
      return verification.leaf();
    }
    return chain.isEmpty() ? null : chain.get(0);
  }

  /** The stable key of this certificate in JSON and Home Assistant: {@code endpoint-home-ipv4}. */
  public String key() {
    return key(source, id, family);
  }

  public static String key(SourceKind source, String id, IpFamily family) {
    return source.key() + "-" + id + (family == null ? "" : "-" + family.key());
  }

  public static Observation failed(
      String id, SourceKind source, IpFamily family, Instant at, String reason, String detail) {
    return new Observation(id, source, family, at, List.of(), null, null, null, reason, detail);
  }
}
