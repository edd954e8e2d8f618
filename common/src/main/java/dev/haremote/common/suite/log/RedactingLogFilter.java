package dev.haremote.common.suite.log;

import dev.haremote.common.redact.Redactor;
import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Runs every log record through the Redactor before a handler writes it: the formatted message and
 * the messages of the thrown exception and its causes. Enabled per handler with {@code
 * quarkus.log.console.filter=redact} (set in each service's application.properties).
 */
@LoggingFilter(name = RedactingLogFilter.NAME)
public final class RedactingLogFilter implements Filter {
  public static final String NAME = "redact";

  @Override
  public boolean isLoggable(LogRecord record) {
    String formatted = formattedMessage(record);
    String redacted = Redactor.redact(formatted);
    if (redacted != null && !redacted.equals(formatted)) {
      if (record instanceof ExtLogRecord ext) {
        ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
      } else {
        record.setMessage(redacted);
      }
      record.setParameters(null);
    }
    if (record.getThrown() != null) {
      record.setThrown(RedactedThrowable.of(record.getThrown()));
    }
    return true;
  }

  private static String formattedMessage(LogRecord record) {
    if (record instanceof ExtLogRecord ext) {
      return ext.getFormattedMessage();
    }
    String message = record.getMessage();
    Object[] parameters = record.getParameters();
    if (message == null || parameters == null || parameters.length == 0) {
      return message;
    }
    try {
      return java.text.MessageFormat.format(message, parameters);
    } catch (IllegalArgumentException e) {
      return message;
    }
  }
}
