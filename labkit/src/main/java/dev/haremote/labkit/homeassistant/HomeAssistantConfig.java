package dev.haremote.labkit.homeassistant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

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
  // Set only on a fresh copy inside with(...): instances never change once handed out.
  private String serverHost = "127.0.0.1";
  private int serverPort;
  private Path sslCertificate;
  private Path sslKey;
  private boolean useXForwardedFor;
  private List<String> trustedProxies = List.of();
  private Map<String, String> packages = Map.of();
  private Map<String, String> secrets = Map.of();
  private String extraYaml = "";
  private int loginAttemptsThreshold;
  private String externalUrl;
  private String internalUrl;

  private HomeAssistantConfig() {}

  private HomeAssistantConfig with(Consumer<HomeAssistantConfig> change) {
    HomeAssistantConfig copy = new HomeAssistantConfig();
    copy.serverHost = serverHost;
    copy.serverPort = serverPort;
    copy.sslCertificate = sslCertificate;
    copy.sslKey = sslKey;
    copy.useXForwardedFor = useXForwardedFor;
    copy.trustedProxies = trustedProxies;
    copy.packages = packages;
    copy.secrets = secrets;
    copy.extraYaml = extraYaml;
    copy.loginAttemptsThreshold = loginAttemptsThreshold;
    copy.externalUrl = externalUrl;
    copy.internalUrl = internalUrl;
    change.accept(copy);
    return copy;
  }

  /** Plain HTTP on 127.0.0.1, port chosen at start (0 = let the runner pick a free one). */
  public static HomeAssistantConfig plain() {
    return new HomeAssistantConfig();
  }

  /** Listen on this address and port (a lab namespace's address; port 0 = pick a free one). */
  public HomeAssistantConfig withServer(String host, int port) {
    Objects.requireNonNull(host);
    return with(
        c -> {
          c.serverHost = host;
          c.serverPort = port;
        });
  }

  /**
   * Listen on every address of the host, IPv4 and IPv6, on a fixed port: Home Assistant's default
   * (no {@code server_host} key), as in a lab namespace where the router forwards to the host.
   */
  public HomeAssistantConfig withAllAddresses(int port) {
    if (port <= 0) {
      throw new IllegalArgumentException("all addresses need a fixed port");
    }
    return with(
        c -> {
          c.serverHost = null;
          c.serverPort = port;
        });
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
    return with(c -> c.loginAttemptsThreshold = threshold);
  }

  /** Serve HTTPS directly, as the guide's "Securing the connection" does. */
  public HomeAssistantConfig withTls(Path certificateChain, Path privateKey) {
    Objects.requireNonNull(certificateChain);
    Objects.requireNonNull(privateKey);
    return with(
        c -> {
          c.sslCertificate = certificateChain;
          c.sslKey = privateKey;
        });
  }

  /**
   * Behind a reverse proxy: {@code use_x_forwarded_for: true} and these {@code trusted_proxies}
   * (addresses or CIDRs). An empty list leaves both keys out, which is how users end up with 400.
   */
  public HomeAssistantConfig withTrustedProxies(List<String> proxies) {
    List<String> copied = List.copyOf(proxies);
    return with(
        c -> {
          c.useXForwardedFor = !copied.isEmpty();
          c.trustedProxies = copied;
        });
  }

  /** A file {@code packages/<name>.yaml}, included with {@code !include_dir_named packages}. */
  public HomeAssistantConfig withPackage(String name, String yaml) {
    Map<String, String> copy = new LinkedHashMap<>(packages);
    copy.put(name, yaml);
    return with(c -> c.packages = Collections.unmodifiableMap(copy));
  }

  /** A line {@code key: "value"} in {@code secrets.yaml}, for {@code !secret key}. */
  public HomeAssistantConfig withSecret(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(secrets);
    copy.put(key, value);
    return with(c -> c.secrets = Collections.unmodifiableMap(copy));
  }

  /** Top-level YAML appended to {@code configuration.yaml} as is. */
  public HomeAssistantConfig withExtraYaml(String yaml) {
    return with(c -> c.extraYaml = extraYaml + yaml + (yaml.endsWith("\n") ? "" : "\n"));
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

  /**
   * HA's {@code homeassistant: external_url / internal_url} (Settings > System > Network in the
   * UI); null leaves a setting out, as on a fresh install.
   */
  public HomeAssistantConfig withUrls(String external, String internal) {
    return with(
        c -> {
          c.externalUrl = external;
          c.internalUrl = internal;
        });
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
    if (externalUrl != null) {
      yaml.append("  external_url: ").append(quoted(externalUrl)).append('\n');
    }
    if (internalUrl != null) {
      yaml.append("  internal_url: ").append(quoted(internalUrl)).append('\n');
    }
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
