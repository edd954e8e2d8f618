package dev.haremote.lab.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The oracle itself, on homes whose answer a reader of the guide knows by heart. */
class GuideOracleTest {
  private static HomeSetup healthyWith(java.util.function.UnaryOperator<int[]> change) {
    return HomeSetup.of(change.apply(new int[HomeSetup.FACTORS.size()]));
  }

  @Test
  void theHealthyHomeIsOk() {
    assertThat(GuideOracle.expect(HomeSetup.healthy()))
        .isEqualTo(new GuideOracle.Expected("ok", "ok", "ok"));
  }

  @Test
  void cgnatWinsOverEverythingOnIpv4AndLeavesIpv6Alone() {
    HomeSetup s =
        healthyWith(
            r -> {
              r[3] = 1;
              r[0] = 1;
              r[8] = 1;
              return r;
            });
    assertThat(GuideOracle.expect(s)).isEqualTo(new GuideOracle.Expected("cgnat", "ok", "cgnat"));
  }

  @Test
  void theForwardComesBeforeTheCertificate() {
    HomeSetup s =
        healthyWith(
            r -> {
              r[0] = 1;
              r[7] = 1;
              return r;
            });
    assertThat(GuideOracle.expect(s))
        .isEqualTo(new GuideOracle.Expected("port_closed", "cert_expired", "port_closed"));
  }

  @Test
  void aRightRewriteMakesHairpinIrrelevant() {
    HomeSetup s =
        healthyWith(
            r -> {
              r[2] = 1;
              r[4] = 1;
              return r;
            });
    assertThat(GuideOracle.expect(s).ipv4()).isEqualTo("ok");
    HomeSetup noRewrite =
        healthyWith(
            r -> {
              r[2] = 1;
              return r;
            });
    assertThat(GuideOracle.expect(noRewrite).ipv4()).isEqualTo("hairpin_unsupported");
  }

  @Test
  void aClosedIpv6FirewallBesideWorkingIpv4IsAWarning() {
    HomeSetup s =
        healthyWith(
            r -> {
              r[1] = 1;
              return r;
            });
    assertThat(GuideOracle.expect(s))
        .isEqualTo(new GuideOracle.Expected("ok", "port_closed", "ipv6_port_mismatch"));
  }
}
