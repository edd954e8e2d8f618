package dev.haremote.common.secret;

import java.nio.file.Path;

/**
 * Reads a secret from a file (a mounted Kubernetes Secret, /run/secrets/...): trims the trailing
 * newline, registers the value with the Redactor so it is masked everywhere, and never puts the
 * value in an exception message.
 */
public final class SecretFile {
  private SecretFile() {}

  /**
   * @throws IllegalArgumentException naming the path (not the content) when it cannot be read
   */
  public static String read(Path path) {
    throw new UnsupportedOperationException("suite: to be implemented");
  }
}
