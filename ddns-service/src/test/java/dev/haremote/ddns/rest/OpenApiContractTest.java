package dev.haremote.ddns.rest;

import static io.restassured.RestAssured.given;

import dev.haremote.common.suitetest.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** /q/openapi, docs/api.md and the live status name the same fields (tests in the contract). */
@QuarkusTest
@TestProfile(ConfiguredProfile.class)
class OpenApiContractTest extends OpenApiContract {
  @Override
  protected String statusSchema() {
    return "DdnsStatus";
  }

  @Override
  protected String liveStatusJson() {
    return given()
        .header("Authorization", "Bearer " + ConfiguredProfile.API_TOKEN)
        .post("/api/v1/check")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }
}
