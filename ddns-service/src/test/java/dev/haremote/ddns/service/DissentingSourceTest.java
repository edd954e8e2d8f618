package dev.haremote.ddns.service;

import static dev.haremote.ddns.testing.EngineLab.NAME;
import static dev.haremote.ddns.testing.EngineLab.OLD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.ddns.status.DdnsStatus;
import dev.haremote.ddns.status.RecordStatus;
import dev.haremote.ddns.testing.EngineLab;
import dev.haremote.labkit.ddns.DuckDnsStandIn;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One dissenting source blocks every repair even when the quorum is met; the record's status names
 * the sources and what each said, and says that the repair waits.
 */
class DissentingSourceTest {
  private EngineLab lab;

  @AfterEach
  void close() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aSingleDissenterIsNamedWithWhatItSaidAndTheRepairWaits() {
    lab = new EngineLab(3);
    lab.echoes.get(2).say("198.51.100.99");
    DuckDnsStandIn duck = lab.provider(new DuckDnsStandIn("duck-token-4711", "my-home"));
    Map<String, String> p = lab.properties(false);
    p.put("ddns.records[0].provider", "duckdns");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].duckdns.url", duck.updateUrl());
    p.put("ddns.records[0].duckdns.token-file", lab.secretFile("duck-token-4711").toString());
    DdnsEngine engine = lab.engine(p);

    DdnsStatus status = null;
    for (int i = 0; i < 3; i++) {
      status = engine.runNow();
      lab.clock.advance(Duration.ofMinutes(10));
    }

    String why =
        "sources disagree: echo-0 and echo-1 say 198.51.100.7, echo-2 says 198.51.100.99;"
            + " repair waits until 2 sources agree on an address and none says otherwise";
    RecordStatus r = status.records().get(0);
    assertThat(duck.received()).isEmpty();
    assertThat(r.inSync()).isFalse();
    assertThat(r.repairWaits()).isEqualTo(why);
    assertThat(r.advice())
        .isEqualTo(
            NAME
                + " (ipv4) points at "
                + OLD
                + ", but the home's public address is 198.51.100.7. Nothing is changed while "
                + why
                + ".");
  }

  @Test
  void twoSourcesSayingTwoThingsLeaveTheAddressUnknownWithBothNamed() {
    lab = new EngineLab(2);
    lab.echoes.get(1).say("198.51.100.99");
    DdnsEngine engine = lab.engine(lab.properties(false));

    RecordStatus r = engine.runNow().records().get(0);

    assertThat(r.expected()).isNull();
    assertThat(r.error())
        .isEqualTo(
            "sources disagree: echo-0 says 198.51.100.7, echo-1 says 198.51.100.99;"
                + " repair waits until 2 sources agree on an address and none says otherwise");
    assertThat(r.repairWaits()).isNull(); // watch only: nothing would be repaired anyway
  }
}
