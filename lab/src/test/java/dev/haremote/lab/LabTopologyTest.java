package dev.haremote.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lab's plumbing, seen with curl and dig from inside the namespaces: before any service is
 * asked, the situations themselves must be real (a hairpin that does not work, a name that resolves
 * differently inside, a port forward that is gone).
 */
@Tag("lab")
@ExtendWith(SharedLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabTopologyTest {

  private static final String URL = "https://" + Lab.NAME + "/api/";
  private Lab lab;

  @BeforeAll
  void lab(Lab lab) {
    this.lab = lab;
  }

  @BeforeEach
  void healthyHome() {
    lab.sh("baseline");
  }

  @Test
  void healthyHomeIsReachableFromOutsideAndInsideOverBothFamilies() {
    assertThat(lab.dig("internet", Lab.NAME, "A")).isEqualTo(Lab.WAN_V4);
    assertThat(lab.dig("internet", Lab.NAME, "AAAA")).isEqualTo(Lab.HOME_V6);
    assertThat(lab.in("home", "curl", "-s", "-m", "5", "http://198.51.100.80/").output().trim())
        .as("the echo service sees the router's WAN address")
        .isEqualTo(Lab.WAN_V4);
    assertThat(lab.httpsStatus("internet", "-4", URL)).isEqualTo(401);
    assertThat(lab.httpsStatus("internet", "-6", URL)).isEqualTo(401);
    assertThat(lab.httpsStatus("home", "-4", URL)).as("hairpin NAT").isEqualTo(401);
  }

  @Test
  void withoutHairpinTheInsideFailsOverIpv4UntilTheNameIsRewrittenInside() {
    lab.sh("hairpin", "off");
    assertThat(lab.httpsStatus("home", "-4", URL)).isZero();
    assertThat(lab.httpsStatus("internet", "-4", URL)).isEqualTo(401);

    lab.sh("rewrite", "on");
    assertThat(lab.dig("home", Lab.NAME, "A")).isEqualTo(Lab.HOME_V4);
    assertThat(lab.dig("internet", Lab.NAME, "A")).isEqualTo(Lab.WAN_V4);
    assertThat(lab.httpsStatus("home", "-4", URL)).isEqualTo(401);
  }

  @Test
  void behindCarrierNatTheEchoSeesTheIspAddressAndNothingReachesHome() {
    lab.sh("cgnat", "on");
    assertThat(lab.in("home", "curl", "-s", "-m", "5", "http://198.51.100.80/").output().trim())
        .isEqualTo("198.51.100.130");
    assertThat(lab.httpsStatus("internet", "-4", URL)).isZero();
  }

  @Test
  void aNewWanAddressLeavesThePublishedRecordBehindUntilItIsUpdated() {
    lab.sh("wan", "203.0.113.11");
    assertThat(lab.in("home", "curl", "-s", "-m", "5", "http://198.51.100.80/").output().trim())
        .isEqualTo("203.0.113.11");
    assertThat(lab.httpsStatus("internet", "-4", URL)).as("the old address leads nowhere").isZero();

    lab.sh("dns-set", "A", "203.0.113.11");
    assertThat(lab.dig("internet", "+norec", "@" + Lab.AUTH_V4, Lab.NAME, "A"))
        .isEqualTo("203.0.113.11");
  }

  @Test
  void portForwardsDecideWhatTheOutsideSees() {
    lab.sh("forward443", "off");
    assertThat(lab.httpsStatus("internet", "-4", URL)).isZero();
    assertThat(lab.httpsStatus("internet", "-6", URL)).as("no IPv6 pinhole either").isZero();

    lab.sh("forward443", "nginx");
    lab.sh("forward8123", "on");
    Lab.Result plain =
        lab.in(
            "internet",
            "curl",
            "-4",
            "-s",
            "-m",
            "5",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "http://" + Lab.WAN_V4 + ":8123/manifest.json");
    assertThat(plain.output()).isEqualTo("200");
  }

  @Test
  void certificateAndProxySwitchesChangeWhatIsServed() {
    lab.sh("cert", "expired");
    assertThat(lab.httpsStatus("internet", "-4", URL))
        .as("expired: no verified handshake")
        .isZero();
    lab.sh("cert", "good");
    assertThat(lab.httpsStatus("internet", "-4", URL)).isEqualTo(401);

    lab.sh("ha", "untrusted");
    assertThat(lab.httpsStatus("internet", "-4", URL)).as("HA refuses the proxy").isEqualTo(400);
  }

  @Test
  void ipv6GoesStraightToTheHostWhereNothingListensOn443WhenHaServesTlsItself() {
    lab.sh("proxy", "off");
    lab.sh("ha", "tls");
    lab.sh("forward443", "ha");
    assertThat(lab.httpsStatus("internet", "-4", URL)).isEqualTo(401);
    assertThat(lab.httpsStatus("internet", "-6", URL)).as("nothing on [home]:443").isZero();
    lab.sh("forward8123", "on");
    assertThat(lab.httpsStatus("internet", "-6", "https://" + Lab.NAME + ":8123/api/"))
        .isEqualTo(401);
  }
}
