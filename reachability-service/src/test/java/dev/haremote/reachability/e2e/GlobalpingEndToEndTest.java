package dev.haremote.reachability.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.labkit.globalping.GlobalpingStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #22 end to end, without any peer: Globalping's probes (the labkit stand-in, really
 * connecting) are the only outside view, and alone they tell a missing hairpin from a missing
 * forward, and IPv6 open from IPv6 firewalled; the rate stays at one measurement per target, family
 * and interval, and the token is sent to the API only.
 */
@QuarkusTest
@QuarkusTestResource(value = GlobalpingHome.class, restrictToAnnotatedClass = true)
class GlobalpingEndToEndTest {
  private static JsonPath status;

  @BeforeEach
  void oneRound() {
    if (status == null) {
      status = check();
    }
  }

  private static JsonPath check() {
    return given()
        .header("Authorization", "Bearer " + GlobalpingHome.API_TOKEN)
        .post("/api/v1/check")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String target(String id, String field) {
    return status.getString("targets.find { it.id == '" + id + "' }." + field);
  }

  @Test
  void withoutPeersTheProbesAloneSeparateHairpinFromAMissingForward() {
    assertThat(target("gp-hairpin", "verdict"))
        .as(target("gp-hairpin", "advice"))
        .isEqualTo("hairpin_unsupported");
    assertThat(target("gp-closed", "verdict"))
        .as(target("gp-closed", "advice"))
        .isEqualTo("port_closed");
    assertThat(target("gp-hairpin", "external.families.ipv4")).isEqualTo("reachable");
    assertThat(target("gp-closed", "external.families.ipv4")).isEqualTo("unreachable");
    assertThat(status.getList("targets.find { it.id == 'gp-hairpin' }.external.peers.peer"))
        .containsExactly("globalping");
    List<Map<String, String>> evidence =
        status.getList("targets.find { it.id == 'gp-hairpin' }.evidence");
    assertThat(evidence)
        .anySatisfy(
            e -> {
              assertThat(e.get("source")).isEqualTo("outside");
              assertThat(e.get("weight")).isEqualTo("proof");
            });
  }

  @Test
  void theStatusSaysWhatWasSentWhereAndWhatTheProbesSaw() {
    String v = "external.outside_view.";
    assertThat(target("gp-hairpin", v + "source")).isEqualTo("globalping");
    assertThat(target("gp-hairpin", v + "api")).isEqualTo(GlobalpingHome.api.url());
    assertThat(target("gp-hairpin", v + "sent"))
        .isEqualTo("https://hairpin.ha.test:" + GlobalpingHome.port + "/manifest.json");
    assertThat(target("gp-hairpin", v + "measured_at")).isNotNull();
    assertThat(target("gp-hairpin", v + "next_measurement_at")).isNotNull();
    assertThat(target("gp-hairpin", v + "error")).isNull();
    assertThat(target("gp-hairpin", v + "families.ipv4.state")).isEqualTo("reachable");
    assertThat(target("gp-hairpin", v + "families.ipv4.probes")).isEqualTo("3");
    assertThat(target("gp-hairpin", v + "families.ipv4.reached_home_assistant")).isEqualTo("3");
    assertThat(target("gp-hairpin", v + "families.ipv6"))
        .as("not configured: not measured")
        .isNull();
    assertThat(target("gp-closed", v + "families.ipv4.state")).isEqualTo("unreachable");
    assertThat(target("gp-closed", v + "families.ipv4.verdict")).isEqualTo("port_closed");
    assertThat(target("gp-closed", v + "families.ipv4.failed.port_closed")).isEqualTo("3");
    assertThat(target("gp-closed", v + "families.ipv4.detail"))
        .startsWith("refused: connect ECONNREFUSED");
  }

  @Test
  void ipv6OpenAndIpv6FirewalledAreToldApart() {
    assertThat(target("gp-v6open", "verdict")).as(target("gp-v6open", "advice")).isEqualTo("ok");
    assertThat(target("gp-v6open", "ipv6.verdict")).isEqualTo("ok");
    assertThat(target("gp-v6open", "external.families.ipv6")).isEqualTo("reachable");

    assertThat(target("gp-v6closed", "ipv4.verdict")).isEqualTo("ok");
    assertThat(target("gp-v6closed", "ipv6.verdict"))
        .as("from inside IPv6 works; only the outside sees the firewall")
        .isEqualTo("port_closed");
    assertThat(target("gp-v6closed", "verdict")).isEqualTo("ipv6_port_mismatch");
    assertThat(target("gp-v6closed", "external.families.ipv4")).isEqualTo("reachable");
    assertThat(target("gp-v6closed", "external.families.ipv6")).isEqualTo("unreachable");
  }

  @Test
  void oneMeasurementPerTargetAndFamilyPerIntervalAndOnlyTheUrlLeaves() {
    int before = GlobalpingHome.api.created().size();
    assertThat(before).as("hairpin, closed: ipv4; v6open, v6closed: ipv4 and ipv6").isEqualTo(6);
    check();
    check();
    assertThat(GlobalpingHome.api.created()).as("cached until the interval is over").hasSize(6);
    Map<String, List<Integer>> versions =
        GlobalpingHome.api.created().stream()
            .map(GlobalpingStandIn.Created::request)
            .collect(
                Collectors.groupingBy(
                    r -> r.path("target").asText(),
                    Collectors.mapping(
                        r -> r.path("measurementOptions").path("ipVersion").asInt(),
                        Collectors.toList())));
    assertThat(versions.get("hairpin.ha.test")).containsExactly(4);
    assertThat(versions.get("closed.ha.test")).containsExactly(4);
    assertThat(versions.get("v6open.ha.test")).containsExactlyInAnyOrder(4, 6);
    for (GlobalpingStandIn.Created c : GlobalpingHome.api.created()) {
      assertThat(c.request().path("measurementOptions").path("request").toString())
          .isEqualTo("{\"method\":\"GET\",\"path\":\"/manifest.json\"}");
    }
  }

  @Test
  void theTokenGoesToTheApiOnlyNeverIntoStatusMetricsOrPackage() {
    assertThat(GlobalpingHome.api.created())
        .isNotEmpty()
        .allSatisfy(
            c -> assertThat(c.authorization()).isEqualTo("Bearer " + GlobalpingHome.CANARY));
    for (String path : List.of("/api/v1/status", "/q/metrics", "/api/v1/ha/package")) {
      assertThat(given().get(path).then().extract().asString())
          .as(path)
          .doesNotContain(GlobalpingHome.CANARY);
    }
  }
}
