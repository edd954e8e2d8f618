package dev.haremote.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SuiteJsonCustomizerTest {
  record Status(Instant checkedAt, Boolean inSync, String publicIpv6, long expiresInSeconds) {}

  @Test
  void snakeCaseIsoInstantsAndNullsWritten() throws Exception {
    String json =
        SuiteJsonCustomizer.newMapper()
            .writeValueAsString(new Status(Instant.parse("2026-11-25T06:00:00Z"), true, null, 42));
    assertThat(json)
        .isEqualTo(
            "{\"checked_at\":\"2026-11-25T06:00:00Z\",\"in_sync\":true,\"public_ipv6\":null,"
                + "\"expires_in_seconds\":42}");
  }

  @Test
  void instantsAreWrittenToTheSecond() throws Exception {
    String json =
        SuiteJsonCustomizer.newMapper()
            .writeValueAsString(
                new Status(Instant.parse("2026-11-25T07:59:48.643073573Z"), null, null, 0));
    assertThat(json).startsWith("{\"checked_at\":\"2026-11-25T07:59:48Z\",");
  }
}
