package dev.haremote.common.suitetest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/check behind the suite's bearer-token filter. Each service runs it with
 * {@code @QuarkusTest @TestProfile(ServiceTokenContract.WithToken.class) class ServiceTokenTest
 * extends ServiceTokenContract {}}.
 */
public abstract class ServiceTokenContract {
  public static final String TOKEN = "service-token-0815";

  public static class WithToken implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("suite.api-token", TOKEN);
    }
  }

  @Test
  void aMissingTokenIs401WithAChallenge() {
    given()
        .post("/api/v1/check")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"));
  }

  @Test
  void aWrongTokenIs401AndIsNotEchoed() {
    given()
        .header("Authorization", "Bearer service-token-0816")
        .post("/api/v1/check")
        .then()
        .statusCode(401)
        .body(not(containsString("0816")));
  }

  @Test
  void theTokenRunsTheChecks() {
    given()
        .header("Authorization", "Bearer " + TOKEN)
        .post("/api/v1/check")
        .then()
        .statusCode(200)
        .body(not(containsString(TOKEN)));
  }
}
