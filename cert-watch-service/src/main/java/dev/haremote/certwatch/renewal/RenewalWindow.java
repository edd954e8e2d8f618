package dev.haremote.certwatch.renewal;

import java.time.Instant;

/**
 * When a certificate should be renewed: from the CA's ARI answer, or derived from its lifetime.
 *
 * @param source {@code ari} or {@code lifetime}
 * @param explanationUrl the CA's explanation (ARI only, http(s) only), or null
 * @param note why part of the CA's answer was dropped (an explanation URL that is not http(s)), or
 *     null
 */
public record RenewalWindow(
    Instant start, Instant end, String source, String explanationUrl, String note) {
  public static final String ARI = "ari";
  public static final String LIFETIME = "lifetime";

  public RenewalWindow(Instant start, Instant end, String source, String explanationUrl) {
    this(start, end, source, explanationUrl, null);
  }
}
