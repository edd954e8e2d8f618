package dev.haremote.ddns.update;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.labkit.ddns.CloudflareStandIn;
import dev.haremote.labkit.ddns.DuckDnsStandIn;
import dev.haremote.labkit.ddns.Dyndns2StandIn;
import dev.haremote.labkit.ddns.ProviderStandIn;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each provider client against a local server speaking its exact protocol. */
class ProviderStandInTest {
  static final String TOKEN = "tok-3f9a1c7e5b2d4a60";
  static final String NAME = "my-home.duckdns.org";
  static final Duration TIMEOUT = Duration.ofSeconds(1);
  private final HttpProbe http = new HttpProbe(TrustConfig.of(List.of()));
  private ProviderStandIn standIn;

  @AfterEach
  void close() {
    if (standIn != null) {
      standIn.close();
    }
  }

  private static UpdateRequest v4(String address) {
    return new UpdateRequest(NAME, IpFamily.IPV4, address, Map.of(IpFamily.IPV6, "2001:db8::7"));
  }

  private DuckDnsProvider duck(DuckDnsStandIn s, String token) {
    standIn = s;
    return new DuckDnsProvider(URI.create(s.updateUrl()), token, http, TIMEOUT);
  }

  @Test
  void duckdnsSuccessSendsBothFamiliesExplicitly() {
    DuckDnsStandIn s = new DuckDnsStandIn(TOKEN, "my-home");
    UpdateOutcome o = duck(s, TOKEN).update(v4("198.51.100.7"));

    assertThat(o.result()).isEqualTo(UpdateResult.SUCCESS);
    String q = s.received().get(0).pathAndQuery();
    assertThat(q)
        .contains("domains=my-home&")
        .contains("ip=198.51.100.7")
        .contains("ipv6=2001%3Adb8%3A%3A7")
        .contains("verbose=true");
    assertThat(o.detail()).doesNotContain(TOKEN);
  }

  @Test
  void duckdnsIpv6OnlyNeverSendsABlankIpv4() {
    DuckDnsStandIn s = new DuckDnsStandIn(TOKEN, "my-home");
    UpdateOutcome o =
        duck(s, TOKEN).update(new UpdateRequest(NAME, IpFamily.IPV6, "2001:db8::7", Map.of()));

    assertThat(o.result()).isEqualTo(UpdateResult.SUCCESS);
    assertThat(s.received().get(0).pathAndQuery())
        .doesNotContain("ip=&")
        .doesNotContain("&ip=")
        .contains("ipv6=2001%3Adb8%3A%3A7");
  }

  @Test
  void duckdnsNochangeIsNochg() {
    DuckDnsStandIn s = new DuckDnsStandIn(TOKEN, "my-home");
    DuckDnsProvider p = duck(s, TOKEN);
    p.update(v4("198.51.100.7"));

    assertThat(p.update(v4("198.51.100.7")).result()).isEqualTo(UpdateResult.NOCHG);
  }

  @Test
  void duckdnsKoIsAFailure() {
    UpdateOutcome o =
        duck(new DuckDnsStandIn(TOKEN, "my-home"), "not-the-token").update(v4("198.51.100.7"));

    assertThat(o.result()).isEqualTo(UpdateResult.FAILED);
    assertThat(o.detail()).isEqualTo("duckdns answered KO");
  }

  @Test
  void duckdns429HonoursRetryAfter() {
    DuckDnsStandIn s = new DuckDnsStandIn(TOKEN, "my-home");
    s.answer(429, "", Map.of("Retry-After", "120"));

    UpdateOutcome o = duck(s, TOKEN).update(v4("198.51.100.7"));

    assertThat(o.result()).isEqualTo(UpdateResult.RATE_LIMITED);
    assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void duckdnsHangingEndsAtTheDeadline() {
    DuckDnsStandIn s = new DuckDnsStandIn(TOKEN, "my-home");
    s.hang();

    UpdateOutcome o = duck(s, TOKEN).update(v4("198.51.100.7"));

    assertThat(o.result()).isEqualTo(UpdateResult.FAILED);
    assertThat(o.detail()).contains("timeout");
  }

  @Test
  void duckdnsGarbageThatEchoesTheTokenIsAFailureWithoutTheToken() {
    DuckDnsStandIn s = new DuckDnsStandIn(TOKEN, "my-home");
    s.answer(200, "<html>\u0000\u00ff error for token=" + TOKEN + " </html>", Map.of());

    UpdateOutcome o = duck(s, TOKEN).update(v4("198.51.100.7"));

    assertThat(o.result()).isEqualTo(UpdateResult.FAILED);
    assertThat(o.detail()).contains("unexpected answer").doesNotContain(TOKEN);
  }

  private Dyndns2Provider dyn(Dyndns2StandIn s, String password) {
    standIn = s;
    return new Dyndns2Provider(URI.create(s.updateUrl()), "me", password, http, TIMEOUT);
  }

  @Test
  void dyndns2GoodThenNochg() {
    Dyndns2StandIn s = new Dyndns2StandIn("me", TOKEN, NAME);
    Dyndns2Provider p = dyn(s, TOKEN);

    assertThat(p.update(v4("198.51.100.7")).result()).isEqualTo(UpdateResult.SUCCESS);
    assertThat(p.update(v4("198.51.100.7")).result()).isEqualTo(UpdateResult.NOCHG);
    assertThat(s.received().get(0).pathAndQuery())
        .contains("hostname=my-home.duckdns.org&myip=198.51.100.7");
  }

  @Test
  void dyndns2WrongPasswordIsFatal() {
    UpdateOutcome o =
        dyn(new Dyndns2StandIn("me", TOKEN, NAME), "wrong").update(v4("198.51.100.7"));

    assertThat(o.result()).isEqualTo(UpdateResult.FATAL);
    assertThat(o.detail()).contains("badauth");
  }

  @ParameterizedTest
  @CsvSource({
    "good 198.51.100.7, SUCCESS",
    "nochg 198.51.100.7, NOCHG",
    "badauth, FATAL",
    "!donator, FATAL",
    "notfqdn, FATAL",
    "nohost, FATAL",
    "numhost, FATAL",
    "abuse, FATAL",
    "badagent, FATAL",
    "badsys, FATAL",
    "good 127.0.0.1, FATAL", // Dyn: the request was ignored (a client it refuses)
    "dnserr, FAILED",
    "911, FAILED",
    "<html>Bad Gateway</html>, FAILED",
  })
  void dyndns2EveryAnswerCode(String body, UpdateResult expected) {
    Dyndns2StandIn s = new Dyndns2StandIn("me", TOKEN, NAME);
    s.answer(200, body, Map.of());

    UpdateOutcome o = dyn(s, TOKEN).update(v4("198.51.100.7"));

    assertThat(o.result()).isEqualTo(expected);
    assertThat(o.detail()).doesNotContain(TOKEN);
    // The protocol asks for 30 minutes after the provider's own trouble; nothing else sets a wait.
    assertThat(o.retryAfter())
        .isEqualTo(body.equals("911") || body.equals("dnserr") ? Duration.ofMinutes(30) : null);
    // A refused client or system is not a wrong password: the stop advice must not say so.
    assertThat(o.secretRuledOut())
        .isEqualTo(body.equals("badagent") || body.equals("badsys") || body.startsWith("good 127"));
  }

  @Test
  void dyndns2Good127IsASuccessWhenThatWasAskedFor() {
    Dyndns2StandIn s = new Dyndns2StandIn("me", TOKEN, NAME);
    s.answer(200, "good 127.0.0.1", Map.of());

    UpdateOutcome asked = dyn(s, TOKEN).update(v4("127.0.0.1"));
    UpdateOutcome ignored = dyn(s, TOKEN).update(v4("198.51.100.7"));

    assertThat(asked.result()).isEqualTo(UpdateResult.SUCCESS);
    assertThat(ignored.result()).isEqualTo(UpdateResult.FATAL);
    assertThat(ignored.detail())
        .isEqualTo(
            "dyndns2 answered good 127.0.0.1: the provider ignored the request (it refuses this"
                + " client, like badagent); nothing was changed");
  }

  @ParameterizedTest(name = "{0} {1} Retry-After {2}")
  @CsvSource({
    "503, <html>down</html>, 120, 120",
    "500, 911, 3600, 3600", // longer than the 30 minutes a 911 waits anyway
    "502, 911, 5, 1800", // shorter: the 911 rule's 30 minutes stand
    "503, dnserr, 0, 1800", // so do dnserr's
  })
  void dyndns2HonoursRetryAfterSecondsOn5xx(int status, String body, String header, long wait) {
    Dyndns2StandIn s = new Dyndns2StandIn("me", TOKEN, NAME);
    s.answer(status, body, Map.of("Retry-After", header));

    UpdateOutcome o = dyn(s, TOKEN).update(v4("198.51.100.7"));

    assertThat(o.result()).isEqualTo(UpdateResult.FAILED);
    assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(wait));
  }

  @Test
  void dyndns2HonoursRetryAfterAsAnHttpDateOn5xx() {
    Dyndns2StandIn s = new Dyndns2StandIn("me", TOKEN, NAME);
    String inFiveMinutes =
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(300));
    s.answer(503, "", Map.of("Retry-After", inFiveMinutes));

    UpdateOutcome o = dyn(s, TOKEN).update(v4("198.51.100.7"));

    assertThat(o.result()).isEqualTo(UpdateResult.FAILED);
    assertThat(o.retryAfter()).isBetween(Duration.ofSeconds(290), Duration.ofSeconds(300));
  }

  @Test
  void dyndns2A5xxWithoutRetryAfterLeavesTheWaitToTheBackoff() {
    Dyndns2StandIn s = new Dyndns2StandIn("me", TOKEN, NAME);
    s.answer(503, "", Map.of());

    assertThat(dyn(s, TOKEN).update(v4("198.51.100.7")).retryAfter()).isNull();
  }

  @Test
  void dyndns2RateLimitAndHang() {
    Dyndns2StandIn s = new Dyndns2StandIn("me", TOKEN, NAME);
    Dyndns2Provider p = dyn(s, TOKEN);
    s.answer(429, "", Map.of("Retry-After", "Wed, 25 Nov 2099 08:00:00 GMT"));
    UpdateOutcome limited = p.update(v4("198.51.100.7"));
    assertThat(limited.result()).isEqualTo(UpdateResult.RATE_LIMITED);
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofDays(1)); // capped

    s.hang();
    assertThat(p.update(v4("198.51.100.7")).result()).isEqualTo(UpdateResult.FAILED);
  }

  private CloudflareProvider cf(CloudflareStandIn s, String token) {
    standIn = s;
    return new CloudflareProvider(URI.create(s.apiUrl()), "zone1", token, 1, http, TIMEOUT);
  }

  @Test
  void cloudflarePatchesTheOneRecordAndLeavesOthers() {
    CloudflareStandIn s = new CloudflareStandIn(TOKEN, "zone1");
    s.addRecord("A", NAME, "198.51.100.1");
    s.addRecord("AAAA", NAME, "2001:db8::1");
    s.addRecord("A", "other.duckdns.org", "198.51.100.200");

    UpdateOutcome o = cf(s, TOKEN).update(v4("198.51.100.7"));

    assertThat(o.result()).as(o.detail()).isEqualTo(UpdateResult.SUCCESS);
    assertThat(s.records())
        .extracting(r -> r.type() + " " + r.name() + " " + r.content())
        .containsExactly(
            "A my-home.duckdns.org 198.51.100.7",
            "AAAA my-home.duckdns.org 2001:db8::1",
            "A other.duckdns.org 198.51.100.200");
    assertThat(s.received())
        .extracting(ProviderStandIn.Received::method)
        .containsExactly("GET", "PATCH");
  }

  @Test
  void cloudflareCreatesAMissingRecordAndSaysNochgWhenSet() {
    CloudflareStandIn s = new CloudflareStandIn(TOKEN, "zone1");
    CloudflareProvider p = cf(s, TOKEN);

    assertThat(p.update(v4("198.51.100.7")).result()).isEqualTo(UpdateResult.SUCCESS);
    assertThat(p.update(v4("198.51.100.7")).result()).isEqualTo(UpdateResult.NOCHG);
    assertThat(s.records()).hasSize(1);
  }

  @Test
  void cloudflareNeverChoosesAmongSeveralRecords() {
    CloudflareStandIn s = new CloudflareStandIn(TOKEN, "zone1");
    s.addRecord("A", NAME, "198.51.100.1");
    s.addRecord("A", NAME, "198.51.100.2");

    UpdateOutcome o = cf(s, TOKEN).update(v4("198.51.100.7"));

    assertThat(o.result()).isEqualTo(UpdateResult.FATAL);
    assertThat(s.records())
        .extracting(CloudflareStandIn.DnsRecord::content)
        .containsExactly("198.51.100.1", "198.51.100.2");
  }

  @Test
  void cloudflareBadTokenIsFatal() {
    UpdateOutcome o =
        cf(new CloudflareStandIn(TOKEN, "zone1"), "wrong-token").update(v4("198.51.100.7"));

    assertThat(o.result()).isEqualTo(UpdateResult.FATAL);
  }

  @Test
  void cloudflare429HonoursRetryAfter() {
    CloudflareStandIn s = new CloudflareStandIn(TOKEN, "zone1");
    s.answer(
        429,
        "{\"success\":false,\"errors\":[{\"code\":971,\"message\":\"Please wait\"}]}",
        Map.of("retry-after", "300", "Content-Type", "application/json"));

    UpdateOutcome o = cf(s, TOKEN).update(v4("198.51.100.7"));

    assertThat(o.result()).isEqualTo(UpdateResult.RATE_LIMITED);
    assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void cloudflareGarbageAndHanging() {
    CloudflareStandIn s = new CloudflareStandIn(TOKEN, "zone1");
    CloudflareProvider p = cf(s, TOKEN);
    s.answer(200, "not json " + TOKEN, Map.of());
    UpdateOutcome garbage = p.update(v4("198.51.100.7"));
    assertThat(garbage.result()).isEqualTo(UpdateResult.FAILED);
    assertThat(garbage.detail()).doesNotContain(TOKEN);

    s.answer(200, "{\"success\":true,\"result\":\"surprise\"}", Map.of());
    assertThat(p.update(v4("198.51.100.7")).result()).isEqualTo(UpdateResult.FAILED);

    s.hang();
    assertThat(p.update(v4("198.51.100.7")).result()).isEqualTo(UpdateResult.FAILED);
  }
}
