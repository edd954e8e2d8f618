package dev.haremote.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real Home Assistant in the lab's {@code home} as the consumer of the suite, deployed the way
 * docs/home-assistant.md tells users: each service's {@code /api/v1/ha/package} saved unchanged in
 * HA's {@code packages/}, {@code check_config} passing ({@code lab.sh ha-packages}). Then a change
 * in the lab (a new WAN address, an expired certificate) reaches HA's entities.
 */
@Tag("lab")
@ExtendWith(SharedLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabHomeAssistantConsumerTest {
  private static final String NEW_WAN = "203.0.113.12";
  private static final String PUBLIC_IPV4 = "DDNS public IPv4";
  private static final String IPV4_DRIFT = "DDNS " + Lab.NAME + " IPv4 drift";
  private static final String DAYS_LEFT = "Certificate home IPv4 days left";
  private static final String CERT_PROBLEM = "Certificate home IPv4 problem";
  private static final String CERT_PROBLEM_REASON = "Certificate home IPv4 problem reason";
  private static final String VERDICT = "HA remote access verdict";
  private static final String REACHABLE = "HA remote access home reachable";

  /** HA debounces requested refreshes for 10 s: a change must show within two of those. */
  private static final Duration FOLLOW = Duration.ofSeconds(25);

  private static final List<String> WATCHED =
      List.of(
          PUBLIC_IPV4,
          IPV4_DRIFT,
          DAYS_LEFT,
          CERT_PROBLEM,
          CERT_PROBLEM_REASON,
          VERDICT,
          REACHABLE);

  private Lab lab;
  private LabHomeAssistant ha;

  @BeforeAll
  void packagesInHomeAssistant(Lab lab) {
    this.lab = lab;
    lab.startServicesOrSkip();
    lab.sh("baseline");
    String out = lab.sh("ha-packages");
    assertThat(out)
        .contains(
            "packages loaded: ha_remote_access_certwatch.yaml ha_remote_access_ddns.yaml"
                + " ha_remote_access_reachability.yaml");
    ha = new LabHomeAssistant(lab);
  }

  @BeforeEach
  void healthyHome() {
    lab.sh("baseline");
  }

  @Test
  void entitiesShowWhatTheServicesSay() {
    JsonNode ddns = lab.check("ddns");
    JsonNode certs =
        lab.checkUntil("certwatch", Duration.ofSeconds(30), c -> c.path("ok").asBoolean());
    JsonNode reach =
        lab.checkUntil(
            "reach", Duration.ofSeconds(20), r -> "ok".equals(r.path("verdict").asText()));
    String daysLeft = endpoint(certs).get("days_left").asText();
    Map<String, String> states =
        ha.refreshUntil(
            WATCHED,
            s -> s.get(PUBLIC_IPV4).equals(Lab.WAN_V4) && sameNumber(s.get(DAYS_LEFT), daysLeft),
            FOLLOW);

    assertThat(states.get(PUBLIC_IPV4)).isEqualTo(ddns.get("public_ipv4").asText());
    assertThat(states.get(IPV4_DRIFT)).isEqualTo("off");
    assertThat(Double.parseDouble(states.get(DAYS_LEFT)))
        .as(states.toString())
        .isCloseTo(Double.parseDouble(daysLeft), within(0.01));
    assertThat(states.get(CERT_PROBLEM)).isEqualTo("off");
    assertThat(states.get(CERT_PROBLEM_REASON)).isEqualTo("none");
    assertThat(states.get(VERDICT)).isEqualTo(reach.get("verdict").asText()).isEqualTo("ok");
    assertThat(states.get(REACHABLE)).isEqualTo("on");
  }

  @Test
  void aNewWanAddressReachesHomeAssistant() {
    lab.sh("wan", NEW_WAN);
    JsonNode ddns = lab.check("ddns");
    assertThat(ddns.get("public_ipv4").asText()).isEqualTo(NEW_WAN);
    Map<String, String> states =
        ha.refreshUntil(
            List.of(PUBLIC_IPV4, IPV4_DRIFT), s -> s.get(PUBLIC_IPV4).equals(NEW_WAN), FOLLOW);
    assertThat(states.get(PUBLIC_IPV4)).as(states.toString()).isEqualTo(NEW_WAN);
    assertThat(states.get(IPV4_DRIFT)).as("the record still has the old address").isEqualTo("on");
  }

  @Test
  void anExpiredCertificateReachesHomeAssistant() {
    lab.sh("cert", "expired");
    JsonNode certs =
        lab.checkUntil(
            "certwatch",
            Duration.ofSeconds(30),
            c -> endpoint(c).path("days_left").asDouble(0) < 0);
    lab.checkUntil(
        "reach", Duration.ofSeconds(20), r -> "cert_expired".equals(r.path("verdict").asText()));
    String daysLeft = endpoint(certs).get("days_left").asText();
    Map<String, String> states =
        ha.refreshUntil(
            WATCHED,
            s -> sameNumber(s.get(DAYS_LEFT), daysLeft) && s.get(VERDICT).equals("cert_expired"),
            FOLLOW);
    assertThat(Double.parseDouble(states.get(DAYS_LEFT)))
        .as(states.toString())
        .isCloseTo(Double.parseDouble(daysLeft), within(0.01))
        .isNegative();
    assertThat(states.get(CERT_PROBLEM)).isEqualTo("on");
    assertThat(states.get(CERT_PROBLEM_REASON)).isEqualTo("expired");
    assertThat(states.get(VERDICT)).isEqualTo("cert_expired");
    assertThat(states.get(REACHABLE)).isEqualTo("off");
  }

  private static boolean sameNumber(String haState, String statusValue) {
    try {
      return Math.abs(Double.parseDouble(haState) - Double.parseDouble(statusValue)) <= 0.01;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static JsonNode endpoint(JsonNode certs) {
    for (JsonNode c : certs.path("certificates")) {
      if ("endpoint-home-ipv4".equals(c.path("key").asText())) {
        return c;
      }
    }
    throw new AssertionError("no endpoint-home-ipv4 in " + certs.toPrettyString());
  }
}
