package dev.haremote.certwatch.renewal;

import java.time.Instant;

/**
 * When a certificate should be renewed: from the CA's ARI answer, or derived from its lifetime.
 *
 * @param source {@code ari} or {@code lifetime}
 * @param explanationUrl the CA's explanation (ARI only), or null
 */
public record RenewalWindow(Instant start, Instant end, String source, String explanationUrl) {
  public static final String ARI = "ari";
  public static final String LIFETIME = "lifetime";
}
