package dev.haremote.reachability.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nothing configured: the service starts, checks nothing, and reports empty lists. */
@QuarkusTest
@TestProfile(EmptyConfigTest.Empty.class)
class EmptyConfigTest {

  public static class Empty implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.http.test-port", "0", "suite.api-token", "test-token-1");
    }
  }

  @Test
  void checkAnswersEmptyStatus() {
    given()
        .header("Authorization", "Bearer test-token-1")
        .when()
        .post("/api/v1/check")
        .then()
        .statusCode(200)
        .body("checked_at", notNullValue())
        .body("reachable", nullValue())
        .body("verdict", nullValue())
        .body("targets", empty());
    given()
        .when()
        .get("/api/v1/status")
        .then()
        .statusCode(200)
        .body("checked_at", notNullValue())
        .body("targets", empty());
  }

  @Test
  void blueprintIsServedBesideThePackage() {
    String yaml =
        given().when().get("/api/v1/ha/blueprint").then().statusCode(200).extract().asString();
    org.assertj.core.api.Assertions.assertThat(yaml)
        .isEqualTo(dev.haremote.common.ha.HaBlueprint.verdictNotify())
        .contains("domain: automation")
        .contains("default: sensor.ha_remote_access_verdict");
  }

  @Test
  void packageIsAnEmptyRestListAndTheServiceIsReady() {
    String yaml =
        given().when().get("/api/v1/ha/package").then().statusCode(200).extract().asString();
    org.assertj.core.api.Assertions.assertThat(yaml).contains("rest: []");
    given()
        .header("Authorization", "Bearer test-token-1")
        .when()
        .post("/api/v1/check")
        .then()
        .statusCode(200);
    given().when().get("/q/health/ready").then().statusCode(200);
  }

  @Test
  void peerEndpointIsOffByDefault() {
    given()
        .contentType("application/json")
        .body("{\"url\":\"http://127.0.0.1:1\"}")
        .when()
        .post("/api/v1/peer/probe")
        .then()
        .statusCode(404);
  }
}
