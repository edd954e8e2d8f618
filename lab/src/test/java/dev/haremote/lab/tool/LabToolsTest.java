package dev.haremote.lab.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's address echo (on loopback, OS-chosen port) and its Home Assistant configurations. */
class LabToolsTest {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void echoAnswersTheCallersAddressInItsShortForm() throws Exception {
    AddressEchoServer echo = AddressEchoServer.start("127.0.0.1:0");
    try {
      assertThat(AddressEchoServer.literal(InetAddress.getByName("2001:db8:2:0:0:0:0:10")))
          .isEqualTo("2001:db8:2::10");
      assertThat(AddressEchoServer.literal(InetAddress.getByName("2001:db8:0:1:0:0:0:1")))
          .isEqualTo("2001:db8:0:1::1");
      assertThat(AddressEchoServer.literal(InetAddress.getByName("::1"))).isEqualTo("::1");
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + echo.port() + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.body()).isEqualTo("127.0.0.1\n");
    } finally {
      echo.stop();
    }
  }

  @Test
  void homeAssistantBehindNginxTrustsLoopbackAndListensEverywhere(@TempDir Path dir)
      throws Exception {
    String yaml = write(dir, "proxied");
    assertThat(yaml).contains("server_port: 8123").doesNotContain("server_host");
    assertThat(yaml)
        .contains("use_x_forwarded_for: true")
        .contains("- \"127.0.0.1\"")
        .contains("- \"::1\"");
    assertThat(yaml).doesNotContain("ssl_certificate");
    assertThat(yaml).contains("ip_ban_enabled: true").contains("login_attempts_threshold: 3");
  }

  @Test
  void untrustedProxyModeTrustsAnotherAddress(@TempDir Path dir) throws Exception {
    String yaml = write(dir, "untrusted");
    assertThat(yaml).contains("use_x_forwarded_for: true").contains("- \"192.0.2.250\"");
    assertThat(yaml).doesNotContain("127.0.0.1");
  }

  @Test
  void tlsModeServesTheCertificateItselfWithoutAProxy(@TempDir Path dir) throws Exception {
    String yaml = write(dir, "tls");
    assertThat(yaml)
        .contains("ssl_certificate: \"/lab/served/fullchain.pem\"")
        .contains("ssl_key: \"/lab/served/privkey.pem\"")
        .doesNotContain("trusted_proxies");
  }

  @Test
  void savedPackagesStayLoadedAcrossModes(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("packages"));
    String ddns = "rest:\n  - resource: http://127.0.0.1:9083/api/v1/status\n";
    Files.writeString(dir.resolve("packages/ddns.yaml"), ddns);
    String yaml = write(dir, "tls");
    assertThat(yaml).contains("packages: !include_dir_named packages");
    assertThat(dir.resolve("packages/ddns.yaml")).hasContent(ddns);
  }

  @Test
  void anUnknownModeIsRefused(@TempDir Path dir) {
    assertThatThrownBy(() -> write(dir, "direct"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("proxied|untrusted|tls");
    assertThat(dir.resolve("configuration.yaml")).doesNotExist();
  }

  @Test
  void homeAssistantsUrlSettingsAreWrittenOnlyWhenSet(@TempDir Path dir) throws Exception {
    LabHomeAssistantConfig.write(
        dir,
        "proxied",
        Path.of("/lab/served/fullchain.pem"),
        Path.of("/lab/served/privkey.pem"),
        "https://my-home.dyn.example.net",
        null);
    String yaml = Files.readString(dir.resolve("configuration.yaml"));
    assertThat(yaml).contains("  external_url: \"https://my-home.dyn.example.net\"");
    assertThat(yaml).doesNotContain("internal_url");
  }

  private static String write(Path dir, String mode) throws Exception {
    LabHomeAssistantConfig.write(
        dir,
        mode,
        Path.of("/lab/served/fullchain.pem"),
        Path.of("/lab/served/privkey.pem"),
        null,
        null);
    return Files.readString(dir.resolve("configuration.yaml"));
  }
}
