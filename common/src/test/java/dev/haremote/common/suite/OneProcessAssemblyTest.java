package dev.haremote.common.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.suite.auth.BearerTokenFilter;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What common does differently when the three services share one process (SuiteAssembly). */
class OneProcessAssemblyTest {
  private static SuiteConfig config(String assembly, String publicUrl) {
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
        return false;
      }

      @Override
      public Optional<String> publicUrl() {
        return Optional.ofNullable(publicUrl);
      }

      @Override
      public String assembly() {
        return assembly;
      }
    };
  }

  @Test
  void oneProcessIsReadyOnlyWhenEveryServiceFinishedItsFirstRound() {
    SuiteReadiness readiness = new SuiteReadiness(config(SuiteAssembly.ONE_PROCESS, null));
    readiness.firstRoundDone("ddns-service");
    readiness.firstRoundDone("cert-watch-service");
    assertThat(readiness.isFirstRoundDone()).isFalse();
    assertThat(readiness.waitingFor()).containsExactly("reachability-service");
    readiness.firstRoundDone("reachability-service");
    assertThat(readiness.isFirstRoundDone()).isTrue();
    assertThat(readiness.waitingFor()).isEmpty();
  }

  @Test
  void aServiceAloneIsReadyAfterItsOwnFirstRound() {
    SuiteReadiness readiness = new SuiteReadiness(config(SuiteAssembly.THREE_PROCESSES, null));
    assertThat(readiness.isFirstRoundDone()).isFalse();
    readiness.firstRoundDone("ddns-service");
    assertThat(readiness.isFirstRoundDone()).isTrue();
  }

  @Test
  void homeAssistantFindsEachServiceUnderItsMount() {
    assertThat(
            PublicUrl.base(
                config(SuiteAssembly.ONE_PROCESS, "http://pi.local:8080/"), "ddns-service", 8083))
        .isEqualTo("http://pi.local:8080/ddns-service");
    assertThat(PublicUrl.base(config(SuiteAssembly.ONE_PROCESS, null), "ddns-service", 8083))
        .isEqualTo("http://ha-remote-access:8080/ddns-service");
    assertThat(PublicUrl.base(config(SuiteAssembly.THREE_PROCESSES, null), "ddns-service", 8083))
        .isEqualTo("http://ddns-service:8083");
  }

  @Test
  void theBearerFilterGuardsTheApiUnderAMountAsAtTheRoot() {
    assertThat(BearerTokenFilter.isApiPath("/api/v1/check")).isTrue();
    assertThat(BearerTokenFilter.isApiPath("/ddns-service/api/v1/check")).isTrue();
    assertThat(BearerTokenFilter.isApiPath("/q/health/ready")).isFalse();
    assertThat(BearerTokenFilter.isApiPath("/api")).isFalse();
    assertThat(BearerTokenFilter.isApiPath("/a/b/api/v1/check")).isFalse();
  }
}
