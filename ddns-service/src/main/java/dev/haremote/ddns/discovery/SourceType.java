package dev.haremote.ddns.discovery;

import dev.haremote.ddns.config.ConfigWord;
import java.util.Optional;

/**
 * The {@code type:} of a discovery source, parsed once: the start-up check and the engine factory
 * read this instead of trimming and comparing the configured text again.
 */
public enum SourceType implements ConfigWord {
  HTTP("http"),
  DNS("dns"),
  UPNP("upnp"),
  INTERFACE("interface");

  private final String key;

  SourceType(String key) {
    this.key = key;
  }

  /** The word in the configuration and in a reading's {@code type} in the status. */
  @Override
  public String key() {
    return key;
  }

  /** The type a configured value names (case and surrounding blanks ignored), if any. */
  public static Optional<SourceType> parse(String configured) {
    return ConfigWord.parse(values(), configured);
  }

  /** "http, dns, upnp, interface": the accepted words, for messages. */
  public static String accepted() {
    return ConfigWord.joined(values());
  }
}
