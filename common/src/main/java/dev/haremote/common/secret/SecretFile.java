package dev.haremote.common.secret;

import dev.haremote.common.redact.Redactor;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    if (path == null) {
      throw new IllegalArgumentException("no secret file given");
    }
    String content;
    try {
      content = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("secret file " + path + " does not exist");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException("secret file " + path + " is not readable");
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException("secret file " + path + " is not UTF-8 text");
    } catch (IOException e) {
      // The exception's own message could quote content in exotic file systems: keep only its kind.
      throw new IllegalArgumentException(
          "secret file " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    String secret = content.strip();
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("secret file " + path + " is empty");
    }
    Redactor.registerSecret(secret);
    return secret;
  }
}
