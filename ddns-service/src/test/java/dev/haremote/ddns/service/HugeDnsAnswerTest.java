package dev.haremote.ddns.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.json.SuiteJsonCustomizer;
import dev.haremote.ddns.published.ServerAnswer;
import dev.haremote.ddns.status.DdnsStatus;
import dev.haremote.ddns.status.RecordStatus;
import dev.haremote.ddns.testing.EngineLab;
import dev.haremote.labkit.dns.TestDnsServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A name with 3,800 A records (over TCP after a truncated UDP answer): the status keeps the first
 * 16 addresses of every list copied from the answer, with the count, and stays small.
 */
class HugeDnsAnswerTest {
  private static final int RECORDS = 3800;
  private EngineLab lab;

  @AfterEach
  void close() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void thousandsOfRecordsGiveABoundedStatus() throws Exception {
    lab = new EngineLab(2);
    try (TestDnsServer dns = TestDnsServer.start()) {
      List<String> all = new ArrayList<>();
      for (int i = 0; i < RECORDS; i++) {
        String a = "198.18." + (i / 250) + "." + (i % 250 + 1);
        all.add(a);
        dns.add(EngineLab.NAME, "A", 60, a);
      }
      dns.mode(TestDnsServer.Mode.TRUNCATE_UDP);
      Map<String, String> p = lab.properties(false);
      p.put("ddns.authoritative", dns.hostPort());
      p.put("ddns.resolvers.public", dns.hostPort());
      p.put("ddns.timeout", "5s");

      DdnsStatus status = lab.engine(p).runNow();

      RecordStatus r = status.records().get(0);
      List<String> firstSorted = all.stream().sorted().limit(16).toList();
      assertThat(r.error()).isNull();
      assertThat(r.published()).isEqualTo(String.join(",", firstSorted));
      assertThat(r.publishedCount()).isEqualTo(RECORDS);
      assertThat(r.publishedTruncated()).isTrue();
      assertThat(r.inSync()).isFalse();
      for (ServerAnswer a : List.of(r.authoritative().get(0), r.resolvers().get(0))) {
        assertThat(a.addresses()).isEqualTo(firstSorted);
        assertThat(a.addressCount()).isEqualTo(RECORDS);
      }
      assertThat(r.advice())
          .contains(String.join(",", firstSorted) + " and 3784 more (3800 addresses)")
          .hasSizeLessThan(1000);
      String json = SuiteJsonCustomizer.newMapper().writeValueAsString(status);
      assertThat(json.length()).as("status JSON size").isLessThan(8_000);
      assertThat(json).contains("\"published_count\":3800", "\"published_truncated\":true");
      assertThat(json).contains("\"address_count\":3800");
    }
  }
}
