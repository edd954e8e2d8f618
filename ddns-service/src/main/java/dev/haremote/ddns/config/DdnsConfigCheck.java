package dev.haremote.ddns.config;

import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.suite.ConfigCheck;
import dev.haremote.common.suite.ConfigProblem;
import dev.haremote.common.suite.config.ConfigFiles;
import dev.haremote.common.suite.config.ConfigRules;
import dev.haremote.common.suite.config.UnmappedKeys;
import dev.haremote.ddns.discovery.AddressLiteral;
import dev.haremote.ddns.discovery.Cidr;
import dev.haremote.ddns.discovery.SourceType;
import dev.haremote.ddns.update.ProviderKind;
import dev.haremote.ddns.update.TsigAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks {@code ddns.*} beyond what the mapping types enforce; every problem names its key. */
@ApplicationScoped
public class DdnsConfigCheck implements ConfigCheck {
  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?=.{1,253}\\.?$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)"
              + "(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\\.?");

  private final DdnsConfig config;

  public DdnsConfigCheck(DdnsConfig config) {
    this.config = config;
  }

  @Override
  public List<ConfigProblem> problems() {
    List<ConfigProblem> out = new ArrayList<>();
    out.addAll(UnmappedKeys.problems(ConfigFiles.ofThisProcess(), "ddns", DdnsConfig.class));
    ConfigRules.interval(out, "ddns.interval", config.interval());
    ConfigRules.pause(out, "ddns.cooldown", config.cooldown());
    ConfigRules.interval(out, "ddns.backoff-initial", config.backoffInitial());
    ConfigRules.interval(out, "ddns.backoff-max", config.backoffMax());
    ConfigRules.timeout(out, "ddns.timeout", config.timeout());
    ConfigRules.timeout(out, "ddns.confirm-timeout", config.confirmTimeout());
    if (config.backoffMax().compareTo(config.backoffInitial()) < 0) {
      out.add(
          new ConfigProblem("ddns.backoff-max", "must not be shorter than ddns.backoff-initial"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < config.records().size(); i++) {
      checkRecord(out, "ddns.records[" + i + "]", config.records().get(i), seen);
    }
    checkDiscovery(out, config.discovery());
    List<String> resolvers = config.resolvers().publicResolvers();
    for (int i = 0; i < resolvers.size(); i++) {
      server(out, "ddns.resolvers.public[" + i + "]", resolvers.get(i));
    }
    List<String> authoritative = config.authoritative().orElse(List.of());
    for (int i = 0; i < authoritative.size(); i++) {
      server(out, "ddns.authoritative[" + i + "]", authoritative.get(i));
    }
    ConfigRules.port(out, "ddns.authoritative-port", config.authoritativePort());
    if (!config.records().isEmpty()) {
      stateDir(out, config.stateDir());
    }
    return out;
  }

  private void checkRecord(
      List<ConfigProblem> out, String key, DdnsConfig.Record record, Set<String> seen) {
    String name = record.name().trim();
    if (name.isEmpty() || !HOST_NAME.matcher(name).matches()) {
      out.add(new ConfigProblem(key + ".name", "'" + name + "' is not a host name"));
    }
    Set<String> families = new HashSet<>();
    for (int f = 0; f < record.families().size(); f++) {
      String family = record.families().get(f).trim().toLowerCase(Locale.ROOT);
      if (!family.equals("ipv4") && !family.equals("ipv6")) {
        out.add(
            new ConfigProblem(
                key + ".families[" + f + "]", "must be ipv4 or ipv6, not '" + family + "'"));
      } else if (!families.add(family)) {
        out.add(
            new ConfigProblem(key + ".families[" + f + "]", "'" + family + "' is listed twice"));
      } else if (!seen.add(name.toLowerCase(Locale.ROOT) + "/" + family)) {
        out.add(
            new ConfigProblem(key + ".name", "'" + name + "' " + family + " is configured twice"));
      }
    }
    Optional<ProviderKind> kind = ProviderKind.parse(record.provider());
    if (kind.isEmpty()) {
      out.add(
          new ConfigProblem(
              key + ".provider",
              "must be one of "
                  + ProviderKind.accepted()
                  + ", not '"
                  + record.provider().trim().toLowerCase(Locale.ROOT)
                  + "'"));
      return;
    }
    ProviderKind provider = kind.get();
    if (record.update() && provider == ProviderKind.NONE) {
      out.add(new ConfigProblem(key + ".update", "true needs a provider other than none"));
    }
    if (!record.update()) {
      return; // watch only: no credentials needed
    }
    switch (provider) {
      case DUCKDNS -> {
        DdnsConfig.DuckDns d = record.duckdns();
        url(out, key + ".duckdns.url", d.url());
        secretFile(out, key + ".duckdns.token-file", d.tokenFile());
        if (!name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "").endsWith(".duckdns.org")) {
          out.add(new ConfigProblem(key + ".name", "a duckdns record must end in .duckdns.org"));
        }
      }
      case DYNDNS2 -> {
        DdnsConfig.Dyndns2 d = record.dyndns2();
        url(out, key + ".dyndns2.url", d.url());
        required(out, key + ".dyndns2.username", d.username());
        secretFile(out, key + ".dyndns2.password-file", d.passwordFile());
      }
      case CLOUDFLARE -> {
        DdnsConfig.Cloudflare c = record.cloudflare();
        url(out, key + ".cloudflare.url", c.url());
        required(out, key + ".cloudflare.zone-id", c.zoneId());
        secretFile(out, key + ".cloudflare.api-token-file", c.apiTokenFile());
        // Cloudflare refuses any other TTL on every write (1 = automatic; 30 only on Enterprise
        // zones, 60 elsewhere): caught here instead of failing each update for ever.
        if (c.ttl() != 1 && (c.ttl() < 30 || c.ttl() > 86400)) {
          out.add(
              new ConfigProblem(
                  key + ".cloudflare.ttl",
                  "must be 1 (automatic) or 30..86400 seconds, Cloudflare's range, not "
                      + c.ttl()));
        }
      }
      case RFC2136 -> checkRfc2136(out, key + ".rfc2136", name, record.rfc2136());
      case NONE -> {}
    }
  }

  private void checkRfc2136(
      List<ConfigProblem> out, String key, String name, DdnsConfig.Rfc2136 r) {
    if (required(out, key + ".server", r.server())) {
      server(out, key + ".server", r.server().get());
    }
    if (required(out, key + ".zone", r.zone())) {
      String zone = r.zone().get().trim().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
      String n = name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
      if (!n.equals(zone) && !n.endsWith("." + zone)) {
        out.add(new ConfigProblem(key + ".zone", "'" + zone + "' does not contain '" + n + "'"));
      }
    }
    required(out, key + ".key-name", r.keyName());
    if (TsigAlgorithm.parse(r.algorithm()).isEmpty()) {
      out.add(
          new ConfigProblem(
              key + ".algorithm",
              "must be one of "
                  + TsigAlgorithm.offered()
                  + ", not '"
                  + r.algorithm().trim().toLowerCase(Locale.ROOT)
                  + "'"));
    }
    if (secretFile(out, key + ".secret-file", r.secretFile())) {
      try {
        String text = Files.readString(r.secretFile().get()).trim();
        if (text.isEmpty()) {
          out.add(new ConfigProblem(key + ".secret-file", "is empty"));
        } else {
          java.util.Base64.getDecoder().decode(text);
        }
      } catch (IllegalArgumentException e) {
        out.add(new ConfigProblem(key + ".secret-file", "does not hold a base64 TSIG secret"));
      } catch (java.io.IOException e) {
        out.add(new ConfigProblem(key + ".secret-file", "cannot be read"));
      }
    }
    if (r.ttl() < 1) {
      out.add(new ConfigProblem(key + ".ttl", "must be at least 1"));
    }
  }

  private void checkDiscovery(List<ConfigProblem> out, DdnsConfig.Discovery d) {
    int quorum = d.quorum();
    if (quorum < 1) {
      out.add(new ConfigProblem("ddns.discovery.quorum", "must be at least 1"));
    }
    List<String> ranges = d.allowRanges().orElse(List.of());
    for (int i = 0; i < ranges.size(); i++) {
      try {
        Cidr.parse(ranges.get(i));
      } catch (IllegalArgumentException e) {
        out.add(new ConfigProblem("ddns.discovery.allow-ranges[" + i + "]", e.getMessage()));
      }
    }
    for (int i = 0; i < d.sources().size(); i++) {
      String key = "ddns.discovery.sources[" + i + "]";
      DdnsConfig.Source s = d.sources().get(i);
      Optional<SourceType> type = SourceType.parse(s.type());
      if (type.isEmpty()) {
        out.add(
            new ConfigProblem(
                key + ".type",
                "must be one of "
                    + SourceType.accepted()
                    + ", not '"
                    + s.type().trim().toLowerCase(Locale.ROOT)
                    + "'"));
        continue;
      }
      String family = s.family().trim().toLowerCase(Locale.ROOT);
      if (!family.equals("ipv4") && !family.equals("ipv6")) {
        out.add(new ConfigProblem(key + ".family", "must be ipv4 or ipv6, not '" + family + "'"));
      }
      switch (type.get()) {
        case HTTP -> {
          if (required(out, key + ".url", s.url())) {
            url(out, key + ".url", s.url().get());
          }
        }
        case DNS -> {
          if (required(out, key + ".server", s.server())) {
            server(out, key + ".server", s.server().get());
          }
          required(out, key + ".name", s.name());
          String cls = s.dnsClass().trim().toLowerCase(Locale.ROOT);
          if (!cls.equals("in") && !cls.equals("ch")) {
            out.add(new ConfigProblem(key + ".class", "must be in or ch, not '" + cls + "'"));
          }
        }
        case UPNP -> {
          if (s.router().isPresent() && AddressLiteral.toInetAddress(s.router().get()).isEmpty()) {
            out.add(
                new ConfigProblem(
                    key + ".router",
                    "must be the router's IP address (e.g. 192.168.1.1), not '"
                        + s.router().get().trim()
                        + "'"));
          }
          if (s.location().isPresent()) {
            url(out, key + ".location", s.location().get());
          } else {
            try {
              dev.haremote.ddns.service.DdnsEngineFactory.ssdpAddress(s.ssdpAddress());
            } catch (IllegalArgumentException e) {
              out.add(new ConfigProblem(key + ".ssdp-address", "must be host:port"));
            }
          }
        }
        case INTERFACE -> {}
      }
    }
    if (!d.sources().isEmpty() && quorum > d.sources().size()) {
      out.add(
          new ConfigProblem(
              "ddns.discovery.quorum",
              "is " + quorum + " but only " + d.sources().size() + " sources are configured"));
    }
  }

  private static boolean required(List<ConfigProblem> out, String key, Optional<String> value) {
    if (value.isEmpty() || value.get().isBlank()) {
      out.add(new ConfigProblem(key, "is required"));
      return false;
    }
    return true;
  }

  private static boolean secretFile(List<ConfigProblem> out, String key, Optional<Path> file) {
    if (file.isEmpty()) {
      out.add(new ConfigProblem(key, "is required"));
      return false;
    }
    if (!Files.isRegularFile(file.get()) || !Files.isReadable(file.get())) {
      out.add(new ConfigProblem(key, "'" + file.get() + "' is not a readable file"));
      return false;
    }
    return true;
  }

  private static void url(List<ConfigProblem> out, String key, String url) {
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        out.add(new ConfigProblem(key, "must be an http or https URL with a host"));
      } else if (uri.getUserInfo() != null) {
        out.add(new ConfigProblem(key, "must not carry credentials; use the *-file keys"));
      }
    } catch (URISyntaxException e) {
      out.add(new ConfigProblem(key, "is not a valid URL"));
    }
  }

  private static void server(List<ConfigProblem> out, String key, String text) {
    try {
      ConfigRules.hostOrIpv4(out, key, DnsServer.parse(text).host());
    } catch (IllegalArgumentException e) {
      out.add(new ConfigProblem(key, "'" + text + "' is not host or host:port"));
    }
  }

  private static void stateDir(List<ConfigProblem> out, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException | SecurityException e) {
      out.add(new ConfigProblem("ddns.state-dir", "'" + dir + "' cannot be created"));
      return;
    }
    if (!Files.isWritable(dir)) {
      out.add(new ConfigProblem("ddns.state-dir", "'" + dir + "' is not writable"));
    }
  }
}
