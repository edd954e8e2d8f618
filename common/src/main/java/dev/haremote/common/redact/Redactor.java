package dev.haremote.common.redact;

import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * The one place that removes secrets from text that leaves the process (log lines, exception
 * messages, JSON errors): every secret value the suite has loaded, in every form a server can echo
 * it back (URL-encoded, base64, JSON-escaped: {@link SecretForms}), {@code token=}/{@code
 * password=}-style URL parameters, userinfo in URLs, and bearer/basic credentials.
 *
 * <p>Thread-safe: registration publishes a new immutable snapshot; {@link #redact} never locks.
 */
public final class Redactor {
  public static final String MASK = "***";

  /**
   * Shorter values are not registered: masking every "ab" in every log line would hide more than it
   * protects, and such a value is no secret anyway.
   */
  static final int MIN_SECRET_LENGTH = 4;

  /** {@code token=..}, {@code api_token=..}, {@code password=..}, {@code suite.api-token=..}. */
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile(
          "(?i)((?:^|[?&;\\s,{(\"'])[\\w.-]*(?:token|password|passwd|pwd|secret|apikey|api_key|"
              + "api-key|credential|auth)=)([^&\\s\"',;)}#]+)");

  /** JSON-ish {@code "password": "..."} or {@code "api_token": "..."}. */
  private static final Pattern SECRET_JSON_FIELD =
      Pattern.compile(
          "(?i)(\"[\\w.-]*(?:token|password|passwd|secret|apikey|api_key|credential)\"\\s*:\\s*\")"
              + "((?:[^\"\\\\]|\\\\.)*)(\")");

  /** {@code scheme://user:password@host}: the whole userinfo goes. */
  private static final Pattern URL_USERINFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s?#]+@");

  /** {@code Authorization: Bearer abc} (any scheme, any value) in headers and header dumps. */
  private static final Pattern AUTHORIZATION_HEADER =
      Pattern.compile(
          "(?i)(authorization[\"']?\\s*[:=]\\s*[\"']?)(?:(bearer|basic|digest|token)\\s+)?"
              + "[^\\s\"',;]+");

  /**
   * A bare {@code Bearer abc1} / {@code Basic dXNlcjpwYXNz=} elsewhere. Case-sensitive, and the
   * credential must hold a non-letter, so that prose ("basic checks") stays readable.
   */
  private static final Pattern AUTH_SCHEME =
      Pattern.compile(
          "\\b(Bearer|Basic|bearer)(\\s+)(?=[A-Za-z]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{4,}");

  private static final Object LOCK = new Object();

  /** A secret and the pattern of all its forms. */
  private record Registered(String value, Pattern forms) {}

  // Longest first, so that a secret containing another is masked as a whole.
  private static volatile Registered[] secrets = new Registered[0];

  private Redactor() {}

  /**
   * Remember a secret value so that it is masked, in any of its forms, wherever it appears later.
   */
  public static void registerSecret(String secret) {
    if (secret == null) {
      return;
    }
    String value = secret.strip();
    if (value.length() < MIN_SECRET_LENGTH) {
      return;
    }
    synchronized (LOCK) {
      if (Arrays.stream(secrets).anyMatch(r -> r.value().equals(value))) {
        return;
      }
      Registered[] next = Arrays.copyOf(secrets, secrets.length + 1);
      next[secrets.length] = new Registered(value, SecretForms.of(value));
      Arrays.sort(next, Comparator.comparingInt((Registered r) -> r.value().length()).reversed());
      secrets = next;
    }
  }

  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (Registered secret : secrets) {
      result = secret.forms().matcher(result).replaceAll(MASK);
    }
    result = URL_USERINFO.matcher(result).replaceAll("$1" + MASK + "@");
    result =
        AUTHORIZATION_HEADER
            .matcher(result)
            .replaceAll(m -> m.group(1) + (m.group(2) == null ? "" : m.group(2) + " ") + MASK);
    result = AUTH_SCHEME.matcher(result).replaceAll("$1$2" + MASK);
    result = SECRET_PARAMETER.matcher(result).replaceAll("$1" + MASK);
    result = SECRET_JSON_FIELD.matcher(result).replaceAll("$1" + MASK + "$3");
    return result;
  }

  /** For tests only: forget every registered secret. */
  static void forgetAllForTest() {
    synchronized (LOCK) {
      secrets = new Registered[0];
    }
  }
}
