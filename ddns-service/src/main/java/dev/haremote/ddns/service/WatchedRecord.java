package dev.haremote.ddns.service;

import dev.haremote.common.net.IpFamily;
import dev.haremote.common.secret.ReloadingSecretFile;
import dev.haremote.ddns.update.DdnsProvider;
import dev.haremote.ddns.update.ProviderKind;
import java.util.List;

/**
 * One configured record, ready to check.
 *
 * @param kind the configured provider ({@code none} when watch-only without one)
 * @param provider null when watch-only
 * @param configFingerprint a digest of the provider configuration (not the secret)
 * @param secret the provider's secret file, read again when it changes; null when none
 */
public record WatchedRecord(
    String name,
    List<IpFamily> families,
    ProviderKind kind,
    boolean update,
    DdnsProvider provider,
    String configFingerprint,
    ReloadingSecretFile secret) {

  /** The provider's word, as the status and the {@code provider} metric label show it. */
  public String providerKey() {
    return kind.key();
  }

  /**
   * Changes whenever the provider configuration or its secret file changes: updates stopped on a
   * fatal answer resume when it does.
   */
  public String fingerprint() {
    return configFingerprint + "/" + (secret == null ? "-" : secret.version());
  }
}
