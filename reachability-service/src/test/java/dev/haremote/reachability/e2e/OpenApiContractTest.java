package dev.haremote.reachability.e2e;

import static io.restassured.RestAssured.given;

import dev.haremote.common.suitetest.OpenApiContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** /q/openapi, docs/api.md and the live status name the same fields (tests in the contract). */
@QuarkusTest
@QuarkusTestResource(value = LoopbackHome.class, restrictToAnnotatedClass = true)
class OpenApiContractTest extends OpenApiContract {
  @Override
  protected String statusSchema() {
    return "ReachabilityStatus";
  }

  @Override
  protected String liveStatusJson() {
    return given()
        .header("Authorization", "Bearer " + LoopbackHome.API_TOKEN)
        .post("/api/v1/check")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }
}
