package dev.haremote.common.suite.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class RedactingLogFilterTest {
  private final RedactingLogFilter filter = new RedactingLogFilter();

  @Test
  void redactsTheFormattedMessage() {
    ExtLogRecord record =
        new ExtLogRecord(
            Level.INFO, "calling %s", ExtLogRecord.FormatStyle.PRINTF, getClass().getName());
    record.setParameters(new Object[] {"https://www.duckdns.org/update?domains=h&token=abc-123"});

    assertThat(filter.isLoggable(record)).isTrue();
    assertThat(record.getFormattedMessage())
        .isEqualTo("calling https://www.duckdns.org/update?domains=h&token=***");
  }

  @Test
  void redactsThrownMessagesAndCausesButKeepsClassNamesAndFrames() {
    IllegalStateException cause = new IllegalStateException("Authorization: Bearer abc.123");
    RuntimeException thrown = new RuntimeException("GET https://u:pw@host/x failed", cause);
    ExtLogRecord record = new ExtLogRecord(Level.WARNING, "update failed", getClass().getName());
    record.setThrown(thrown);

    filter.isLoggable(record);

    StringWriter trace = new StringWriter();
    record.getThrown().printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString())
        .contains("java.lang.RuntimeException: GET https://***@host/x failed")
        .contains("Caused by: java.lang.IllegalStateException: Authorization: Bearer ***")
        .contains("RedactingLogFilterTest")
        .doesNotContain("pw@")
        .doesNotContain("abc.123");
  }

  @Test
  void leavesHarmlessRecordsUntouched() {
    RuntimeException thrown = new RuntimeException("nothing secret");
    ExtLogRecord record = new ExtLogRecord(Level.INFO, "all fine", getClass().getName());
    record.setThrown(thrown);

    filter.isLoggable(record);

    assertThat(record.getFormattedMessage()).isEqualTo("all fine");
    assertThat(record.getThrown()).isSameAs(thrown);
  }
}
