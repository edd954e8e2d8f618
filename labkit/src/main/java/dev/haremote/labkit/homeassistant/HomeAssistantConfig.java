package dev.haremote.labkit.homeassistant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What goes into a Home Assistant configuration directory: {@code configuration.yaml} with the
 * {@code http:} section the guide describes (direct TLS with {@code ssl_certificate}/{@code
 * ssl_key}, or behind a proxy with {@code use_x_forwarded_for}/{@code trusted_proxies}), the
 * integrations the tests need (no {@code default_config}, to keep start-up small and offline), an
 * optional {@code packages/} folder and {@code secrets.yaml}.
 *
 * <p>Immutable; every {@code with...} returns a copy.
 */
public final class HomeAssistantConfig {
  private final String serverHost;
  private final int serverPort;
  private final Path sslCertificate;
  private final Path sslKey;
  private final boolean useXForwardedFor;
  private final List<String> trustedProxies;
  private final Map<String, String> packages;
  private final Map<String, String> secrets;
  private final String extraYaml;
  private final int loginAttemptsThreshold;

  private HomeAssistantConfig(
      String serverHost,
      int serverPort,
      Path sslCertificate,
      Path sslKey,
      boolean useXForwardedFor,
      List<String> trustedProxies,
      Map<String, String> packages,
      Map<String, String> secrets,
      String extraYaml,
      int loginAttemptsThreshold) {
    this.serverHost = serverHost;
    this.serverPort = serverPort;
    this.sslCertificate = sslCertificate;
    this.sslKey = sslKey;
    this.useXForwardedFor = useXForwardedFor;
    this.trustedProxies = List.copyOf(trustedProxies);
    this.packages = Map.copyOf(packages);
    this.secrets = Map.copyOf(secrets);
    this.extraYaml = extraYaml;
    this.loginAttemptsThreshold = loginAttemptsThreshold;
  }

  /** Plain HTTP on 127.0.0.1, port chosen at start (0 = let the runner pick a free one). */
  public static HomeAssistantConfig plain() {
    return new HomeAssistantConfig(
        "127.0.0.1", 0, null, null, false, List.of(), Map.of(), Map.of(), "", 0);
  }

  /** Listen on this address and port (a lab namespace's address; port 0 = pick a free one). */
  public HomeAssistantConfig withServer(String host, int port) {
    return new HomeAssistantConfig(
        Objects.requireNonNull(host),
        port,
        sslCertificate,
        sslKey,
        useXForwardedFor,
        trustedProxies,
        packages,
        secrets,
        extraYaml,
        loginAttemptsThreshold);
  }

  /**
   * Listen on every address of the host, IPv4 and IPv6, on a fixed port: Home Assistant's default
   * (no {@code server_host} key), as in a lab namespace where the router forwards to the host.
   */
  public HomeAssistantConfig withAllAddresses(int port) {
    if (port <= 0) {
      throw new IllegalArgumentException("all addresses need a fixed port");
    }
    return new HomeAssistantConfig(
        null,
        port,
        sslCertificate,
        sslKey,
        useXForwardedFor,
        trustedProxies,
        packages,
        secrets,
        extraYaml,
        loginAttemptsThreshold);
  }

  /**
   * HA's login hardening: {@code ip_ban_enabled} with {@code login_attempts_threshold}, after which
   * an address with that many failed logins is banned (403 to everything, kept in {@code
   * ip_bans.yaml}).
   */
  public HomeAssistantConfig withIpBan(int threshold) {
    if (threshold < 1) {
      throw new IllegalArgumentException("login_attempts_threshold must be at least 1");
    }
    return new HomeAssistantConfig(
        serverHost,
        serverPort,
        sslCertificate,
        sslKey,
        useXForwardedFor,
        trustedProxies,
        packages,
        secrets,
        extraYaml,
        threshold);
  }

  /** Serve HTTPS directly, as the guide's "Securing the connection" does. */
  public HomeAssistantConfig withTls(Path certificateChain, Path privateKey) {
    return new HomeAssistantConfig(
        serverHost,
        serverPort,
        Objects.requireNonNull(certificateChain),
        Objects.requireNonNull(privateKey),
        useXForwardedFor,
        trustedProxies,
        packages,
        secrets,
        extraYaml,
        loginAttemptsThreshold);
  }

  /**
   * Behind a reverse proxy: {@code use_x_forwarded_for: true} and these {@code trusted_proxies}
   * (addresses or CIDRs). An empty list leaves both keys out, which is how users end up with 400.
   */
  public HomeAssistantConfig withTrustedProxies(List<String> proxies) {
    return new HomeAssistantConfig(
        serverHost,
        serverPort,
        sslCertificate,
        sslKey,
        !proxies.isEmpty(),
        proxies,
        packages,
        secrets,
        extraYaml,
        loginAttemptsThreshold);
  }

  /** A file {@code packages/<name>.yaml}, included with {@code !include_dir_named packages}. */
  public HomeAssistantConfig withPackage(String name, String yaml) {
    Map<String, String> copy = new LinkedHashMap<>(packages);
    copy.put(name, yaml);
    return new HomeAssistantConfig(
        serverHost,
        serverPort,
        sslCertificate,
        sslKey,
        useXForwardedFor,
        trustedProxies,
        copy,
        secrets,
        extraYaml,
        loginAttemptsThreshold);
  }

  /** A line {@code key: "value"} in {@code secrets.yaml}, for {@code !secret key}. */
  public HomeAssistantConfig withSecret(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(secrets);
    copy.put(key, value);
    return new HomeAssistantConfig(
        serverHost,
        serverPort,
        sslCertificate,
        sslKey,
        useXForwardedFor,
        trustedProxies,
        packages,
        copy,
        extraYaml,
        loginAttemptsThreshold);
  }

  /** Top-level YAML appended to {@code configuration.yaml} as is. */
  public HomeAssistantConfig withExtraYaml(String yaml) {
    return new HomeAssistantConfig(
        serverHost,
        serverPort,
        sslCertificate,
        sslKey,
        useXForwardedFor,
        trustedProxies,
        packages,
        secrets,
        extraYaml + yaml + (yaml.endsWith("\n") ? "" : "\n"),
        loginAttemptsThreshold);
  }

  /** The address HA listens on; 127.0.0.1 (reachable) when it listens on all of them. */
  public String serverHost() {
    return serverHost == null ? "127.0.0.1" : serverHost;
  }

  public int serverPort() {
    return serverPort;
  }

  public boolean tls() {
    return sslCertificate != null;
  }

  /** The configuration.yaml text for this port. */
  public String configurationYaml(int port) {
    StringBuilder yaml = new StringBuilder();
    // Fixed location and units: HA otherwise guesses them over the network at first start.
    yaml.append("homeassistant:\n")
        .append("  name: ha-remote-access lab\n")
        .append("  latitude: 52.52\n")
        .append("  longitude: 13.40\n")
        .append("  elevation: 34\n")
        .append("  unit_system: metric\n")
        .append("  time_zone: UTC\n")
        .append("  country: DE\n")
        .append("  currency: EUR\n");
    if (!packages.isEmpty()) {
      yaml.append("  packages: !include_dir_named packages\n");
    }
    yaml.append("http:\n");
    if (serverHost != null) {
      yaml.append("  server_host: ").append(quoted(serverHost)).append('\n');
    }
    yaml.append("  server_port: ").append(port).append('\n');
    if (sslCertificate != null) {
      yaml.append("  ssl_certificate: ").append(quoted(sslCertificate.toString())).append('\n');
      yaml.append("  ssl_key: ").append(quoted(sslKey.toString())).append('\n');
    }
    if (loginAttemptsThreshold > 0) {
      yaml.append("  ip_ban_enabled: true\n")
          .append("  login_attempts_threshold: ")
          .append(loginAttemptsThreshold)
          .append('\n');
    }
    if (useXForwardedFor) {
      yaml.append("  use_x_forwarded_for: true\n").append("  trusted_proxies:\n");
      for (String proxy : trustedProxies) {
        yaml.append("    - ").append(quoted(proxy)).append('\n');
      }
    }
    // What the tests use, without default_config (which pulls in discovery, cloud, media...).
    yaml.append("api:\n")
        .append("websocket_api:\n")
        .append("onboarding:\n")
        .append("config:\n")
        .append("logger:\n")
        .append("  default: info\n")
        .append("  logs:\n")
        .append("    homeassistant.components.rest: debug\n");
    yaml.append(extraYaml);
    return yaml.toString();
  }

  /**
   * Writes configuration.yaml, secrets.yaml and packages/ into a directory (for {@code
   * check_config} before a start, or a lab that starts HA itself).
   */
  public void writeTo(Path dir, int port) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("configuration.yaml"), configurationYaml(port), StandardCharsets.UTF_8);
    if (!secrets.isEmpty()) {
      List<String> lines = new ArrayList<>();
      secrets.forEach((key, value) -> lines.add(key + ": " + quoted(value)));
      Files.write(dir.resolve("secrets.yaml"), lines, StandardCharsets.UTF_8);
    }
    if (!packages.isEmpty()) {
      Path packageDir = Files.createDirectories(dir.resolve("packages"));
      for (Map.Entry<String, String> entry : packages.entrySet()) {
        Files.writeString(
            packageDir.resolve(entry.getKey() + ".yaml"), entry.getValue(), StandardCharsets.UTF_8);
      }
    }
  }

  /** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
  static String quoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
