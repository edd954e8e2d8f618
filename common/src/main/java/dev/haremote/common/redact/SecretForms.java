package dev.haremote.common.redact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every form in which a secret can come back from a peer or a provider: as is, JSON-escaped,
 * URL-encoded ({@code %XX} in either case, {@code +} for a space, encoded in part or in whole),
 * base64 (standard and URL-safe, with or without padding, alone or inside a longer base64 text such
 * as {@code user:token}), and any of those URL-encoded again. One pattern matches them all, so the
 * {@link Redactor} masks a secret whatever a hostile server does to it.
 */
final class SecretForms {
  private static final Base64.Encoder STD = Base64.getEncoder().withoutPadding();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private SecretForms() {}

  /**
   * @param secret at least {@link Redactor#MIN_SECRET_LENGTH} characters
   */
  static Pattern of(String secret) {
    Set<String> alternatives = new LinkedHashSet<>();
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    // Whole encodings first: at one position the regex takes the first alternative that matches.
    for (Base64.Encoder encoder : List.of(STD, URL)) {
      alternatives.add(tolerant(encoder.encodeToString(bytes)) + "(?:=|%3[dD]){0,2}");
    }
    alternatives.add(tolerant(secret));
    String jsonEscaped = jsonEscaped(secret);
    if (!jsonEscaped.equals(secret)) {
      alternatives.add(tolerant(jsonEscaped));
    }
    for (String core : base64Cores(bytes)) {
      if (core.length() >= Redactor.MIN_SECRET_LENGTH) {
        alternatives.add(tolerant(core));
      }
    }
    return Pattern.compile(String.join("|", alternatives));
  }

  /**
   * The base64 characters that depend on the secret alone, for each of the three positions it can
   * have inside a longer base64 text (e.g. {@code user:token} in a Basic credential): whatever
   * comes before or after, these characters appear unchanged.
   */
  static List<String> base64Cores(byte[] secret) {
    List<String> out = new ArrayList<>();
    for (int offset = 0; offset < 3; offset++) {
      byte[] padded = new byte[offset + secret.length + 2];
      System.arraycopy(secret, 0, padded, offset, secret.length);
      int firstBit = offset * 8;
      int endBit = (offset + secret.length) * 8;
      int from = (firstBit + 5) / 6; // first character whose 6 bits all come from the secret
      int to = endBit / 6; // exclusive: the last whole character inside the secret
      for (Base64.Encoder encoder : List.of(STD, URL)) {
        String text = encoder.encodeToString(padded);
        if (to > from) {
          out.add(text.substring(from, to));
        }
      }
    }
    return out;
  }

  /** A regex for {@code text} where each character may also be percent-encoded (UTF-8). */
  static String tolerant(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            cp -> {
              String ch = new String(Character.toChars(cp));
              out.append("(?:").append(Pattern.quote(ch));
              if (cp == ' ') {
                out.append("|\\+");
              }
              out.append('|');
              for (byte b : ch.getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(hexDigit((b >> 4) & 0xf)).append(hexDigit(b & 0xf));
              }
              out.append(')');
            });
    return out.toString();
  }

  private static String hexDigit(int v) {
    char upper = Character.toUpperCase(Character.forDigit(v, 16));
    char lower = Character.toLowerCase(upper);
    return upper == lower ? String.valueOf(upper) : "[" + upper + lower + "]";
  }

  private static String jsonEscaped(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
  }
}
