package dev.haremote.ddns.service;

import static dev.haremote.ddns.testing.EngineLab.NEW;
import static dev.haremote.ddns.testing.EngineLab.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.haremote.ddns.status.DdnsStatus;
import dev.haremote.ddns.status.RecordStatus;
import dev.haremote.ddns.testing.EngineLab;
import dev.haremote.ddns.testing.ShiftedClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Type;

/**
 * A host clock an hour or a day off against a real BIND with TSIG: BIND refuses the update with
 * BADTIME, which is {@code clock_skew} with the skew measured from BIND's time in its answer, never
 * "the key was rejected" and never a stop; the update goes through once the clock is right, with no
 * restart. The host clock is the TSIG signer's {@link ShiftedClock}; BIND keeps the real time.
 */
class ClockSkewTest {
  private EngineLab lab;

  @AfterEach
  void close() {
    if (lab != null) {
      lab.close();
    }
  }

  /** Two checks an interval apart confirm the drift; then the update is sent. */
  private DdnsStatus confirmAndSend(DdnsEngine engine) {
    engine.runNow();
    lab.clock.advance(Duration.ofMinutes(1));
    return engine.runNow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT1H", "-PT1H", "P1D", "-P1D"})
  void aClockOffIsClockSkewRetriedAndRepairedOnceTheClockIsRight(String off) {
    Duration skew = Duration.parse(off);
    lab = new EngineLab(2);
    ShiftedClock hostClock = new ShiftedClock();
    hostClock.shift(skew);
    DdnsEngine engine = lab.engine(lab.rfc2136(false), hostClock);

    DdnsStatus refused = confirmAndSend(engine);

    RecordStatus r = refused.records().get(0);
    assertThat(r.lastUpdate().result()).isEqualTo("clock_skew");
    assertThat(r.lastUpdate().detail())
        .contains("BADTIME")
        .contains(skew.isNegative() ? "behind" : "ahead of")
        .doesNotContain("rejected the TSIG key");
    assertThat(r.updatesStopped()).isNull();
    assertThat(refused.clockSkewSeconds()).isCloseTo(skew.toSeconds(), within(5L));
    assertThat(refused.clockProblem()).contains("TSIG BADTIME").contains("NTP");
    assertThat(refused.advice()).isEqualTo(refused.clockProblem());
    assertThat(lab.published(Type.A)).containsExactly(OLD);
    assertThat(lab.registry.scrape())
        .contains(
            "ddns_updates_total{name=\"my-home.duckdns.org\",provider=\"rfc2136\","
                + "result=\"clock_skew\",} 1.0")
        .contains("ddns_updates_stopped{name=\"my-home.duckdns.org\",} 0.0");

    // Retried on the normal schedule while the clock stays off: refused again, not stopped.
    lab.clock.advance(Duration.ofMinutes(6));
    DdnsStatus again = confirmAndSend(engine);
    assertThat(again.records().get(0).updateAttempts()).isEqualTo(2);
    assertThat(again.records().get(0).lastUpdate().result()).isEqualTo("clock_skew");
    assertThat(again.records().get(0).updatesStopped()).isNull();

    hostClock.shift(Duration.ZERO); // NTP sets the clock right
    lab.clock.advance(Duration.ofMinutes(6));
    DdnsStatus repaired = confirmAndSend(engine);

    RecordStatus fixed = repaired.records().get(0);
    assertThat(fixed.lastUpdate().result()).isEqualTo("success");
    assertThat(fixed.inSync()).isTrue();
    assertThat(fixed.updateAttempts()).isEqualTo(3);
    assertThat(lab.published(Type.A)).containsExactly(NEW);
    assertThat(repaired.clockSkewSeconds()).isNull();
    assertThat(repaired.clockProblem()).isNull();
    assertThat(repaired.advice()).contains("point at the home's public address");
  }

  @Test
  void aClockJustWithinTheFudgeIsNoProblem() {
    lab = new EngineLab(2);
    ShiftedClock hostClock = new ShiftedClock();
    hostClock.shift(Duration.ofMinutes(4)); // BIND allows 300 s
    DdnsEngine engine = lab.engine(lab.rfc2136(false), hostClock);

    DdnsStatus status = confirmAndSend(engine);

    assertThat(status.records().get(0).lastUpdate().result()).isEqualTo("success");
    assertThat(status.clockProblem()).isNull();
    assertThat(lab.published(Type.A)).containsExactly(NEW);
  }
}
