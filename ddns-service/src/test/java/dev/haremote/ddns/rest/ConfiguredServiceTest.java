package dev.haremote.ddns.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.haremote.ddns.testing.EngineLab;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ConfiguredProfile.class)
class ConfiguredServiceTest {
  @TestHTTPResource("/")
  URI base;

  private static JsonPath check() {
    return given()
        .header("Authorization", "Bearer " + ConfiguredProfile.API_TOKEN)
        .post("/api/v1/check")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /**
   * 50 concurrent checks while a round takes the discovery timeout (one echo hangs): they share at
   * most two rounds, so the other echo is asked at most twice as often as by one check (before:
   * once per request). Measured 2026-12-03: asked 1 time per round, 1-2 rounds for the 50.
   */
  @Test
  void aFloodOfChecksAsksTheAddressEchoesPerRoundNotPerRequest() throws Exception {
    EngineLab lab = DdnsLabResource.current;
    check(); // idle from here
    int start = lab.echoes.get(0).received().size();
    check();
    int perRound = lab.echoes.get(0).received().size() - start;
    int before = lab.echoes.get(0).received().size();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    lab.echoes.get(1).hang();
    try {
      for (int i = 0; i < 50; i++) {
        answers.add(
            client.sendAsync(
                HttpRequest.newBuilder(base.resolve("api/v1/check"))
                    .header("Authorization", "Bearer " + ConfiguredProfile.API_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0]))
          .get(60, TimeUnit.SECONDS);
    } finally {
      lab.echoes.get(1).normal();
    }
    int asked = lab.echoes.get(0).received().size() - before;
    System.out.printf(
        "ddns flood: 50 checks asked the echo %d times (%d per round)%n", asked, perRound);
    assertThat(answers).allSatisfy(a -> assertThat(a.join().statusCode()).isEqualTo(200));
    assertThat(perRound).isPositive();
    assertThat(asked).isBetween(perRound, 2 * perRound);
  }

  @Test
  void checkAnswersTheContractFields() {
    JsonPath s = check();

    assertThat(s.getMap(""))
        .containsKeys(
            "checked_at",
            "in_sync",
            "public_ipv4",
            "public_ipv6",
            "sources_agree",
            "cgnat",
            "records");
    assertThat(s.getString("public_ipv4")).isEqualTo(EngineLab.NEW);
    assertThat(s.getBoolean("sources_agree")).isTrue();
    assertThat(s.getMap("records[0]"))
        .containsKeys(
            "name",
            "family",
            "expected",
            "published",
            "in_sync",
            "drift_since",
            "ttl",
            "propagated",
            "last_update",
            "error",
            "checked_at");
    assertThat(s.getString("records[0].name")).isEqualTo(EngineLab.NAME);
    assertThat(s.getString("records[0].family")).isEqualTo("ipv4");
    assertThat(s.getString("records[0].published")).isEqualTo(EngineLab.OLD);
    assertThat(s.getBoolean("records[0].in_sync")).isFalse();
    assertThat(s.getString("records[0].drift_since")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(s.getInt("records[0].ttl")).isEqualTo(60);
  }

  @Test
  void statusIsServedFromMemory() {
    String checkedAt = check().getString("checked_at");

    given()
        .get("/api/v1/status")
        .then()
        .statusCode(200)
        .body("checked_at", equalTo(checkedAt))
        .body("records[0]", hasKey("last_update"))
        .body("records[0].last_update", nullValue())
        .body("records[0].expected", notNullValue());
  }

  @Test
  void checkNeedsTheBearerToken() {
    given().post("/api/v1/check").then().statusCode(401);
    given().header("Authorization", "Bearer wrong").post("/api/v1/check").then().statusCode(401);
  }

  @Test
  void packageHasStableIdsAndAValueTemplateEverywhere() {
    String yaml = given().get("/api/v1/ha/package").then().statusCode(200).extract().asString();

    assertThat(yaml)
        .contains("ddns_my_home_duckdns_org_ipv4_drift")
        .contains("ddns_my_home_duckdns_org_ipv4_drift_since")
        .contains("ddns_my_home_duckdns_org_ipv4_last_update")
        .contains("ddns_public_ipv4")
        .contains("ddns_cgnat")
        .contains("device_class: timestamp")
        .contains("device_class: problem")
        .contains("/api/v1/status");
    assertThat(count(yaml, "value_template")).isEqualTo(count(yaml, "unique_id")).isGreaterThan(5);
    assertThat(yaml).isEqualTo(given().get("/api/v1/ha/package").then().extract().asString());
  }

  @Test
  void metricsHaveHelpZerosAndNoAddressesInLabels() {
    check();
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();

    for (String name :
        new String[] {
          "ddns_record_in_sync",
          "ddns_drift_since_timestamp_seconds",
          "ddns_public_address_changes_total",
          "ddns_updates_total",
          "ddns_source_agreement",
          "ddns_cgnat"
        }) {
      // counters are HELPed under their base name in OpenMetrics, with _total in Prometheus text
      assertThat(text).contains("# HELP " + name.replaceAll("_total$", ""));
    }
    assertThat(text)
        .contains("ddns_record_in_sync{family=\"ipv4\",name=\"my-home.duckdns.org\"} 0.0");
    assertThat(text).contains("ddns_source_agreement{family=\"ipv4\"} 1.0");
    assertThat(text)
        .containsPattern(
            "ddns_updates_total\\{name=\"my-home.duckdns.org\",provider=\"duckdns\",result=\"success\"} 0.0");
    Matcher labels = Pattern.compile("(?m)^ddns_\\w+\\{([^}]*)}").matcher(text);
    while (labels.find()) {
      assertThat(labels.group(1))
          .doesNotContainPattern("\\d+\\.\\d+\\.\\d+\\.\\d+")
          .doesNotContain("::");
    }
    assertThat(text).doesNotContain(DdnsLabResource.TOKEN);
  }

  private static int count(String text, String word) {
    return text.split(Pattern.quote(word), -1).length - 1;
  }
}
