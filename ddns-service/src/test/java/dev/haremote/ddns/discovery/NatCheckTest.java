package dev.haremote.ddns.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.net.IpFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatCheckTest {
  private static final SourceReading ECHO_A =
      new SourceReading("echo-a", "http", IpFamily.IPV4, "8.8.4.4", "8.8.4.4", null, false);
  private static final SourceReading ECHO_B =
      new SourceReading("echo-b", "dns", IpFamily.IPV4, "8.8.4.4", "8.8.4.4", null, false);

  private static NatCheck.Verdict judge(SourceReading router) {
    List<SourceReading> readings =
        router == null ? List.of(ECHO_A, ECHO_B) : List.of(ECHO_A, ECHO_B, router);
    return NatCheck.judge(QuorumVote.decide(IpFamily.IPV4, 2, readings));
  }

  private static SourceReading routerSays(String literal, String refusal) {
    return new SourceReading(
        "upnp", "upnp", IpFamily.IPV4, literal, refusal == null ? literal : null, refusal, false);
  }

  @Test
  void aRouterWanAddressInTheSharedRangeIsCgnat() {
    NatCheck.Verdict v = judge(routerSays("100.64.3.4", "100.64.3.4 is cgnat"));

    assertThat(v.cgnat()).isTrue();
    assertThat(v.doubleNat()).isFalse();
    assertThat(v.wanAddress()).isEqualTo("100.64.3.4");
    assertThat(v.advice()).contains("public IPv4").contains("IPv6");
  }

  @Test
  void aPrivateRouterWanAddressIsDoubleNatNotCgnat() {
    NatCheck.Verdict v = judge(routerSays("192.168.178.20", "192.168.178.20 is private"));

    assertThat(v.doubleNat()).isTrue();
    assertThat(v.cgnat()).as("what is in front of the modem is not known").isNull();
    assertThat(v.advice()).contains("bridge mode");
  }

  @Test
  void anEmptyExternalAddressFromTheRouterMeansNoPublicAddress() {
    SourceReading router =
        new SourceReading(
            "upnp", "upnp", IpFamily.IPV4, null, null, "the router has no public address", true);

    NatCheck.Verdict v = judge(router);
    assertThat(v.cgnat()).isTrue();
    assertThat(v.doubleNat()).isNull();
  }

  @Test
  void aRouterWithAnotherPublicAddressThanTheEchoesIsBehindCarrierNat() {
    assertThat(judge(routerSays("9.9.9.9", null)).cgnat()).isTrue();
  }

  @Test
  void aRouterWithThePublicAddressIsNeither() {
    NatCheck.Verdict v = judge(routerSays("8.8.4.4", null));

    assertThat(v.cgnat()).isFalse();
    assertThat(v.doubleNat()).isFalse();
    assertThat(v.advice()).isNull();
  }

  @Test
  void withoutARouterAnswerOrAnEchoItIsUnknown() {
    assertThat(judge(null).cgnat()).isNull();
    assertThat(judge(null).doubleNat()).isNull();
    SourceReading silent =
        new SourceReading(
            "upnp", "upnp", IpFamily.IPV4, null, null, "no UPnP gateway answered", false);
    assertThat(judge(silent).cgnat()).isNull();
    SourceReading empty =
        new SourceReading(
            "upnp", "upnp", IpFamily.IPV4, null, null, "the router has no public address", true);
    assertThat(NatCheck.judge(QuorumVote.decide(IpFamily.IPV4, 2, List.of(empty))).cgnat())
        .as("an empty router answer alone, with no echo seeing a public address, proves nothing")
        .isNull();
  }
}
