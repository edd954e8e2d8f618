package dev.haremote.common.suite.log;

import dev.haremote.common.redact.Redactor;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Stands in for a logged exception whose message (or a cause's) holds a secret: it prints like the
 * original ({@code original.Class: message}, same stack frames, same causes) with the messages
 * redacted. Exceptions without anything to redact are logged unchanged.
 */
final class RedactedThrowable extends RuntimeException {
  private final String originalClassName;

  private RedactedThrowable(Throwable original, String redactedMessage) {
    super(redactedMessage); // cause left unset, so that initCause can copy the original's
    this.originalClassName = original.getClass().getName();
    setStackTrace(original.getStackTrace());
  }

  static Throwable of(Throwable thrown) {
    if (!needsRedaction(thrown, new IdentityHashMap<>())) {
      return thrown;
    }
    return copy(thrown, new IdentityHashMap<>());
  }

  private static boolean needsRedaction(Throwable t, Map<Throwable, Boolean> seen) {
    if (t == null || seen.put(t, Boolean.TRUE) != null) {
      return false;
    }
    String message = t.getMessage();
    if (message != null && !Objects.equals(message, Redactor.redact(message))) {
      return true;
    }
    for (Throwable suppressed : t.getSuppressed()) {
      if (needsRedaction(suppressed, seen)) {
        return true;
      }
    }
    return needsRedaction(t.getCause(), seen);
  }

  private static Throwable copy(Throwable t, Map<Throwable, Throwable> copies) {
    Throwable done = copies.get(t);
    if (done != null) {
      return done;
    }
    RedactedThrowable redacted = new RedactedThrowable(t, Redactor.redact(t.getMessage()));
    copies.put(t, redacted);
    if (t.getCause() != null) {
      redacted.initCause(copy(t.getCause(), copies));
    }
    for (Throwable suppressed : t.getSuppressed()) {
      redacted.addSuppressed(copy(suppressed, copies));
    }
    return redacted;
  }

  @Override
  public String toString() {
    String message = getLocalizedMessage();
    return message == null ? originalClassName : originalClassName + ": " + message;
  }
}
