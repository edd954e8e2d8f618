package dev.haremote.reachability.ddns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.net.IpFamily;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DdnsStatusClientTest {

  @Test
  void readsPublicAddressesCgnatAndRecords() {
    DdnsFacts f =
        DdnsStatusClient.parse(
            ("{\"checked_at\":\"2026-11-25T06:00:00Z\",\"public_ipv4\":\"203.0.113.7\","
                    + "\"public_ipv6\":null,\"cgnat\":false,\"records\":[{\"name\":\"My-Home.duckdns.org.\","
                    + "\"family\":\"ipv4\",\"expected\":\"203.0.113.7\",\"published\":\"198.51.100.1\","
                    + "\"in_sync\":false}]}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(f.error()).isNull();
    assertThat(f.publicAddress(IpFamily.IPV4)).isEqualTo("203.0.113.7");
    assertThat(f.publicAddress(IpFamily.IPV6)).isNull();
    assertThat(f.cgnat()).isFalse();
    assertThat(f.record("my-home.duckdns.org", IpFamily.IPV4))
        .hasValueSatisfying(r -> assertThat(r.inSync()).isFalse());
    assertThat(f.record("my-home.duckdns.org", IpFamily.IPV6)).isEmpty();
  }

  @Test
  void garbageIsAnErrorNotAnException() {
    assertThat(DdnsStatusClient.parse("<html>".getBytes(StandardCharsets.UTF_8)).error())
        .isNotNull();
    assertThat(DdnsStatusClient.parse("[1,2]".getBytes(StandardCharsets.UTF_8)).error())
        .isNotNull();
  }

  @Test
  void aPublicAddressThatIsNotALiteralOfItsFamilyIsAProblemNeverAName() {
    DdnsFacts f =
        DdnsStatusClient.parse(
            ("{\"public_ipv4\":\"999.1.1.1\",\"public_ipv6\":\"203.0.113.7\",\"cgnat\":false}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(f.publicAddress(IpFamily.IPV4)).isNull();
    assertThat(f.publicAddress(IpFamily.IPV6)).isNull();
    assertThat(f.cgnat()).isFalse();
    assertThat(f.error())
        .isEqualTo(
            "ddns-service gave public_ipv4 that is not an ipv4 address (ignored); "
                + "ddns-service gave public_ipv6 that is not an ipv6 address (ignored)");
    assertThat(
            DdnsStatusClient.parse(
                    "{\"public_ipv4\":\"home.example.net\"}".getBytes(StandardCharsets.UTF_8))
                .publicAddress(IpFamily.IPV4))
        .isNull();
  }

  @Test
  void addressLiteralsNeverTurnIntoLookups() {
    assertThat(dev.haremote.reachability.probe.Addresses.parseLiteral("999.1.1.1")).isEmpty();
    assertThat(dev.haremote.reachability.probe.Addresses.parseLiteral("1.2.3")).isEmpty();
    assertThat(dev.haremote.reachability.probe.Addresses.parseLiteral("203.0.113.7")).isPresent();
  }
}
