package dev.haremote.common.suite.plumbing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Without a configured token nobody may write: 403, whatever the request carries. */
@QuarkusTest
class NoTokenConfiguredTest {

  @Test
  void writesAreForbidden() {
    given()
        .header("Authorization", "Bearer anything-at-all")
        .post("/api/v1/suite-probe")
        .then()
        .statusCode(403)
        .contentType("application/json")
        .body("error", containsString("no API token is configured"));
  }

  @Test
  void readsStillWork() {
    given().get("/api/v1/suite-probe").then().statusCode(200);
  }
}
