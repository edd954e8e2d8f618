package dev.haremote.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The home without any peer instance: its only outside view is Globalping's public probes (the
 * API's stand-in in {@code internet}, whose probes really connect from there). The situations that
 * only an outside view tells apart are diagnosed as well as with a peer: hairpin NAT against a
 * missing port forward, IPv6 open against IPv6 firewalled, CG-NAT against a working forward.
 * Measurements are cached for the configured interval (15 s in the lab with one probe per
 * measurement, the shortest within the API's hourly limit; lab.sh {@code outside_block}), so each
 * step waits for a measurement made after its switch.
 */
@Tag("lab")
@ExtendWith(SharedLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabOutsideViewTest {
  private static final Duration NEW_MEASUREMENT = Duration.ofSeconds(75);

  private Lab lab;

  @BeforeAll
  void onlyTheProbesOutside(Lab lab) {
    this.lab = lab;
    lab.startServicesOrSkip();
    lab.sh("baseline");
    lab.sh("outside", "globalping");
  }

  @AfterAll
  void backToThePeer() {
    lab.sh("baseline");
  }

  @Test
  void theProbesAloneTellTheSituationsApart() {
    // Router says (UPnP, miniupnpd on a reserved WAN) it has no public address; no hairpin NAT.
    lab.sh("ddns-upnp", "on");
    lab.sh("hairpin", "off");
    JsonNode t = step("hairpin_unsupported");
    assertThat(t.get("external").get("peers").toString()).contains("globalping");
    assertThat(t.get("ipv4").get("evidence").toString())
        .as("the probes got in over IPv4: the CG-NAT inference is overruled")
        .contains("overruled");

    // The forward is gone (IPv6 stays open): from outside nothing answers over IPv4.
    lab.sh("ddns-upnp", "off");
    lab.sh("hairpin", "on");
    lab.sh("pinhole6", "open");
    lab.sh("forward443", "off");
    t = step("port_closed");
    assertThat(t.get("ipv6").get("verdict").asText()).isEqualTo("ok");

    // The forward is back, the IPv6 firewall closes 443.
    lab.sh("forward443", "nginx");
    lab.sh("pinhole6", "closed");
    t = step("ipv6_port_mismatch");
    assertThat(t.get("ipv4").get("verdict").asText()).isEqualTo("ok");
    assertThat(t.get("ipv6").get("verdict").asText()).isEqualTo("port_closed");

    // Carrier NAT, IPv6 open again: CG-NAT, and the advice knows IPv6 works from outside.
    lab.sh("pinhole6", "open");
    lab.sh("cgnat", "on");
    lab.sh("ddns-upnp", "on");
    lab.sh("dns-set", "A", "198.51.100.130");
    lab.sh("flush-resolver");
    lab.check("ddns");
    t = step("cgnat");
    assertThat(t.get("advice").asText()).contains("IPv6 already works from outside");
  }

  /** Checks until a measurement newer than the switches gives the expected verdict. */
  private JsonNode step(String verdict) {
    Instant switched = Instant.now();
    lab.check("ddns");
    JsonNode reach =
        lab.checkUntil(
            "reach",
            NEW_MEASUREMENT,
            r -> {
              JsonNode target = r.get("targets").get(0);
              JsonNode view = target.path("external").path("outside_view");
              String at = view.path("measured_at").asText("");
              return !at.isEmpty()
                  && !Instant.parse(at).isBefore(switched.minusSeconds(1))
                  && target.get("verdict").asText().equals(verdict);
            });
    JsonNode target = reach.get("targets").get(0);
    assertThat(target.get("verdict").asText()).as(target.toPrettyString()).isEqualTo(verdict);
    assertThat(target.path("external").path("outside_view").path("source").asText())
        .isEqualTo("globalping");
    return target;
  }
}
