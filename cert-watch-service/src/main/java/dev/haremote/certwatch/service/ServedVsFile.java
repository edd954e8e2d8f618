package dev.haremote.certwatch.service;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.common.tls.CertificateFacts;
import java.time.Instant;
import java.util.List;

/**
 * A certificate file against what the endpoint named by its {@code served-by} serves.
 *
 * @param matchesFile whether every family serves this file's certificate; null when not configured
 *     or before the endpoint presented a certificate
 * @param servedFingerprintSha256 the certificate served (a differing one, when they differ)
 * @param servedIsOlder whether the differing certificate served ends no later than the file's (the
 *     file was renewed but the server not reloaded); not in the JSON, it picks the words
 */
record ServedVsFile(Boolean matchesFile, String servedFingerprintSha256, boolean servedIsOlder) {
  static final ServedVsFile NOT_COMPARED =
      new ServedVsFile(/* matchesFile */ null, /* servedFingerprintSha256 */ null, true);

  /**
   * @param served what the endpoint's families serve (empty before the endpoint was seen); null
   *     when the file has no {@code served-by}
   */
  static ServedVsFile compare(List<Observation> served, LeafFacts file) {
    if (served == null) {
      return NOT_COMPARED;
    }
    // Unknown (null) until the endpoint has presented a certificate.
    List<Observation> seen = served.stream().filter(o -> o.leaf() != null).toList();
    if (seen.isEmpty()) {
      return NOT_COMPARED;
    }
    Instant notAfter = file.notAfter();
    ServedVsFile verdict = new ServedVsFile(true, file.fingerprintSha256(), true);
    for (Observation o : seen) {
      String other = CertificateFacts.fingerprintSha256(o.leaf());
      if (!other.equals(file.fingerprintSha256())) {
        verdict =
            new ServedVsFile(false, other, !o.leaf().getNotAfter().toInstant().isAfter(notAfter));
      }
    }
    return verdict;
  }

  /** The server serves a certificate other than this file's. */
  boolean differs() {
    return Boolean.FALSE.equals(matchesFile) && servedFingerprintSha256 != null;
  }
}
