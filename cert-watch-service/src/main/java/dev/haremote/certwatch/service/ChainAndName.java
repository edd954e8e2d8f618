package dev.haremote.certwatch.service;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.common.tls.CertificateFacts;
import dev.haremote.common.tls.ChainStatus;
import java.security.cert.X509Certificate;

/**
 * What a TLS client checks of the chain and the name.
 *
 * @param hostnameMatch whether the leaf covers the SNI name (an endpoint's, or for a file the name
 *     of the endpoint named by {@code served-by}); null when there is no name to match
 * @param chainValid whether the chain verifies to a trusted root
 * @param chainComplete whether the intermediates needed are present; null without a verification
 * @param chainLength certificates presented or stored, leaf included
 */
record ChainAndName(
    Boolean hostnameMatch, Boolean chainValid, Boolean chainComplete, int chainLength) {

  static final ChainAndName NOT_READ =
      new ChainAndName(
          /* hostnameMatch */ null, /* chainValid */ null, /* chainComplete */ null, 0);

  /**
   * @param servedHost the endpoint's SNI name for a file with {@code served-by}, else null
   */
  static ChainAndName of(Observation observation, X509Certificate leaf, String servedHost) {
    Boolean hostnameMatch = observation.hostnameMatch();
    if (hostnameMatch == null && servedHost != null) {
      hostnameMatch = CertificateFacts.coversHost(leaf, servedHost);
    }
    return new ChainAndName(
        hostnameMatch,
        chainStatus(observation) == ChainStatus.VALID,
        observation.verification() == null ? null : observation.verification().complete(),
        observation.chain().size());
  }

  static ChainStatus chainStatus(Observation observation) {
    return observation.verification() == null
        ? ChainStatus.NONE
        : observation.verification().status();
  }
}
