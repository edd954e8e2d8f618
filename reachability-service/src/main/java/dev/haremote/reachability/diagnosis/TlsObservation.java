package dev.haremote.reachability.diagnosis;

/**
 * What the TLS stage saw, as flags, so that the order between certificate problems is decided in
 * {@link Diagnosis} and nowhere else.
 *
 * @param completed the handshake finished
 * @param expired the leaf (or a chain member) is outside its validity period
 * @param nameMatches the leaf covers the URL's host
 * @param trusted the chain verifies against the trust store (complete, known anchor)
 * @param detail a short sentence for people (failure reason, expiry date, names), or null
 */
public record TlsObservation(
    boolean completed, boolean expired, boolean nameMatches, boolean trusted, String detail) {

  public static TlsObservation ok() {
    return new TlsObservation(true, false, true, true, null);
  }

  public static TlsObservation failed(String detail) {
    return new TlsObservation(false, false, false, false, detail);
  }

  public boolean good() {
    return completed && !expired && nameMatches && trusted;
  }
}
