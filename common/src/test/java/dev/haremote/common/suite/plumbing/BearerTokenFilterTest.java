package dev.haremote.common.suite.plumbing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(TokenProfile.class)
class BearerTokenFilterTest {
  private static final String PROBE = "/api/v1/suite-probe";

  @Test
  void aWriteWithoutTokenIs401WithAChallengeAndAJsonError() {
    given()
        .post(PROBE)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .contentType("application/json")
        .body("error", containsString("missing bearer token"));
  }

  @Test
  void aWriteWithAWrongTokenIs401AndTheErrorDoesNotEchoIt() {
    given()
        .header("Authorization", "Bearer test-token-4712")
        .post(PROBE)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("error", equalTo("wrong bearer token"))
        .body(not(containsString("4712")));
  }

  @Test
  void aWriteWithAnotherSchemeIs401() {
    given()
        .header("Authorization", "Basic " + TokenProfile.TOKEN)
        .post(PROBE)
        .then()
        .statusCode(401);
  }

  @Test
  void aWriteWithTheTokenPasses() {
    given()
        .header("Authorization", "Bearer " + TokenProfile.TOKEN)
        .post(PROBE)
        .then()
        .statusCode(200)
        .body("written", equalTo("yes"));
  }

  @Test
  void readsNeedNoTokenByDefault() {
    given().get(PROBE).then().statusCode(200);
  }

  @Test
  void anEndpointWithItsOwnAuthenticationIsLeftAlone() {
    given().post(PROBE + "/own").then().statusCode(200).body("own", equalTo("yes"));
  }
}
