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
}
