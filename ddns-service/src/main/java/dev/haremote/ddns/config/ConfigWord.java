package dev.haremote.ddns.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A closed set of words a configuration key accepts ({@code provider:}, a source's {@code type:},
 * {@code rfc2136.algorithm}), each an enum constant with its word: parsed the same way everywhere,
 * named the same way in messages.
 */
public interface ConfigWord {
  /** The word in the configuration. */
  String key();

  /** The constant a configured value names (case and surrounding blanks ignored), if any. */
  static <E extends ConfigWord> Optional<E> parse(E[] words, String configured) {
    String word = configured == null ? "" : configured.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(words).filter(w -> w.key().equals(word)).findFirst();
  }

  /** "a, b, c": the words, for messages. */
  static String joined(ConfigWord[] words) {
    return Arrays.stream(words).map(ConfigWord::key).collect(Collectors.joining(", "));
  }
}
