package dev.haremote.common.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.net.IpFamily;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SystemResolverTest {
  private final SystemResolver resolver = new SystemResolver();

  @Test
  void literalsResolveToThemselvesPerFamily() {
    var v4 = resolver.resolve("127.0.0.1", IpFamily.IPV4, Duration.ofSeconds(2));
    assertThat(v4.addresses()).containsExactly("127.0.0.1");
    assertThat(v4.reason()).isNull();

    var wrongFamily = resolver.resolve("127.0.0.1", IpFamily.IPV6, Duration.ofSeconds(2));
    assertThat(wrongFamily.addresses()).isEmpty();
    assertThat(wrongFamily.reason()).isEqualTo("no_address");

    var v6 = resolver.resolve("0:0:0:0:0:0:0:1", IpFamily.IPV6, Duration.ofSeconds(2));
    assertThat(v6.addresses()).containsExactly("::1");
  }

  @Test
  void localhostResolvesFromTheHostsFile() {
    var r = resolver.resolve("localhost", IpFamily.IPV4, Duration.ofSeconds(2));
    assertThat(r.addresses()).contains("127.0.0.1");
  }

  @Test
  void invalidTopLevelNameIsNxdomain() {
    // ".invalid" is reserved (RFC 2606); resolvers answer it without going out.
    var r = resolver.resolve("no-such-host.invalid", IpFamily.IPV4, Duration.ofSeconds(5));
    assertThat(r.addresses()).isEmpty();
    assertThat(r.reason()).isIn("nxdomain", "timeout");
  }
}
