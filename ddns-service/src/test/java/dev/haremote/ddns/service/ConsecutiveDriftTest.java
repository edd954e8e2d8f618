package dev.haremote.ddns.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.ddns.status.DdnsStatus;
import dev.haremote.ddns.testing.EngineLab;
import dev.haremote.labkit.ddns.DuckDnsStandIn;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Drift on two consecutive checks" means two checks at least one interval (less 10 %) apart: the
 * back-to-back rounds of a start-up are one check, and a restart never updates at once.
 */
class ConsecutiveDriftTest {
  private static final String TOKEN = "d7c1a0de-5eed-4bad-8c0f-000000000042";
  private EngineLab lab;
  private DuckDnsStandIn duck;

  @AfterEach
  void close() {
    if (lab != null) {
      lab.close();
    }
  }

  private Map<String, String> duckdns() {
    lab = new EngineLab(2);
    duck = lab.provider(new DuckDnsStandIn(TOKEN, "my-home"));
    Map<String, String> p = lab.properties(false); // ddns.interval 60s
    p.put("ddns.records[0].provider", "duckdns");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].duckdns.url", duck.updateUrl());
    p.put("ddns.records[0].duckdns.token-file", lab.secretFile(TOKEN).toString());
    return p;
  }

  @Test
  void twoRoundsCloserThanTheIntervalAreOneCheck() {
    DdnsEngine engine = engine(duckdns());

    engine.runNow();
    lab.clock.advance(Duration.ofMillis(400)); // the scheduler's first round right after start-up
    DdnsStatus second = engine.runNow();
    lab.clock.advance(Duration.ofSeconds(53)); // 53.4 s after the first: under 54 s
    DdnsStatus third = engine.runNow();

    assertThat(duck.received()).isEmpty();
    assertThat(second.records().get(0).repairWaits()).isEqualTo("drift seen on 1 of 2 checks");
    assertThat(third.records().get(0).repairWaits()).isEqualTo("drift seen on 1 of 2 checks");

    lab.clock.advance(Duration.ofMillis(600)); // 54 s after the first: interval less 10 %
    DdnsStatus fourth = engine.runNow();
    assertThat(duck.received()).hasSize(1);
    assertThat(fourth.records().get(0).inSync()).isTrue();
  }

  @Test
  void aRestartDoesNotUpdateAtOnce() {
    Map<String, String> p = duckdns();
    DdnsEngine before = engine(p);
    before.runNow(); // drift seen once, then the process restarts
    lab.clock.advance(Duration.ofMinutes(5));

    DdnsEngine after = engine(p);
    DdnsStatus first = after.runNow();
    lab.clock.advance(Duration.ofMillis(400));
    after.runNow();
    assertThat(duck.received()).isEmpty();
    assertThat(first.records().get(0).repairWaits()).isEqualTo("drift seen on 1 of 2 checks");
    assertThat(first.records().get(0).driftSince()).isNotNull();

    lab.clock.advance(Duration.ofMinutes(1));
    after.runNow();
    assertThat(duck.received()).hasSize(1);
  }

  private DdnsEngine engine(Map<String, String> p) {
    return lab.engine(p);
  }
}
