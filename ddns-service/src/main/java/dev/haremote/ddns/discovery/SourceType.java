package dev.haremote.ddns.discovery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code type:} of a discovery source, parsed once: the start-up check and the engine factory
 * read this instead of trimming and comparing the configured text again.
 */
public enum SourceType {
  HTTP("http"),
  DNS("dns"),
  UPNP("upnp"),
  INTERFACE("interface");

  private final String key;

  SourceType(String key) {
    this.key = key;
  }

  /** The word in the configuration and in a reading's {@code type} in the status. */
  public String key() {
    return key;
  }

  /** The type a configured value names (case and surrounding blanks ignored), if any. */
  public static Optional<SourceType> parse(String configured) {
    String word = configured == null ? "" : configured.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.key.equals(word)).findFirst();
  }

  /** "http, dns, upnp, interface": the accepted words, for messages. */
  public static String accepted() {
    return Arrays.stream(values()).map(SourceType::key).collect(Collectors.joining(", "));
  }
}
