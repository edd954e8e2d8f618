package dev.haremote.ddns.update;

import dev.haremote.common.redact.Redactor;
import java.util.List;

/**
 * Masks a provider's own secrets in text built from its answers (a hostile server may echo the
 * token back), then applies the suite-wide {@link Redactor}.
 */
final class Secrets {
  private Secrets() {}

  static String mask(String text, List<String> secrets) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) {
        out = out.replace(s, Redactor.MASK);
      }
    }
    return Redactor.redact(out);
  }

  /** A short, printable, secret-free excerpt of an unexpected answer body. */
  static String excerpt(String body, List<String> secrets) {
    String oneLine = body.replaceAll("[^\\x20-\\x7e]", " ").replaceAll("\\s+", " ").trim();
    String masked = mask(oneLine, secrets);
    return masked.length() > 60 ? masked.substring(0, 60) + "..." : masked;
  }
}
