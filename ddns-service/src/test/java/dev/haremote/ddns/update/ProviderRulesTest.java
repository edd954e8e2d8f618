package dev.haremote.ddns.update;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.tls.TrustConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The provider word parsed once, and each provider's own rule for when retrying must stop. */
class ProviderRulesTest {
  private static final HttpProbe HTTP = new HttpProbe(TrustConfig.of(List.of()));
  private static final URI NOWHERE = URI.create("http://127.0.0.1:1/");

  @Test
  void theProviderWordIsParsedOnceCaseAndBlanksIgnored() {
    assertThat(ProviderKind.parse(" DuckDNS ")).contains(ProviderKind.DUCKDNS);
    assertThat(ProviderKind.parse("rfc2136")).contains(ProviderKind.RFC2136);
    assertThat(ProviderKind.parse("none")).contains(ProviderKind.NONE);
    assertThat(ProviderKind.parse("duck-dns")).isEmpty();
    assertThat(ProviderKind.parse(null)).isEmpty();
    assertThat(ProviderKind.accepted()).isEqualTo("none, duckdns, cloudflare, rfc2136, dyndns2");
  }

  @Test
  void duckdnsStopsOnTheThirdKoInARowAndOnNothingElse() {
    DuckDnsProvider duck = new DuckDnsProvider(NOWHERE, "t", HTTP, Duration.ofSeconds(1));
    UpdateOutcome ko = UpdateOutcome.of(UpdateResult.FAILED, "duckdns answered KO");
    assertThat(duck.stopAfter(ko, DuckDnsProvider.KO_LIMIT - 1)).isEmpty();
    assertThat(duck.stopAfter(ko, DuckDnsProvider.KO_LIMIT))
        .contains("duckdns answered KO 3 times in a row");
    // A failure that merely ends in "KO" is not DuckDNS's KO answer.
    UpdateOutcome other = UpdateOutcome.of(UpdateResult.FAILED, "duckdns: unexpected answer 'XKO'");
    assertThat(duck.stopAfter(other, 10)).isEmpty();
    assertThat(duck.stopAfter(UpdateOutcome.of(UpdateResult.NOCHG, "x"), 10)).isEmpty();
  }

  @Test
  void dyndns2StopsOnRepeatedNochgOnly() {
    Dyndns2Provider dyn = new Dyndns2Provider(NOWHERE, "u", "p", HTTP, Duration.ofSeconds(1));
    UpdateOutcome nochg = UpdateOutcome.of(UpdateResult.NOCHG, "dyndns2 answered nochg");
    assertThat(dyn.stopAfter(nochg, 1)).isEmpty();
    assertThat(dyn.stopAfter(nochg, Dyndns2Provider.NOCHG_LIMIT))
        .get()
        .asString()
        .contains("abuse");
    assertThat(dyn.stopAfter(UpdateOutcome.of(UpdateResult.FAILED, "dyndns2 answered KO"), 10))
        .isEmpty();
  }
}
