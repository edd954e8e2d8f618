package dev.haremote.reachability.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.reachability.diagnosis.VerdictCode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every series of every configured target exists, with HELP, before anything is known. */
@QuarkusTest
@TestProfile(MetricsSeriesTest.OneTarget.class)
class MetricsSeriesTest {

  public static class OneTarget implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.http.test-port", "0",
          "reachability.interval", "1h",
          "reachability.timeout", "1s",
          "reachability.targets[0].id", "home",
          "reachability.targets[0].url", "https://127.0.0.1:1",
          "reachability.targets[0].families", "ipv4,ipv6",
          "reachability.resolvers.public", "127.0.0.1:1");
    }
  }

  @Test
  void allSeriesPresent() {
    String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    for (String stage : new String[] {"dns", "tcp", "tls", "http", "websocket"}) {
      for (String family : new String[] {"ipv4", "ipv6"}) {
        assertThat(text)
            .contains(
                "reachability_probe_success{ip_protocol=\""
                    + family
                    + "\",stage=\""
                    + stage
                    + "\",target=\"home\"}");
        assertThat(text)
            .contains(
                "reachability_probe_duration_seconds{ip_protocol=\""
                    + family
                    + "\",stage=\""
                    + stage
                    + "\",target=\"home\"}");
      }
    }
    for (VerdictCode v : VerdictCode.values()) {
      assertThat(text)
          .contains("reachability_verdict_info{target=\"home\",verdict=\"" + v.code() + "\"}");
    }
    assertThat(text).contains("reachability_target_reachable{target=\"home\"}");
    assertThat(text).contains("# HELP reachability_verdict_info ");
    assertThat(text).contains("# HELP reachability_probe_success ");
  }
}
