package dev.haremote.lab.tool;

import dev.haremote.labkit.homeassistant.HomeAssistantConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real Home Assistant's configuration directory for the lab's {@code home}, in one of the
 * guide's setups (written by {@code lab.sh ha MODE}, then HA is restarted as a user would):
 *
 * <ul>
 *   <li>{@code proxied}: plain HTTP on 8123 behind nginx, {@code use_x_forwarded_for} with nginx's
 *       address (loopback) in {@code trusted_proxies}, as the NGINX addendum says;
 *   <li>{@code untrusted}: the same with a {@code trusted_proxies} entry that is not nginx's
 *       address, the mistake that makes HA answer 400 to every proxied request;
 *   <li>{@code tls}: HTTPS on 8123 itself with {@code ssl_certificate}/{@code ssl_key}, as in
 *       "Securing the connection", no proxy.
 * </ul>
 *
 * <p>The External and Internal URL settings (Settings > System > Network) are given by {@code
 * lab.sh ha-urls}: the healthy home's External URL is the DDNS name's https URL, as the guide's
 * setup ends, with no Internal URL.
 *
 * <p>Every mode bans an address after {@value #LOGIN_ATTEMPTS} failed logins ({@code
 * ip_ban_enabled}, {@code login_attempts_threshold}), as hardened setups do: the suite's checks
 * must never count as one, and {@code lab.sh bad-logins} shows what a ban looks like.
 */
final class LabHomeAssistantConfig {
  static final int PORT = 8123;
  static final int LOGIN_ATTEMPTS = 3;

  private LabHomeAssistantConfig() {}

  /**
   * @param externalUrl HA's External URL setting, or null for none
   * @param internalUrl HA's Internal URL setting, or null for none
   */
  static void write(
      Path dir, String mode, Path certificate, Path key, String externalUrl, String internalUrl)
      throws IOException {
    HomeAssistantConfig base =
        HomeAssistantConfig.plain()
            .withAllAddresses(PORT)
            .withIpBan(LOGIN_ATTEMPTS)
            .withUrls(externalUrl, internalUrl);
    HomeAssistantConfig config =
        switch (mode) {
          case "proxied" -> base.withTrustedProxies(List.of("127.0.0.1", "::1"));
          // An address on the LAN where nothing runs: HA trusts a proxy that is not nginx.
          case "untrusted" -> base.withTrustedProxies(List.of("192.0.2.250"));
          case "tls" -> base.withTls(certificate, key);
          default -> throw new IllegalArgumentException("mode: proxied|untrusted|tls, not " + mode);
        };
    config = withSavedPackages(config, dir.resolve("packages"));
    config.writeTo(dir, PORT);
  }

  /** Packages already saved in HA's packages/ folder (lab.sh ha-packages) stay loaded. */
  private static HomeAssistantConfig withSavedPackages(HomeAssistantConfig config, Path folder)
      throws IOException {
    if (!Files.isDirectory(folder)) {
      return config;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        config = config.withPackage(name, Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return config;
  }
}
