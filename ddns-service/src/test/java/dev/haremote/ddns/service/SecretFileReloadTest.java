package dev.haremote.ddns.service;

import static dev.haremote.ddns.testing.EngineLab.NEW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.ddns.status.DdnsStatus;
import dev.haremote.ddns.status.RecordStatus;
import dev.haremote.ddns.testing.EngineLab;
import dev.haremote.labkit.ddns.DuckDnsStandIn;
import dev.haremote.labkit.ddns.Dyndns2StandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * A corrected secret file is read again when it changes: the next update uses it, with no restart,
 * and updates stopped on the old secret resume. The status says how to resume.
 */
class SecretFileReloadTest {
  private static final String RIGHT = "d7c1a0de-5eed-4bad-8c0f-000000000042";
  private static final String OLD_TOKEN = "0ld-t0ken-0000-0000-0000-000000000000";
  private EngineLab lab;

  @AfterEach
  void close() {
    if (lab != null) {
      lab.close();
    }
  }

  private DdnsStatus twoChecks(DdnsEngine engine) {
    engine.runNow();
    lab.clock.advance(Duration.ofMinutes(1));
    return engine.runNow();
  }

  @Test
  void aCorrectedDuckdnsTokenIsUsedAtTheNextUpdateWithoutARestart() throws Exception {
    lab = new EngineLab(2);
    DuckDnsStandIn duck = lab.provider(new DuckDnsStandIn(RIGHT, "my-home"));
    Path tokenFile = lab.secretFile(OLD_TOKEN);
    Map<String, String> p = lab.properties(false);
    p.put("ddns.cooldown", "0s");
    p.put("ddns.records[0].provider", "duckdns");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].duckdns.url", duck.updateUrl());
    p.put("ddns.records[0].duckdns.token-file", tokenFile.toString());
    DdnsEngine engine = lab.engine(p);

    DdnsStatus refused = twoChecks(engine);
    assertThat(duck.received()).hasSize(1);
    assertThat(refused.records().get(0).lastUpdate().result()).isEqualTo("failed");

    Files.writeString(tokenFile, RIGHT + "\n");
    lab.clock.advance(Duration.ofHours(1)); // past the backoff
    DdnsStatus repaired = twoChecks(engine);

    assertThat(duck.received()).hasSize(2);
    assertThat(duck.received().get(1).pathAndQuery()).contains("token=" + RIGHT);
    RecordStatus r = repaired.records().get(0);
    assertThat(r.lastUpdate().result()).isEqualTo("success");
    assertThat(r.inSync()).isTrue();
    assertThat(lab.published(Type.A)).containsExactly(NEW);
  }

  @Test
  void stoppedUpdatesNameTheWayBackAndResumeWhenThePasswordFileIsCorrected() throws Exception {
    lab = new EngineLab(2);
    Dyndns2StandIn dyn =
        lab.provider(new Dyndns2StandIn("me", "right-password", "my-home.duckdns.org"));
    Path passwordFile = lab.secretFile("wrong-password");
    Map<String, String> p = lab.properties(false);
    p.put("ddns.records[0].provider", "dyndns2");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].dyndns2.url", dyn.updateUrl());
    p.put("ddns.records[0].dyndns2.username", "me");
    p.put("ddns.records[0].dyndns2.password-file", passwordFile.toString());
    DdnsEngine engine = lab.engine(p);

    twoChecks(engine);
    lab.clock.advance(Duration.ofHours(1));
    DdnsStatus stopped = twoChecks(engine);
    RecordStatus r = stopped.records().get(0);
    assertThat(dyn.received()).hasSize(1);
    assertThat(r.updatesStopped())
        .isEqualTo(
            "dyndns2: http 401 (badauth); to resume, correct the secret file "
                + passwordFile
                + " (read again automatically, no restart needed) or the configuration of"
                + " my-home.duckdns.org and restart");
    assertThat(r.advice()).contains("Updates stopped: dyndns2: http 401 (badauth); to resume");
    assertThat(r.toString()).doesNotContain("wrong-password");

    Files.writeString(passwordFile, "right-password\n");
    lab.clock.advance(Duration.ofMinutes(1));
    DdnsStatus resumed = twoChecks(engine);

    assertThat(dyn.received()).hasSize(2);
    assertThat(resumed.records().get(0).updatesStopped()).isNull();
    assertThat(resumed.records().get(0).inSync()).isTrue();
    assertThat(lab.registry.scrape())
        .contains("ddns_updates_stopped{name=\"my-home.duckdns.org\",} 0.0");
  }
}
