package dev.haremote.reachability.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mixed evidence end to end, through the real service and its REST status (issue #14's first list):
 * a stale split-brain rewrite is not a port forward; CG-NAT with IPv6 working says so and keeps the
 * outside per family; proof from outside overrules the CG-NAT inference; and the fields of one
 * target never contradict each other.
 */
@QuarkusTest
@QuarkusTestResource(value = EvidenceHome.class, restrictToAnnotatedClass = true)
class EvidenceEndToEndTest {
  private static JsonPath status;

  @BeforeEach
  void oneRound() {
    if (status == null) {
      status =
          given()
              .header("Authorization", "Bearer " + EvidenceHome.API_TOKEN)
              .post("/api/v1/check")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
    }
  }

  private static String target(String id, String field) {
    return status.getString("targets.find { it.id == '" + id + "' }." + field);
  }

  @Test
  void aStaleRewriteIsNamedAndTheRouterLeftAlone() {
    assertThat(target("stale", "verdict"))
        .as(target("stale", "advice"))
        .isEqualTo("dns_rewrite_stale");
    assertThat(target("stale", "advice"))
        .contains("127.0.0.99")
        .contains("DNS rewrite")
        .doesNotContain("Create a port forward");
    assertThat(target("stale", "split_horizon")).isEqualTo("true");
  }

  @Test
  void cgnatWithWorkingIpv6SaysIpv6WorksAndKeepsTheOutsidePerFamily() {
    assertThat(target("cg6", "verdict")).isEqualTo("cgnat");
    assertThat(target("cg6", "advice")).contains("IPv6 already works from outside");
    assertThat(target("cg6", "ipv4.verdict")).isEqualTo("cgnat");
    assertThat(target("cg6", "ipv6.verdict"))
        .as("the peer's IPv4 failure is not applied to IPv6")
        .isEqualTo("ok");
    assertThat(target("cg6", "ipv6.reachable")).isEqualTo("true");
    assertThat(target("cg6", "external.families.ipv4")).isEqualTo("unreachable");
    assertThat(target("cg6", "external.families.ipv6")).isEqualTo("reachable");
  }

  @Test
  void proofFromOutsideOverrulesTheCgnatInference() {
    assertThat(target("proof", "verdict")).as(target("proof", "advice")).isEqualTo("ok");
    List<Map<String, String>> evidence =
        status.getList("targets.find { it.id == 'proof' }.evidence");
    assertThat(evidence)
        .anySatisfy(
            e -> {
              assertThat(e.get("source")).isEqualTo("ddns");
              assertThat(e.get("weight")).isEqualTo("overruled");
            })
        .anySatisfy(
            e -> {
              assertThat(e.get("source")).isEqualTo("outside");
              assertThat(e.get("weight")).isEqualTo("proof");
            });
  }

  @Test
  void oneMeaningPerField() {
    List<String> errors =
        List.of(
            "dns_unresolved",
            "dns_error",
            "dns_drift",
            "cgnat",
            "double_nat",
            "dns_rewrite_stale",
            "port_closed",
            "hairpin_unsupported",
            "not_home_assistant",
            "tls_error",
            "cert_expired",
            "cert_name_mismatch",
            "cert_untrusted",
            "proxy_untrusted",
            "ip_banned",
            "websocket_failed");
    for (String id : List.of("stale", "cg6", "proof")) {
      String first = target(id, "ipv4") != null ? "ipv4" : "ipv6";
      // The target follows its first family (IPv4 when configured), by the documented rule.
      assertThat(target(id, "reachable")).as(id).isEqualTo(target(id, first + ".reachable"));
      for (String family : List.of("ipv4", "ipv6")) {
        if (target(id, family) == null) {
          continue;
        }
        boolean error = errors.contains(target(id, family + ".verdict"));
        assertThat(target(id, family + ".reachable"))
            .as(id + " " + family + " reachable agrees with its verdict")
            .isEqualTo(String.valueOf(!error));
        assertThat(status.getList("targets.find { it.id == '" + id + "' }." + family + ".evidence"))
            .as(id + " " + family + " names its evidence")
            .isNotEmpty();
      }
    }
  }
}
