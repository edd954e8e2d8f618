package dev.haremote.reachability.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ddns-service infers CG-NAT; without a peer, Globalping's probes reaching Home Assistant over IPv4
 * are proof that overrules it, and probes that cannot get in leave the inference standing.
 */
@QuarkusTest
@QuarkusTestResource(
    value = GlobalpingHome.class,
    restrictToAnnotatedClass = true,
    initArgs = @ResourceArg(name = "variant", value = "cgnat"))
class GlobalpingCgnatEndToEndTest {

  @Test
  void proofFromTheProbesOverrulesTheCgnatInference() {
    JsonPath status =
        given()
            .header("Authorization", "Bearer " + GlobalpingHome.API_TOKEN)
            .post("/api/v1/check")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(status.getString("targets.find { it.id == 'gp-proof' }.verdict"))
        .as(status.getString("targets.find { it.id == 'gp-proof' }.advice"))
        .isEqualTo("ok");
    List<Map<String, String>> evidence =
        status.getList("targets.find { it.id == 'gp-proof' }.evidence");
    assertThat(evidence)
        .anySatisfy(
            e -> {
              assertThat(e.get("source")).isEqualTo("ddns");
              assertThat(e.get("weight")).isEqualTo("overruled");
            })
        .anySatisfy(
            e -> {
              assertThat(e.get("source")).isEqualTo("outside");
              assertThat(e.get("weight")).isEqualTo("proof");
            });
    assertThat(status.getString("targets.find { it.id == 'gp-cgnat' }.verdict")).isEqualTo("cgnat");
    assertThat(status.getString("targets.find { it.id == 'gp-cgnat' }.external.families.ipv4"))
        .isEqualTo("unreachable");
  }
}
