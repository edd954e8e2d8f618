package dev.haremote.common.suite.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublicUrlWarningTest {
  @Test
  void warnsOutsideKubernetesWhenThePublicUrlIsNotSet() {
    assertThat(PublicUrlWarning.warning(Optional.empty(), Map.of(), "ddns-service"))
        .hasValueSatisfying(
            w ->
                assertThat(w)
                    .startsWith("suite.public-url is not set")
                    .contains("http://ddns-service:PORT")
                    .contains("SUITE_PUBLIC_URL"));
  }

  @Test
  void quietWhenSetOrInKubernetes() {
    assertThat(PublicUrlWarning.warning(Optional.of("http://10.0.0.2:8083"), Map.of(), "x"))
        .isEmpty();
    assertThat(
            PublicUrlWarning.warning(
                Optional.empty(), Map.of("KUBERNETES_SERVICE_HOST", "10.43.0.1"), "x"))
        .isEmpty();
  }
}
