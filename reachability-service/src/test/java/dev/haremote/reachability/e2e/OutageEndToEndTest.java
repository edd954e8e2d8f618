package dev.haremote.reachability.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * Resolvers that time out are an outage, not a name without a record: {@code dns_error}, every
 * resolver named, advice about the connection and never "give your home a Dynamic DNS name"; the
 * round still ends by its deadline.
 */
@QuarkusTest
@QuarkusTestResource(value = OutageHome.class, restrictToAnnotatedClass = true)
class OutageEndToEndTest {

  @Test
  void timingOutResolversAreADnsErrorNamingEachOne() {
    long t0 = System.nanoTime();
    JsonPath status =
        given()
            .header("Authorization", "Bearer " + OutageHome.API_TOKEN)
            .post("/api/v1/check")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    double seconds = (System.nanoTime() - t0) / 1e9;

    assertThat(status.getString("targets[0].verdict")).isEqualTo("dns_error");
    assertThat(status.getString("targets[0].ipv4.dns_failure")).isEqualTo("timeout");
    String detail = status.getString("targets[0].ipv4.dns_error");
    for (String resolver : OutageHome.PUBLIC) {
      assertThat(detail).contains("timeout at " + resolver);
    }
    assertThat(status.getString("targets[0].advice"))
        .contains("did not answer")
        .doesNotContain("has no A record")
        .doesNotContain("Dynamic DNS name");
    assertThat(seconds).as("the round ends by its deadline (2 s), with room").isLessThan(10);
  }
}
