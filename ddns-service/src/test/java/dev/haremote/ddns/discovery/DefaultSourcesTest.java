package dev.haremote.ddns.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.net.IpFamily;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The built-in sources: enough independent ones per family for the default quorum of two, over both
 * protocols, from more than one operator, and each well formed (they are never asked here: tests do
 * not reach the internet).
 */
class DefaultSourcesTest {

  @Test
  void eachFamilyHasAtLeastThreeIndependentSourcesOverHttpAndDns() {
    for (IpFamily family : IpFamily.values()) {
      List<SourceSpec> specs = DefaultSources.forFamilies(List.of(family));

      assertThat(specs).hasSizeGreaterThanOrEqualTo(3).allMatch(s -> s.family() == family);
      assertThat(specs.stream().map(SourceSpec::type).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder(SourceType.HTTP, SourceType.DNS);
      Set<String> operators =
          specs.stream().map(DefaultSourcesTest::operator).collect(Collectors.toSet());
      assertThat(operators).as("operators for %s", family).hasSizeGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void everyDefaultIsWellFormed() {
    for (SourceSpec s : DefaultSources.forFamilies(List.of(IpFamily.IPV4, IpFamily.IPV6))) {
      if (s.type() == SourceType.HTTP) {
        assertThat(URI.create(s.url()).getScheme()).isEqualTo("https");
      } else {
        DnsServer server = DnsServer.parse(s.server());
        assertThat(server.port()).isEqualTo(53);
        assertThat(server.host().contains(":")).isEqualTo(s.family() == IpFamily.IPV6);
      }
    }
  }

  @Test
  void onlyTheWatchedFamiliesAreAsked() {
    assertThat(DefaultSources.forFamilies(List.of(IpFamily.IPV4)))
        .allMatch(s -> s.family() == IpFamily.IPV4);
    assertThat(DefaultSources.forFamilies(List.of())).isEmpty();
  }

  private static String operator(SourceSpec s) {
    String host = s.type() == SourceType.HTTP ? URI.create(s.url()).getHost() : s.name();
    String[] labels = host.split("\\.");
    return labels[labels.length - 2]; // ipify, icanhazip, opendns, cloudflare
  }
}
