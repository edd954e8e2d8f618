package dev.haremote.ddns.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.suite.ConfigProblem;
import dev.haremote.ddns.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every problem names its key with indices, and says what is wrong. */
class DdnsConfigCheckTest {
  @TempDir Path dir;

  private List<String> problems(Map<String, String> p) {
    p.putIfAbsent("ddns.state-dir", dir.resolve("state").toString());
    return new DdnsConfigCheck(TestConfigs.ddns(p))
        .problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void nothingConfiguredIsValid() {
    assertThat(problems(new HashMap<>())).isEmpty();
  }

  @Test
  void theDocumentedExampleIsValid() throws Exception {
    Path tsig = dir.resolve("tsig");
    Files.writeString(tsig, "c2VjcmV0LXNlY3JldC1zZWNyZXQ=\n");
    Path token = dir.resolve("token");
    Files.writeString(token, "abc\n");
    Map<String, String> p = new HashMap<>();
    p.put("ddns.records[0].name", "my-home.duckdns.org");
    p.put("ddns.records[0].families", "ipv4,ipv6");
    p.put("ddns.records[0].provider", "duckdns");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].duckdns.token-file", token.toString());
    p.put("ddns.records[1].name", "home.example.net");
    p.put("ddns.records[1].provider", "rfc2136");
    p.put("ddns.records[1].update", "true");
    p.put("ddns.records[1].rfc2136.server", "ns1.example.net:53");
    p.put("ddns.records[1].rfc2136.zone", "example.net.");
    p.put("ddns.records[1].rfc2136.key-name", "ddns");
    p.put("ddns.records[1].rfc2136.secret-file", tsig.toString());
    p.put("ddns.discovery.sources[0].type", "http");
    p.put("ddns.discovery.sources[0].url", "https://api.ipify.org");
    p.put("ddns.discovery.sources[1].type", "dns");
    p.put("ddns.discovery.sources[1].server", "208.67.222.222");
    p.put("ddns.discovery.sources[1].name", "myip.opendns.com");

    assertThat(problems(p)).isEmpty();
  }

  @Test
  void problemsNameTheKeyWithItsIndex() {
    Map<String, String> p = new HashMap<>();
    p.put("ddns.records[0].name", "ok.duckdns.org");
    p.put("ddns.records[1].name", "home.example.net");
    p.put("ddns.records[1].families", "ipv4,ipv5");
    p.put("ddns.records[1].provider", "rfc2136");
    p.put("ddns.records[1].update", "true");
    p.put("ddns.records[1].rfc2136.zone", "other.net.");
    p.put("ddns.records[1].rfc2136.algorithm", "hmac-md4");
    p.put("ddns.records[1].rfc2136.secret-file", dir.resolve("missing").toString());
    p.put("ddns.records[2].name", "x.example.net");
    p.put("ddns.records[2].provider", "noip");
    p.put("ddns.records[3].name", "y.example.net");
    p.put("ddns.records[3].update", "true");
    p.put("ddns.discovery.quorum", "0");
    p.put("ddns.discovery.allow-ranges", "10.0.0.0/99");
    p.put("ddns.discovery.sources[0].type", "http");
    p.put("ddns.discovery.sources[0].url", "ftp://example.net/");
    p.put("ddns.discovery.sources[1].type", "carrier-pigeon");

    assertThat(problems(p))
        .containsExactlyInAnyOrder(
            "ddns.records[1].families[1]: must be ipv4 or ipv6, not 'ipv5'",
            "ddns.records[1].rfc2136.server: is required",
            "ddns.records[1].rfc2136.zone: 'other.net' does not contain 'home.example.net'",
            "ddns.records[1].rfc2136.key-name: is required",
            "ddns.records[1].rfc2136.algorithm: must be one of hmac-sha256, hmac-sha384, hmac-sha512,"
                + " hmac-sha224, hmac-sha1, not 'hmac-md4'",
            "ddns.records[1].rfc2136.secret-file: '"
                + dir.resolve("missing")
                + "' is not a readable file",
            "ddns.records[2].provider: must be one of none, duckdns, cloudflare, rfc2136, dyndns2, not 'noip'",
            "ddns.records[3].update: true needs a provider other than none",
            "ddns.discovery.quorum: must be at least 1",
            "ddns.discovery.allow-ranges[0]: '10.0.0.0/99' prefix length must be 0..32",
            "ddns.discovery.sources[0].url: must be an http or https URL with a host",
            "ddns.discovery.sources[1].type: must be one of http, dns, upnp, interface, not 'carrier-pigeon'");
  }

  @Test
  void aDuckdnsRecordMustBeADuckdnsNameAndHaveAToken() {
    Map<String, String> p = new HashMap<>();
    p.put("ddns.records[0].name", "home.example.net");
    p.put("ddns.records[0].provider", "duckdns");
    p.put("ddns.records[0].update", "true");

    assertThat(problems(p))
        .containsExactlyInAnyOrder(
            "ddns.records[0].duckdns.token-file: is required",
            "ddns.records[0].name: a duckdns record must end in .duckdns.org");
  }

  @Test
  void aCloudflareTtlOutsideCloudflaresRangeIsNamed() throws Exception {
    Path token = dir.resolve("cf-token");
    Files.writeString(token, "cf\n");
    Map<String, String> p = new HashMap<>();
    String[] ttls = {"1", "30", "86400", "0", "20", "86401"};
    for (int i = 0; i < ttls.length; i++) {
      String key = "ddns.records[" + i + "]";
      p.put(key + ".name", "h" + i + ".example.net");
      p.put(key + ".provider", "cloudflare");
      p.put(key + ".update", "true");
      p.put(key + ".cloudflare.zone-id", "zone");
      p.put(key + ".cloudflare.api-token-file", token.toString());
      p.put(key + ".cloudflare.ttl", ttls[i]);
    }

    assertThat(problems(p))
        .containsExactlyInAnyOrder(
            "ddns.records[3].cloudflare.ttl: must be 1 (automatic) or 30..86400 seconds,"
                + " Cloudflare's range, not 0",
            "ddns.records[4].cloudflare.ttl: must be 1 (automatic) or 30..86400 seconds,"
                + " Cloudflare's range, not 20",
            "ddns.records[5].cloudflare.ttl: must be 1 (automatic) or 30..86400 seconds,"
                + " Cloudflare's range, not 86401");
  }

  @Test
  void aBadServerAndResolverAreNamed() {
    Map<String, String> p = new HashMap<>();
    p.put("ddns.resolvers.public", "1.1.1.1,not a server:x");
    p.put("ddns.authoritative", "ns1.example.net:99999");

    assertThat(problems(p))
        .containsExactlyInAnyOrder(
            "ddns.resolvers.public[1]: 'not a server:x' is not host or host:port",
            "ddns.authoritative[0]: 'ns1.example.net:99999' is not host or host:port");
  }

  @Test
  void aUpnpRouterMustBeAnAddressLiteral() {
    Map<String, String> p = new HashMap<>();
    p.put("ddns.discovery.quorum", "1");
    p.put("ddns.discovery.sources[0].type", "upnp");
    p.put("ddns.discovery.sources[0].router", "router.lan");
    p.put("ddns.discovery.sources[1].type", "upnp");
    p.put("ddns.discovery.sources[1].router", "192.168.1.1");

    assertThat(problems(p))
        .containsExactly(
            "ddns.discovery.sources[0].router: must be the router's IP address (e.g. 192.168.1.1),"
                + " not 'router.lan'");
  }
}
