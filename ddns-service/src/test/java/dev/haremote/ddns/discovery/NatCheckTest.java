package dev.haremote.ddns.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.net.IpFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

class CgnatCheckTest {
  private static final SourceReading ECHO_A =
      new SourceReading("echo-a", "http", IpFamily.IPV4, "8.8.4.4", "8.8.4.4", null, false);
  private static final SourceReading ECHO_B =
      new SourceReading("echo-b", "dns", IpFamily.IPV4, "8.8.4.4", "8.8.4.4", null, false);

  private static CgnatCheck.Verdict judge(SourceReading router) {
    List<SourceReading> readings =
        router == null ? List.of(ECHO_A, ECHO_B) : List.of(ECHO_A, ECHO_B, router);
    return CgnatCheck.judge(QuorumVote.decide(IpFamily.IPV4, 2, readings));
  }

  @Test
  void aRouterWanAddressInTheSharedRangeIsCgnat() {
    SourceReading router =
        new SourceReading(
            "upnp", "upnp", IpFamily.IPV4, "100.64.3.4", null, "100.64.3.4 is cgnat", false);

    CgnatCheck.Verdict v = judge(router);

    assertThat(v.cgnat()).isTrue();
    assertThat(v.wanAddress()).isEqualTo("100.64.3.4");
    assertThat(v.advice()).contains("public IPv4").contains("IPv6");
  }

  @Test
  void anEmptyExternalAddressFromTheRouterIsCgnat() {
    SourceReading router =
        new SourceReading(
            "upnp", "upnp", IpFamily.IPV4, null, null, "the router has no public address", true);

    assertThat(judge(router).cgnat()).isTrue();
  }

  @Test
  void aRouterWithThePublicAddressIsNotCgnat() {
    SourceReading router =
        new SourceReading("upnp", "upnp", IpFamily.IPV4, "8.8.4.4", "8.8.4.4", null, false);

    CgnatCheck.Verdict v = judge(router);

    assertThat(v.cgnat()).isFalse();
    assertThat(v.advice()).isNull();
  }

  @Test
  void withoutARouterAnswerItIsUnknown() {
    assertThat(judge(null).cgnat()).isNull();
    SourceReading silent =
        new SourceReading(
            "upnp", "upnp", IpFamily.IPV4, null, null, "no UPnP gateway answered", false);
    assertThat(judge(silent).cgnat()).isNull();
  }
}
