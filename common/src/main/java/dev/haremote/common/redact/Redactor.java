package dev.haremote.common.redact;

/**
 * The one place that removes secrets from text that leaves the process (log lines, exception
 * messages, JSON errors): every secret value the suite has loaded, {@code token=}/{@code
 * password=}-style URL parameters, userinfo in URLs, and bearer/basic credentials.
 */
public final class Redactor {
  public static final String MASK = "***";

  private Redactor() {}

  /** Remember a secret value so that it is masked wherever it appears later. */
  public static void registerSecret(String secret) {
    throw new UnsupportedOperationException("suite: to be implemented");
  }

  public static String redact(String text) {
    throw new UnsupportedOperationException("suite: to be implemented");
  }
}
