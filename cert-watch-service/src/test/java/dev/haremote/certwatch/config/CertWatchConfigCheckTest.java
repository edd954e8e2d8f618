package dev.haremote.certwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.net.IpFamily;
import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertWatchConfigCheckTest {

  static CertWatchConfig mapping(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .addDefaultInterceptors()
            .withConverter(Duration.class, 100, new DurationConverter())
            .withMapping(CertWatchConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 500))
            .build();
    return config.getConfigMapping(CertWatchConfig.class);
  }

  @Test
  void nothingConfiguredIsValidWithDefaults() {
    CertWatchConfig config = mapping(Map.of());
    assertThat(new CertWatchConfigCheck(config).problems()).isEmpty();
    assertThat(config.interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.endpoints().orElse(java.util.List.of())).isEmpty();
    assertThat(config.files().orElse(java.util.List.of())).isEmpty();
    assertThat(config.fileWatch()).isTrue();
    assertThat(config.ari().directories())
        .extracting(Object::toString)
        .containsExactly("https://acme-v02.api.letsencrypt.org/directory");
  }

  @Test
  void endpointDefaultsAndFamilies() {
    CertWatchConfig config =
        mapping(
            Map.of(
                "certwatch.endpoints[0].id", "home",
                "certwatch.endpoints[0].host", "my-home.duckdns.org",
                "certwatch.endpoints[1].id", "proxy",
                "certwatch.endpoints[1].host", "proxy.example",
                "certwatch.endpoints[1].port", "8123",
                "certwatch.endpoints[1].families", "ipv4,ipv6",
                "certwatch.files[0].id", "ha-ssl",
                "certwatch.files[0].path", "/ssl/fullchain.pem",
                "certwatch.files[0].served-by", "home"));
    assertThat(new CertWatchConfigCheck(config).problems()).isEmpty();
    CertWatchConfig.Endpoint home = config.endpoints().orElseThrow().get(0);
    assertThat(home.port()).isEqualTo(443);
    assertThat(home.families()).containsExactly(IpFamily.IPV4);
    assertThat(home.sni()).isEmpty();
    assertThat(config.endpoints().orElseThrow().get(1).families())
        .containsExactly(IpFamily.IPV4, IpFamily.IPV6);
    assertThat(config.files().orElseThrow().get(0).servedBy()).contains("home");
  }

  @Test
  void problemsNameTheKeyWithItsIndex() {
    CertWatchConfig config =
        mapping(
            Map.ofEntries(
                Map.entry("certwatch.interval", "0s"),
                Map.entry("certwatch.endpoints[0].id", "home"),
                Map.entry("certwatch.endpoints[0].host", "a.example"),
                Map.entry("certwatch.endpoints[1].id", "home"),
                Map.entry("certwatch.endpoints[1].host", "b.example"),
                Map.entry("certwatch.endpoints[1].port", "70000"),
                Map.entry("certwatch.files[0].id", "bad id"),
                Map.entry("certwatch.files[0].path", "/ssl/x.pem"),
                Map.entry("certwatch.files[1].id", "f"),
                Map.entry("certwatch.files[1].path", "/ssl/y.pem"),
                Map.entry("certwatch.files[1].served-by", "nowhere"),
                Map.entry("certwatch.ari.directories", "ftp://x.example/dir")));
    assertThat(new CertWatchConfigCheck(config).problems())
        .extracting(Object::toString)
        .containsExactlyInAnyOrder(
            "certwatch.interval: must be 1s to 1d, not 0s",
            "certwatch.endpoints[1].id: 'home' is already the id of certwatch.endpoints[0]",
            "certwatch.endpoints[1].port: must be a port 1..65535, not 70000",
            "certwatch.files[0].id: must be 1-63 letters, digits, '_', '.' or '-' (starting with a"
                + " letter or digit), not 'bad id'",
            "certwatch.files[1].served-by: names endpoint 'nowhere', but no entry of"
                + " certwatch.endpoints has that id",
            "certwatch.ari.directories[0]: must be an http(s) URL, not 'ftp://x.example/dir'");
  }

  @Test
  void addressLiteralMustMatchTheFamilies() {
    CertWatchConfig config =
        mapping(
            Map.of(
                "certwatch.endpoints[0].id", "home",
                "certwatch.endpoints[0].host", "a.example",
                "certwatch.endpoints[0].address", "192.168.1.10",
                "certwatch.endpoints[0].families", "ipv4,ipv6"));
    assertThat(new CertWatchConfigCheck(config).problems())
        .extracting(Object::toString)
        .containsExactly(
            "certwatch.endpoints[0].families: includes ipv6, but address 192.168.1.10 is an ipv4"
                + " address (use a name to check both families)");
  }

  @Test
  void extraCaFileMustBeAReadablePemBundle(@TempDir Path dir) throws Exception {
    Path garbage = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
    assertThat(
            new CertWatchConfigCheck(
                    mapping(Map.of("certwatch.trust.extra-ca-file", garbage.toString())))
                .problems())
        .extracting(Object::toString)
        .containsExactly(
            "certwatch.trust.extra-ca-file: not a PEM bundle of CA certificates: neither PEM (no"
                + " -----BEGIN line) nor a DER certificate in "
                + garbage);
    assertThat(
            new CertWatchConfigCheck(
                    mapping(
                        Map.of(
                            "certwatch.trust.extra-ca-file",
                            dir.resolve("missing.pem").toString())))
                .problems())
        .extracting(Object::toString)
        .containsExactly(
            "certwatch.trust.extra-ca-file: no file at "
                + dir.resolve("missing.pem")
                + " (not_found)");
    Path good =
        Files.writeString(
            dir.resolve("good.pem"), IssuedCert.pem(List.of(TestPki.create("CA").root())));
    assertThat(
            new CertWatchConfigCheck(
                    mapping(Map.of("certwatch.trust.extra-ca-file", good.toString())))
                .problems())
        .isEmpty();
  }

  @Test
  void fileAndEndpointMustNotShareAnId() {
    CertWatchConfig config =
        mapping(
            Map.of(
                "certwatch.endpoints[0].id", "home",
                "certwatch.endpoints[0].host", "a.example",
                "certwatch.files[0].id", "home",
                "certwatch.files[0].path", "/ssl/x.pem"));
    assertThat(new CertWatchConfigCheck(config).problems())
        .extracting(Object::toString)
        .containsExactly(
            "certwatch.files[0].id: 'home' is already the id of certwatch.endpoints[0]");
  }
}
