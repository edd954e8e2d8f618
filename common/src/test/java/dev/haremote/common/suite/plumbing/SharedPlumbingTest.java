package dev.haremote.common.suite.plumbing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.haremote.common.suite.SuiteReadiness;
import dev.haremote.labkit.promtool.Promtool;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** JSON conventions, JSON errors, health and metrics paths as every service serves them. */
@QuarkusTest
class SharedPlumbingTest {
  @Inject SuiteReadiness readiness;

  @Test
  void jsonIsSnakeCaseWithIsoInstantsAndExplicitNulls() {
    given()
        .get("/api/v1/suite-probe")
        .then()
        .statusCode(200)
        .body("checked_at", equalTo("2026-11-25T06:00:00Z"))
        .body("in_sync", equalTo(true))
        .body("$", hasKey("not_known"))
        .body("not_known", nullValue());
  }

  @Test
  void aFailureIsAJsonErrorWithoutSecretOrStackTrace() {
    given()
        .get("/api/v1/suite-probe/fail")
        .then()
        .statusCode(500)
        .contentType("application/json")
        .body(
            "error",
            equalTo("internal error: boom at https://www.duckdns.org/update?domains=x&token=***"))
        .body(not(containsString("s3cr3t")))
        .body(not(containsString("\tat ")));
  }

  /** Found by schemathesis: a body of the wrong shape was an empty 400. */
  @Test
  void aBodyThatIsNotTheExpectedJsonIsAJson400() {
    given()
        .contentType("application/json")
        .body("{\"in_sync\": {\"x\": \"s3cr3t\"}}")
        .post("/api/v1/suite-probe/echo")
        .then()
        .statusCode(400)
        .contentType("application/json")
        .body("error", equalTo("the request body is not the JSON this endpoint reads at in_sync"));
    given()
        .contentType("application/json")
        .body("{not json")
        .post("/api/v1/suite-probe/echo")
        .then()
        .statusCode(400)
        .contentType("application/json")
        .body("error", equalTo("Bad Request"));
  }

  @Test
  void anUnknownPathIsAJson404() {
    given().get("/api/v1/no-such-thing").then().statusCode(404).body("error", equalTo("Not Found"));
  }

  @Test
  void livenessIsUpAndReadinessFollowsTheFirstRound() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    readiness.firstRoundDone("ddns-service");
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'first-round' }.data.first_round_done", equalTo(true));
  }

  @Test
  void metricsAreServedAsPrometheusTextThatPromtoolAccepts() {
    String metrics =
        given()
            .accept("text/plain")
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .contentType(containsString("text/plain"))
            .extract()
            .asString();
    Promtool promtool = Promtool.findOrFailInCi().orElse(null);
    assumeTrue(promtool != null, "promtool not installed (Debian package prometheus): skipped");
    assertThat(promtool.checkMetrics(metrics).problems()).isEmpty();
  }
}
