package dev.haremote.certwatch.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.tls.ChainVerifier;
import dev.haremote.common.tls.TlsInspector;
import dev.haremote.common.tls.TrustConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A resolver outage is not blamed on the TLS handshake nor taken for a missing record (issue #14):
 * the name never resolved, so no server was tried at all.
 */
class EndpointDnsFailureTest {

  /** The host's resolver answering one fixed way. */
  private static final class FixedResolver extends SystemResolver {
    private final String reason;
    final AtomicInteger asked = new AtomicInteger();

    FixedResolver(String reason) {
      this.reason = reason;
    }

    @Override
    public Resolution resolve(String name, IpFamily family, Duration timeout) {
      asked.incrementAndGet();
      return new Resolution(List.of(), reason, Duration.ZERO);
    }
  }

  private static final CertWatchConfig.Endpoint HOME =
      new CertWatchConfig.Endpoint() {
        @Override
        public String id() {
          return "home";
        }

        @Override
        public String host() {
          return "my-home.duckdns.org";
        }

        @Override
        public int port() {
          return 8123;
        }

        @Override
        public Optional<String> sni() {
          return Optional.empty();
        }

        @Override
        public Optional<String> address() {
          return Optional.empty();
        }

        @Override
        public List<IpFamily> families() {
          return List.of(IpFamily.IPV4);
        }
      };

  private static Observation check(String resolverSays) {
    FixedResolver resolver = new FixedResolver(resolverSays);
    EndpointChecker checker =
        new EndpointChecker(
            new TlsInspector(TrustConfig.of(List.of())),
            resolver,
            Duration.ofSeconds(2),
            Clock.systemUTC(),
            new ChainVerifier(TrustConfig.of(List.of())),
            Instant::now);
    Observation o = checker.check(HOME, IpFamily.IPV4);
    assertThat(resolver.asked).hasValue(1);
    return o;
  }

  @Test
  void aResolverTimeoutIsADnsErrorNotAHandshakeTimeout() {
    Observation o = check("timeout");
    assertThat(o.failure()).isEqualTo(Reason.DNS_ERROR);
    assertThat(o.failureDetail()).contains("did not answer").contains("no server was tried");
  }

  @Test
  void aFailingResolverIsADnsError() {
    assertThat(check("servfail").failure()).isEqualTo(Reason.DNS_ERROR);
  }

  @Test
  void aNameWithoutAnAddressStaysUnresolved() {
    assertThat(check("nxdomain").failure()).isEqualTo(Reason.DNS_UNRESOLVED);
    assertThat(check("no_address").failure()).isEqualTo(Reason.DNS_UNRESOLVED);
  }
}
