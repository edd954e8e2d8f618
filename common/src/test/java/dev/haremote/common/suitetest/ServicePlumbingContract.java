package dev.haremote.common.suitetest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.haremote.labkit.promtool.Promtool;
import io.quarkus.arc.Arc;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import org.junit.jupiter.api.Test;

/**
 * The suite's shared plumbing as a service serves it, with nothing configured. Each service runs it
 * with {@code @QuarkusTest class ServicePlumbingTest extends ServicePlumbingContract {}}.
 */
public abstract class ServicePlumbingContract {

  @Test
  void checkIsForbiddenWithoutAConfiguredToken() {
    given()
        .header("Authorization", "Bearer anything-at-all")
        .post("/api/v1/check")
        .then()
        .statusCode(403)
        .contentType("application/json")
        .body("error", containsString("no API token is configured"));
  }

  @Test
  void statusIsOpenJsonWithCheckedAt() {
    given().get("/api/v1/status").then().statusCode(200).body("$", hasKey("checked_at"));
  }

  @Test
  void anUnknownApiPathIsAJson404() {
    given().get("/api/v1/no-such-thing").then().statusCode(404).body("error", equalTo("Not Found"));
  }

  /** The periodic round is common's programmatic job (RoundRunner), one per service. */
  @Test
  void theRoundsAreOneScheduledJob() {
    Scheduler scheduler = Arc.container().instance(Scheduler.class).get();
    assertThat(scheduler.isStarted()).isTrue();
    assertThat(scheduler.getScheduledJobs())
        .extracting(Trigger::getId)
        .singleElement()
        .asString()
        .matches("(reachability|certwatch|ddns)-round");
  }

  @Test
  void livenessIsUp() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void metricsPassPromtool() {
    String metrics =
        given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    Promtool promtool = Promtool.findOrFailInCi().orElse(null);
    assumeTrue(promtool != null, "promtool not installed (Debian package prometheus): skipped");
    assertThat(promtool.checkMetrics(metrics).problems()).isEmpty();
  }
}
