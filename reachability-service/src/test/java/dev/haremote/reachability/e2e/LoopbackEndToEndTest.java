package dev.haremote.reachability.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.labkit.nginx.RequireBinary;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every diagnosis code one host can produce, produced end to end through the real service's REST
 * status against the {@link LoopbackHome}, each with its advice.
 */
@QuarkusTest
@QuarkusTestResource(value = LoopbackHome.class, restrictToAnnotatedClass = true)
class LoopbackEndToEndTest {
  /** A phrase of the guide that the advice for each code must contain. */
  static final Map<String, List<String>> ADVICE =
      Map.ofEntries(
          Map.entry("ok", List.of("Home Assistant answers")),
          Map.entry("ipv6_port_mismatch", List.of("same port 8123", "AAAA record")),
          Map.entry("dns_unresolved", List.of("has no A record", "Dynamic DNS")),
          Map.entry("port_closed", List.of("port forward of TCP", "internal URL")),
          Map.entry("hairpin_unsupported", List.of("hairpin NAT", "AdGuard Home DNS rewrite")),
          Map.entry("not_home_assistant", List.of("not Home Assistant", "router")),
          Map.entry("tls_error", List.of("TLS handshake", "Let's Encrypt")),
          Map.entry("cert_expired", List.of("expired", "Renew the Let's Encrypt certificate")),
          Map.entry("cert_name_mismatch", List.of("does not cover", "Let's Encrypt")),
          Map.entry("cert_untrusted", List.of("does not verify", "fullchain.pem")),
          Map.entry("proxy_untrusted", List.of("use_x_forwarded_for: true", "trusted_proxies")),
          Map.entry("websocket_failed", List.of("/api/websocket", "websockets support")),
          Map.entry("plain_http_exposed", List.of("plain http", "do NOT forward port 8123")),
          Map.entry("cgnat", List.of("CG-NAT", "Nabu Casa Cloud")),
          Map.entry(
              "ha_external_url_wrong",
              List.of("External URL is http://", "Settings > System > Network")));

  private static JsonPath status;

  @BeforeEach
  void oneRound() {
    if (status == null) {
      status =
          given()
              .header("Authorization", "Bearer " + LoopbackHome.API_TOKEN)
              .when()
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
  void everyTargetGetsItsVerdictAndAdvice() {
    assertThat(LoopbackHome.EXPECTED).isNotEmpty();
    for (Map.Entry<String, String> e : LoopbackHome.EXPECTED.entrySet()) {
      String id = e.getKey();
      assertThat(target(id, "verdict"))
          .as(id + ": " + target(id, "advice"))
          .isEqualTo(e.getValue());
      assertThat(target(id, "raw_verdict")).as(id).isEqualTo(e.getValue());
      for (String phrase : ADVICE.get(e.getValue())) {
        assertThat(target(id, "advice")).as(id).contains(phrase);
      }
      assertThat(target(id, "checked_at")).as(id).isNotNull();
    }
  }

  @Test
  void homeAssistantsUrlSettingsAreReadWithTheTokenOnlyAndNeverGuessed() {
    assertThat(target("token", "ha_urls.checked")).isEqualTo("true");
    assertThat(target("token", "ha_urls.external_url")).startsWith("https://token.ha.test:");
    assertThat(target("token", "ha_urls.problem")).isNull();
    assertThat(target("urlwrong", "ha_urls.problem")).isEqualTo("ha_external_url_wrong");
    // Without a token, or with one Home Assistant refuses: not checked, and why.
    assertThat(target("ok", "ha_urls.checked")).isEqualTo("false");
    assertThat(target("ok", "ha_urls.why_not")).contains("no ha-token-file");
    assertThat(target("ok", "ha_urls.external_url")).isNull();
    assertThat(target("wrongtoken", "ha_urls.why_not")).contains("refused the token");
    // The token never shows in the status.
    assertThat(status.prettify()).doesNotContain(LoopbackHome.HA_TOKEN);
  }

  @Test
  void theProxyScenariosRanOnARealNginx() {
    RequireBinary.assumeNginx();
    assertThat(LoopbackHome.EXPECTED).containsKeys("proxy-ok", "proxy-untrusted", "proxy-nows");
    assertThat(LoopbackHome.haUntrusting.rejectedForwarded()).isPositive();
    assertThat(LoopbackHome.haTrusting.lastForwardedFor()).isEqualTo("127.0.0.1");
    assertThat(target("proxy-ok", "ipv4.websocket")).isEqualTo("true");
    assertThat(target("proxy-nows", "ipv4.websocket")).isEqualTo("false");
    assertThat(target("proxy-untrusted", "ipv4.http_status")).isEqualTo("400");
  }

  @Test
  void aHomeAssistantTokenFinishesTheAuthPhaseAndIsNeverSentTwiceOnceRefused() {
    assertThat(target("token", "ipv4.websocket_auth")).isEqualTo("ok");
    assertThat(target("wrongtoken", "ipv4.websocket_auth")).isEqualTo("refused");
    assertThat(target("wrongtoken", "ipv4.websocket"))
        .as("the WebSocket itself works: HA sent auth_required")
        .isEqualTo("true");
    assertThat(target("tokenexpired", "ipv4.websocket_auth"))
        .as("never to a certificate that does not verify")
        .isEqualTo("withheld");
    assertThat(target("ok", "ipv4.websocket_auth")).as("no token file").isNull();
    // Two more rounds: the refused token is not tried again (each try is a failed login in HA).
    for (int round = 0; round < 2; round++) {
      given()
          .header("Authorization", "Bearer " + LoopbackHome.API_TOKEN)
          .when()
          .post("/api/v1/check")
          .then()
          .statusCode(200);
    }
    assertThat(LoopbackHome.haRefusingToken.failedLogins()).isEqualTo(1);
    assertThat(LoopbackHome.haWithToken.authenticated()).isGreaterThanOrEqualTo(3);
    assertThat(LoopbackHome.haWithToken.failedLogins()).isZero();
    assertThat(LoopbackHome.haExpiredWithToken.authenticated()).isZero();
    assertThat(LoopbackHome.haExpiredWithToken.failedLogins()).isZero();
    String latest =
        given().when().get("/api/v1/status").then().statusCode(200).extract().asString();
    assertThat(latest).doesNotContain(LoopbackHome.HA_TOKEN);
    assertThat(given().when().get("/q/metrics").then().statusCode(200).extract().asString())
        .doesNotContain(LoopbackHome.HA_TOKEN);
  }

  @Test
  void stageResultsOfBothFamilies() {
    for (String family : List.of("ipv4", "ipv6")) {
      assertThat(target("ok", family + ".resolved")).isEqualTo("true");
      assertThat(target("ok", family + ".tcp")).isEqualTo("true");
      assertThat(target("ok", family + ".tls")).isEqualTo("true");
      assertThat(target("ok", family + ".http_status")).isEqualTo("200");
      assertThat(target("ok", family + ".home_assistant")).isEqualTo("true");
      assertThat(target("ok", family + ".websocket")).isEqualTo("true");
      assertThat(target("ok", family + ".reachable")).isEqualTo("true");
    }
    assertThat(target("ok", "ipv4.address")).isEqualTo("127.0.0.1");
    assertThat(target("ok", "ipv6.address")).isEqualTo("::1");
    assertThat(target("ok", "reachable")).isEqualTo("true");
    assertThat(target("v6only", "ipv4")).isNull();
    assertThat(target("v6only", "ipv6.websocket")).isEqualTo("true");
    assertThat(target("v6mismatch", "reachable")).isEqualTo("true");
    assertThat(target("v6mismatch", "ipv4.reachable")).isEqualTo("true");
    assertThat(target("v6mismatch", "ipv6.tcp")).isEqualTo("false");
    assertThat(target("v6mismatch", "verdict_family")).isEqualTo("ipv6");
  }

  @Test
  void hairpinSplitHorizonAndTheOutsideView() {
    assertThat(target("hairpin", "hairpin")).isEqualTo("false");
    assertThat(target("hairpin", "split_horizon")).isEqualTo("false");
    assertThat(target("hairpin", "external.state")).isEqualTo("reachable");
    assertThat(target("split", "hairpin")).isEqualTo("false");
    assertThat(target("split", "split_horizon")).isEqualTo("true");
    assertThat(target("split", "split_horizon_needed")).isEqualTo("true");
    assertThat(target("split", "reachable")).isEqualTo("true");
    assertThat(target("ok", "hairpin")).isEqualTo("true");
    assertThat(target("ok", "split_horizon")).isEqualTo("false");
    assertThat(target("closed", "external.state")).isEqualTo("unknown");
    assertThat(target("closed", "internal.home_assistant")).isEqualTo("true");
    assertThat(target("plain", "plain_http_exposed")).isEqualTo("true");
    assertThat(target("ok", "plain_http_exposed")).isEqualTo("false");
    assertThat(target("cgnat", "cgnat")).isEqualTo("true");
  }

  @Test
  void hangingEndpointsEndAtTheDeadline() {
    assertThat(target("stall", "ipv4.tcp")).isEqualTo("true");
    assertThat(target("stall", "ipv4.tls")).isEqualTo("false");
    assertThat(target("hang", "ipv4.tcp")).isEqualTo("true");
    assertThat(target("hang", "ipv4.home_assistant")).isNull();
    assertThat(target("hang", "advice")).contains("no HTTP answer");
    assertThat(target("router", "advice")).contains("FRITZ!Box 7590");
  }

  @Test
  void overallVerdictIsTheFirstFailingTarget() {
    assertThat(status.getString("verdict")).isEqualTo("dns_unresolved");
    assertThat(status.getString("advice")).startsWith("noname: ");
    assertThat(status.getBoolean("reachable")).isFalse();
    String fromMemory =
        given().when().get("/api/v1/status").then().statusCode(200).extract().asString();
    assertThat(JsonPath.from(fromMemory).getString("checked_at"))
        .isEqualTo(status.getString("checked_at"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void homeAssistantPackageHasEverySensorWithStableIds() {
    String yaml =
        given().when().get("/api/v1/ha/package").then().statusCode(200).extract().asString();
    Map<String, Object> root = new org.yaml.snakeyaml.Yaml().load(yaml);
    List<Map<String, Object>> rest = (List<Map<String, Object>>) root.get("rest");
    assertThat(rest).hasSize(1);
    assertThat((String) rest.get(0).get("resource")).endsWith("/api/v1/status");
    List<Map<String, Object>> binary = (List<Map<String, Object>>) rest.get(0).get("binary_sensor");
    List<Map<String, Object>> sensors = (List<Map<String, Object>>) rest.get(0).get("sensor");
    List<Map<String, Object>> all = new java.util.ArrayList<>(binary);
    all.addAll(sensors);
    assertThat(all)
        .allSatisfy(e -> assertThat(e).containsKeys("unique_id", "value_template", "name"));
    assertThat(all.stream().map(e -> e.get("unique_id")).distinct().count()).isEqualTo(all.size());
    Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
    all.forEach(e -> byId.put((String) e.get("unique_id"), e));
    for (String target : LoopbackHome.EXPECTED.keySet()) {
      // One naming rule: unique_id = slug of the name, the target named by its id.
      String id = "ha_remote_access_" + dev.haremote.common.ha.HaNames.slug(target);
      assertThat(byId.get(id + "_reachable"))
          .as(target)
          .containsEntry("device_class", "connectivity");
      assertThat(byId.get(id + "_verdict").get("value_template").toString())
          .contains("'" + target + "'");
      assertThat(byId).containsKey(id + "_advice");
      assertThat(byId.get(id + "_response_time"))
          .containsEntry("unit_of_measurement", "s")
          .containsEntry("device_class", "duration");
    }
    assertThat(byId)
        .containsKeys(
            "ha_remote_access_ok_ipv4", "ha_remote_access_ok_ipv6", "ha_remote_access_v6only_ipv6");
    assertThat(byId).doesNotContainKey("ha_remote_access_v6only_ipv4");
    assertThat(byId)
        .containsKeys(
            "ha_remote_access_reachable", "ha_remote_access_verdict", "ha_remote_access_advice");
    // The same configuration renders the same package: unique_ids are stable.
    assertThat(given().when().get("/api/v1/ha/package").then().extract().asString())
        .isEqualTo(yaml);
  }

  @Test
  void readyAfterTheFirstRound() {
    given().when().get("/q/health/ready").then().statusCode(200);
  }

  /** One sample line, in either exposition format (0.0.4 writes a trailing comma in labels). */
  static void assertSample(String text, String name, String labels, String value) {
    String regex =
        "(?m)^"
            + java.util.regex.Pattern.quote(name + "{" + labels)
            + ",?\\} "
            + java.util.regex.Pattern.quote(value)
            + "$";
    assertThat(java.util.regex.Pattern.compile(regex).matcher(text).find())
        .as(name + "{" + labels + "} " + value)
        .isTrue();
  }

  @Test
  void metricsCarryTheVerdicts() {
    String text =
        given()
            .accept("text/plain")
            .when()
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertSample(
        text, "reachability_verdict_info", "target=\"expired\",verdict=\"cert_expired\"", "1.0");
    assertSample(text, "reachability_verdict_info", "target=\"expired\",verdict=\"ok\"", "0.0");
    assertSample(text, "reachability_target_reachable", "target=\"ok\"", "1.0");
    assertSample(text, "reachability_target_reachable", "target=\"closed\"", "0.0");
    assertSample(
        text,
        "reachability_probe_success",
        "ip_protocol=\"ipv6\",stage=\"websocket\",target=\"ok\"",
        "1.0");
    assertSample(
        text,
        "reachability_probe_success",
        "ip_protocol=\"ipv4\",stage=\"tcp\",target=\"closed\"",
        "0.0");
    assertThat(text).doesNotContain("127.0.0.").doesNotContain(LoopbackHome.API_TOKEN);
    java.util.Optional<dev.haremote.labkit.promtool.Promtool> promtool =
        dev.haremote.labkit.promtool.Promtool.findOrFailInCi();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        promtool.isPresent(), "promtool missing: install the Debian package prometheus");
    assertThat(promtool.get().checkMetrics(text).problems()).isEmpty();
  }

  @Test
  void peerEndpointProbesAnAllowedUrlWithItsOwnToken() {
    JsonPath answer =
        given()
            .header("Authorization", "Bearer " + LoopbackHome.PEER_TOKEN)
            .contentType("application/json")
            .body(
                "{\"url\":\"https://ok.ha.test:"
                    + LoopbackHome.okPort
                    + "\",\"families\":[\"ipv4\",\"ipv6\"]}")
            .when()
            .post("/api/v1/peer/probe")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(answer.getBoolean("reachable")).isTrue();
    assertThat(answer.getString("verdict")).isEqualTo("ok");
    assertThat(answer.getString("ipv6.address")).isEqualTo("::1");
  }

  @Test
  void peerEndpointRefusesWithoutItsToken() {
    String body = "{\"url\":\"https://ok.ha.test:" + LoopbackHome.okPort + "\"}";
    given()
        .contentType("application/json")
        .body(body)
        .when()
        .post("/api/v1/peer/probe")
        .then()
        .statusCode(401);
    for (String token : List.of("wrong", LoopbackHome.API_TOKEN, LoopbackHome.PEER_TOKEN + "x")) {
      given()
          .header("Authorization", "Bearer " + token)
          .contentType("application/json")
          .body(body)
          .when()
          .post("/api/v1/peer/probe")
          .then()
          .statusCode(401);
    }
  }

  @Test
  void peerEndpointRefusesOtherSpellingsAndNeverFollowsRedirects() {
    int sinkPort = LoopbackHome.sink.port();
    int before = LoopbackHome.sink.requests();
    List<String> refused =
        List.of(
            "http://127.1:" + sinkPort + "/",
            "http://0x7f000001:" + sinkPort + "/",
            "http://2130706433:" + sinkPort + "/",
            "http://0177.0.0.1:" + sinkPort + "/",
            "http://[::ffff:127.0.0.1]:" + sinkPort + "/",
            "http://127.0.0.1.:" + sinkPort + "/",
            "http://127.0.0.1:" + sinkPort + "/",
            "http://user@ok.ha.test:" + LoopbackHome.okPort,
            "https://ok.ha.test:" + LoopbackHome.okPort + "/?x=1",
            "https://ok.ha.test:" + LoopbackHome.okPort + "/../q/metrics",
            "https://OK.ha.test.evil:" + LoopbackHome.okPort,
            "http://localhost:" + sinkPort + "/");
    for (String url : refused) {
      given()
          .header("Authorization", "Bearer " + LoopbackHome.PEER_TOKEN)
          .contentType("application/json")
          .body("{\"url\":\"" + url + "\"}")
          .when()
          .post("/api/v1/peer/probe")
          .then()
          .statusCode(403);
    }
    int redirects = LoopbackHome.redirector.requests();
    JsonPath answer =
        given()
            .header("Authorization", "Bearer " + LoopbackHome.PEER_TOKEN)
            .contentType("application/json")
            .body("{\"url\":\"http://redirect.ha.test:" + LoopbackHome.redirector.port() + "\"}")
            .when()
            .post("/api/v1/peer/probe")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(LoopbackHome.redirector.requests()).isGreaterThan(redirects);
    assertThat(answer.getBoolean("reachable")).isFalse();
    assertThat(answer.getString("verdict")).isEqualTo("not_home_assistant");
    assertThat(LoopbackHome.sink.requests())
        .as("the redirect target was never asked")
        .isEqualTo(before);
  }
}
