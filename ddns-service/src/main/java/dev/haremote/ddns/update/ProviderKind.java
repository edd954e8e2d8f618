package dev.haremote.ddns.update;

import dev.haremote.ddns.config.ConfigWord;
import java.util.Optional;

/**
 * The {@code provider:} of a record, parsed once: the start-up check, the engine factory and the
 * metrics all read this instead of trimming and comparing the configured text again.
 */
public enum ProviderKind implements ConfigWord {
  NONE("none"),
  DUCKDNS("duckdns"),
  CLOUDFLARE("cloudflare"),
  RFC2136("rfc2136"),
  DYNDNS2("dyndns2");

  private final String key;

  ProviderKind(String key) {
    this.key = key;
  }

  /** The word in the configuration, the status and the {@code provider} metric label. */
  @Override
  public String key() {
    return key;
  }

  /** The kind a configured value names (case and surrounding blanks ignored), if any. */
  public static Optional<ProviderKind> parse(String configured) {
    return ConfigWord.parse(values(), configured);
  }

  /** "none, duckdns, cloudflare, rfc2136, dyndns2": the accepted words, for messages. */
  public static String accepted() {
    return ConfigWord.joined(values());
  }
}
