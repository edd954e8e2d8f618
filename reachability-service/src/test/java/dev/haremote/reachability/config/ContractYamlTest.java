package dev.haremote.reachability.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML of docs/api.md is accepted as written (nulls, empty lists, the "public" key). */
@QuarkusTest
@TestProfile(ContractYamlTest.ContractYaml.class)
class ContractYamlTest {

  public static class ContractYaml implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.config.locations", "contract-example.yaml",
          "reachability.timeout", "1s",
          "suite.api-token", "contract-yaml-token");
    }
  }

  @Inject ReachabilityConfig config;

  @Test
  void contractExampleParses() {
    assertThat(config.targets()).hasSize(1);
    assertThat(config.targets().get(0).families()).containsExactly("ipv4", "ipv6");
    assertThat(config.resolvers().publicResolvers()).containsExactly("127.0.0.1:1", "[::1]:1");
    assertThat(config.ddnsUrl()).isEmpty();
    assertThat(config.trust().extraCaFile()).isEmpty();
    assertThat(config.peers()).isEmpty();
    assertThat(ReachabilityConfigCheck.problems(config)).isEmpty();
  }

  @Test
  void resolversThatDoNotAnswerAreADnsErrorNamingEachNotAMissingRecord() {
    JsonPath status =
        given()
            .header("Authorization", "Bearer contract-yaml-token")
            .post("/api/v1/check")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(status.getString("targets[0].verdict")).isEqualTo("dns_error");
    assertThat(status.getString("targets[0].advice"))
        .contains("did not answer")
        .contains("not a missing record")
        .doesNotContain("has no A record");
    // Both public resolvers are named, not only the first that timed out.
    assertThat(status.getString("targets[0].ipv4.dns_error"))
        .contains("127.0.0.1:1")
        .contains("[::1]:1");
    assertThat(status.getString("targets[0].ipv4.dns_failure"))
        .isNotNull()
        .isNotEqualTo("nxdomain");
    assertThat(status.getString("targets[0].internal.reachable")).isEqualTo("false");
    assertThat(status.getString("targets[0].external")).isNull();
  }
}
