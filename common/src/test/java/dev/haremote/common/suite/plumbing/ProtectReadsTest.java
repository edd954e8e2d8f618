package dev.haremote.common.suite.plumbing;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ProtectReadsTest.ProtectReads.class)
class ProtectReadsTest {
  public static class ProtectReads implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("suite.api-token", TokenProfile.TOKEN, "suite.protect-reads", "true");
    }
  }

  @Test
  void readsUnderApiNeedTheToken() {
    given().get("/api/v1/suite-probe").then().statusCode(401);
    given()
        .header("Authorization", "Bearer " + TokenProfile.TOKEN)
        .get("/api/v1/suite-probe")
        .then()
        .statusCode(200);
  }

  @Test
  void healthAndMetricsStayOpenForProbesAndPrometheus() {
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200);
  }
}
