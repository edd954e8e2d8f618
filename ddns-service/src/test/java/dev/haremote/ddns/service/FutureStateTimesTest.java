package dev.haremote.ddns.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.ddns.state.DdnsState;
import dev.haremote.ddns.state.RecordState;
import dev.haremote.ddns.state.StateStore;
import dev.haremote.ddns.status.DdnsStatus;
import dev.haremote.ddns.testing.EngineLab;
import dev.haremote.labkit.ddns.DuckDnsStandIn;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A state file written while the clock was an hour ahead (a failed update, its backoff and cooldown
 * in the future) holds nothing back once the clock is right: the update goes out after the usual
 * two checks, not an hour later, and the status says the clock was off.
 */
class FutureStateTimesTest {
  private static final String TOKEN = "d7c1a0de-5eed-4bad-8c0f-000000000042";
  private EngineLab lab;

  @AfterEach
  void close() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void updatesResumeByThemselvesWhenTheClockIsRight() {
    lab = new EngineLab(2);
    DuckDnsStandIn duck = lab.provider(new DuckDnsStandIn(TOKEN, "my-home"));
    Map<String, String> p = lab.properties(false);
    p.put("ddns.records[0].provider", "duckdns");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].duckdns.url", duck.updateUrl());
    p.put("ddns.records[0].duckdns.token-file", lab.secretFile(TOKEN).toString());
    StateStore store = new StateStore(lab.stateDir);
    DdnsState written = new DdnsState();
    RecordState s = written.record("my-home.duckdns.org", "ipv4");
    Instant anHourAhead = lab.clock.instant().plus(Duration.ofHours(1));
    s.attempts = 1;
    s.consecutiveFailures = 1;
    s.lastAttemptAt = anHourAhead;
    s.notBefore = anHourAhead.plus(Duration.ofMinutes(1));
    s.driftSince = anHourAhead;
    assertThat(store.save(written)).isNull();

    DdnsEngine engine = lab.engine(p);
    DdnsStatus first = engine.runNow();
    assertThat(first.clockProblem()).contains("times in the future").contains("NTP");
    assertThat(first.records().get(0).driftSince()).isEqualTo(lab.clock.instant());
    lab.clock.advance(Duration.ofMinutes(1));
    engine.runNow(); // two checks: the drift is confirmed, the 5 min cooldown from now remains
    assertThat(duck.received()).isEmpty();
    lab.clock.advance(Duration.ofMinutes(5));
    DdnsStatus repaired = engine.runNow();

    assertThat(duck.received()).hasSize(1);
    assertThat(repaired.records().get(0).inSync()).isTrue();
  }
}
