package dev.haremote.common.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TlsProviderTest {
  @Test
  void conscryptIsPreferredWhereItsNativeLibraryLoads() {
    Assumptions.assumeTrue(
        System.getProperty(TlsProvider.PROPERTY) == null, "the provider is forced for this run");
    Assumptions.assumeTrue(
        TlsProviders.conscryptExpected(), "Conscrypt has no native library here");
    assertThat(TlsProvider.conscrypt()).isPresent();
    assertThat(TlsProvider.preferred().name()).isEqualTo("conscrypt");
    assertThat(new TlsInspector(TrustConfig.of(java.util.List.of())).provider().name())
        .isEqualTo("conscrypt");
  }

  @Test
  void thePropertyForcesTheJdk() {
    assertThat(TlsProvider.choose("jdk").name()).isEqualTo("jdk");
    assertThat(TlsProvider.choose(" JDK ").name()).isEqualTo("jdk");
    assertThat(TlsProvider.choose("").name())
        .isEqualTo(TlsProvider.conscrypt().isPresent() ? "conscrypt" : "jdk");
  }
}
