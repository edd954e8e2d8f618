package dev.haremote.ddns.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Nothing configured: the service starts, becomes ready and reports empty lists. */
@QuarkusTest
@TestProfile(EmptyProfile.class)
class EmptyServiceTest {
  private static void awaitReady() throws InterruptedException {
    long end = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < end) {
      if (given().get("/q/health/ready").statusCode() == 200) {
        return;
      }
      Thread.sleep(100);
    }
    given().get("/q/health/ready").then().statusCode(200);
  }

  @Test
  void becomesReadyWithEmptyLists() throws InterruptedException {
    awaitReady();

    given()
        .get("/api/v1/status")
        .then()
        .statusCode(200)
        .body("records", empty())
        .body("sources", empty())
        .body("in_sync", equalTo(true)) // all of no records
        .body("checked_at", notNullValue())
        .body("cgnat", equalTo(null));
  }

  @Test
  void packageIsAnEmptyRestList() {
    String yaml = given().get("/api/v1/ha/package").then().statusCode(200).extract().asString();

    assertThat(yaml).contains("rest: []");
  }

  @Test
  void metricsExistWithoutRecords() {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();

    assertThat(text)
        .contains("ddns_cgnat NaN")
        .contains("ddns_source_agreement{family=\"ipv4\"} 0.0");
  }
}
