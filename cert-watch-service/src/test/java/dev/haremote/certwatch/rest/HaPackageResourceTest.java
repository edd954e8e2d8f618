package dev.haremote.certwatch.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.certwatch.testing.TestConfig;
import dev.haremote.common.ha.HaEntity;
import dev.haremote.common.ha.HaRestResource;
import dev.haremote.common.suite.SuiteAssembly;
import dev.haremote.common.suite.SuiteConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HaPackageResourceTest {

  private static SuiteConfig suite(boolean protectReads, String publicUrl) {
    return new SuiteConfig() {
      @Override
      public Optional<String> apiToken() {
        return Optional.empty();
      }

      @Override
      public Optional<Path> apiTokenFile() {
        return Optional.empty();
      }

      @Override
      public boolean protectReads() {
        return protectReads;
      }

      @Override
      public Optional<String> publicUrl() {
        return Optional.ofNullable(publicUrl);
      }

      @Override
      public String assembly() {
        return SuiteAssembly.THREE_PROCESSES;
      }
    };
  }

  @Test
  void fiveEntitiesPerCertificateAndTheStallSensorWithStableUniqueIds() {
    HaPackageResource resource =
        new HaPackageResource(
            TestConfig.mapping(
                Map.of(
                    "certwatch.endpoints[0].id", "home",
                    "certwatch.endpoints[0].host", "my-home.duckdns.org",
                    "certwatch.endpoints[0].families", "ipv4,ipv6",
                    "certwatch.files[0].id", "ha-ssl",
                    "certwatch.files[0].path", "/ssl/fullchain.pem")),
            suite(false, null));
    List<HaRestResource> resources = resource.resources();
    assertThat(resources).hasSize(1);
    HaRestResource rest = resources.get(0);
    assertThat(rest.resource()).isEqualTo("http://cert-watch-service:8082/api/v1/status");
    assertThat(rest.bearerSecretName()).isNull();
    assertThat(rest.entities())
        .extracting(HaEntity::uniqueId)
        .containsExactly(
            "certificate_home_ipv4_days_left",
            "certificate_home_ipv4_expiry",
            "certificate_home_ipv4_problem",
            "certificate_home_ipv4_problem_reason",
            "certificate_home_ipv4_advice",
            "certificate_home_ipv6_days_left",
            "certificate_home_ipv6_expiry",
            "certificate_home_ipv6_problem",
            "certificate_home_ipv6_problem_reason",
            "certificate_home_ipv6_advice",
            "certificate_file_ha_ssl_days_left",
            "certificate_file_ha_ssl_expiry",
            "certificate_file_ha_ssl_problem",
            "certificate_file_ha_ssl_problem_reason",
            "certificate_file_ha_ssl_advice",
            "certificate_checks_stalled");
    HaEntity days = rest.entities().get(10);
    assertThat(days.kind()).isEqualTo("sensor");
    assertThat(days.deviceClass()).isEqualTo("duration");
    assertThat(days.unitOfMeasurement()).isEqualTo("d");
    // Picked by key, never by position.
    assertThat(days.valueTemplate()).contains("'file-ha-ssl'").contains("days_left");
    HaEntity expiry = rest.entities().get(11);
    assertThat(expiry.deviceClass()).isEqualTo("timestamp");
    assertThat(expiry.stateClass()).isNull(); // HA refuses a state_class on timestamps
    HaEntity problem = rest.entities().get(12);
    assertThat(problem.kind()).isEqualTo("binary_sensor");
    assertThat(problem.deviceClass()).isEqualTo("problem");
    HaEntity reason = rest.entities().get(13);
    assertThat(reason.kind()).isEqualTo("sensor");
    assertThat(reason.valueTemplate()).contains("problem_reason");
    // The default interval is 60 s: stalled after the 15-minute floor.
    HaEntity stalled = rest.entities().get(15);
    assertThat(stalled.kind()).isEqualTo("binary_sensor");
    assertThat(stalled.deviceClass()).isEqualTo("problem");
    assertThat(stalled.valueTemplate()).contains("s.get('checked_at')").contains("> 900 ");
    assertThat(rest.entities()).allSatisfy(e -> assertThat(e.valueTemplate()).isNotBlank());
  }

  @Test
  void protectedReadsUseTheSecretAndPublicUrl() {
    HaPackageResource resource =
        new HaPackageResource(
            TestConfig.mapping(
                Map.of("certwatch.files[0].id", "f", "certwatch.files[0].path", "/ssl/f.pem")),
            suite(true, "https://certs.home.example/"));
    HaRestResource rest = resource.resources().get(0);
    assertThat(rest.resource()).isEqualTo("https://certs.home.example/api/v1/status");
    assertThat(rest.bearerSecretName()).isEqualTo("remote_access_auth");
  }

  @Test
  void nothingConfiguredGivesNoResources() {
    assertThat(new HaPackageResource(TestConfig.mapping(Map.of()), suite(false, null)).resources())
        .isEmpty();
  }
}
