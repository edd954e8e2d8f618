package dev.haremote.common.suite.plumbing;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API token is taken as written: {@code ${HOME}}, {@code $$} and an unset {@code ${...}} are
 * characters of the token, not expressions (SmallRye would expand them everywhere else).
 */
@QuarkusTest
@TestProfile(LiteralApiTokenTest.DollarToken.class)
class LiteralApiTokenTest {
  static final String TOKEN = "tok-${HOME}-$$x-${SUITE_TEST_UNSET_4711}-end";

  public static class DollarToken implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("suite.api-token", TOKEN, "quarkus.http.test-port", "0");
    }
  }

  @Test
  void theLiteralTokenAuthorizesWrites() {
    given()
        .header("Authorization", "Bearer " + TOKEN)
        .post("/api/v1/suite-probe")
        .then()
        .statusCode(200);
  }

  @Test
  void whatExpansionWouldHaveMadeOfItIsRefused() {
    String home = System.getenv("HOME");
    for (String expanded :
        new String[] {
          "tok-" + home + "-$x-${SUITE_TEST_UNSET_4711}-end",
          "tok-${HOME}-$x-${SUITE_TEST_UNSET_4711}-end",
          "tok-" + home + "-$$x--end",
        }) {
      given()
          .header("Authorization", "Bearer " + expanded)
          .post("/api/v1/suite-probe")
          .then()
          .statusCode(401);
    }
  }
}
