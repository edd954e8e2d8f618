package dev.haremote.reachability.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * ddns-service's facts reach the verdict (dns_drift, cgnat, its public address used for the hairpin
 * check), and flap suppression holds the shown verdict until the thresholds are met while the raw
 * verdict is always current.
 */
@QuarkusTest
@QuarkusTestResource(value = DdnsHome.class, restrictToAnnotatedClass = true)
class DdnsFactsEndToEndTest {

  private static JsonPath round() {
    return given()
        .header("Authorization", "Bearer " + DdnsHome.API_TOKEN)
        .when()
        .post("/api/v1/check")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static void awaitFirstRound() throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < end) {
      if (given().get("/q/health/ready").statusCode() == 200) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the first round never finished");
  }

  @Test
  void driftCgnatAndFlapSuppression() throws InterruptedException {
    DdnsHome.inSync(false);
    DdnsHome.cgnat = false;
    awaitFirstRound();

    JsonPath r = round();
    assertThat(r.getString("targets[0].raw_verdict")).isEqualTo("dns_drift");
    assertThat(r.getString("targets[0].verdict")).isEqualTo("dns_drift");
    assertThat(r.getString("targets[0].advice")).contains("127.0.0.1").contains("DuckDNS add-on");
    assertThat(r.getString("targets[0].dns_drift")).isEqualTo("true");
    assertThat(r.getString("targets[0].ipv4.public_address")).isEqualTo("127.0.0.1");
    assertThat(r.getString("targets[0].hairpin")).isEqualTo("true");
    assertThat(r.getString("ddns_error")).isNull();

    DdnsHome.inSync(true);
    r = round();
    assertThat(r.getString("targets[0].raw_verdict")).isEqualTo("ok");
    assertThat(r.getString("targets[0].verdict"))
        .as("one good round is not enough")
        .isEqualTo("dns_drift");
    assertThat(r.getBoolean("targets[0].reachable")).isFalse();
    r = round();
    assertThat(r.getString("targets[0].verdict")).isEqualTo("ok");
    assertThat(r.getBoolean("targets[0].reachable")).isTrue();

    DdnsHome.cgnat = true;
    r = round();
    assertThat(r.getString("targets[0].raw_verdict")).isEqualTo("cgnat");
    assertThat(r.getString("targets[0].verdict"))
        .as("one failing round is not enough")
        .isEqualTo("ok");
    r = round();
    assertThat(r.getString("targets[0].verdict")).isEqualTo("cgnat");
    assertThat(r.getString("targets[0].advice")).contains("Nabu Casa Cloud").contains("ISP");
    assertThat(r.getString("targets[0].cgnat")).isEqualTo("true");
    assertThat(r.getString("verdict")).isEqualTo("cgnat");

    String metrics = given().get("/q/metrics").then().extract().asString();
    assertThat(metrics)
        .contains("reachability_verdict_info{target=\"home\",verdict=\"cgnat\"} 1.0");
    assertThat(metrics)
        .contains("reachability_verdict_info{target=\"home\",verdict=\"dns_drift\"} 0.0");
  }
}
