package dev.haremote.ddns.service;

import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.secret.SecretFile;
import dev.haremote.ddns.config.DdnsConfig;
import dev.haremote.ddns.discovery.AddressSource;
import dev.haremote.ddns.discovery.Cidr;
import dev.haremote.ddns.discovery.DnsSource;
import dev.haremote.ddns.discovery.HostAddresses;
import dev.haremote.ddns.discovery.HttpEchoSource;
import dev.haremote.ddns.discovery.InterfaceSource;
import dev.haremote.ddns.discovery.SpecialUseRanges;
import dev.haremote.ddns.discovery.UpnpSource;
import dev.haremote.ddns.metrics.DdnsMetrics;
import dev.haremote.ddns.published.PublishedLookup;
import dev.haremote.ddns.published.ZoneLocator;
import dev.haremote.ddns.state.StateStore;
import dev.haremote.ddns.update.CloudflareProvider;
import dev.haremote.ddns.update.DdnsProvider;
import dev.haremote.ddns.update.DuckDnsProvider;
import dev.haremote.ddns.update.Dyndns2Provider;
import dev.haremote.ddns.update.Rfc2136Provider;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Builds a {@link DdnsEngine} from a validated {@link DdnsConfig}. */
public final class DdnsEngineFactory {
  private final DnsClient dns;
  private final HttpProbe http;
  private final HostAddresses hosts;
  private final Clock clock;

  public DdnsEngineFactory(DnsClient dns, HttpProbe http, HostAddresses hosts, Clock clock) {
    this.dns = dns;
    this.http = http;
    this.hosts = hosts;
    this.clock = clock;
  }

  public DdnsEngine create(DdnsConfig config, MeterRegistry registry) {
    List<WatchedRecord> records = records(config);
    SpecialUseRanges ranges =
        new SpecialUseRanges(
            config.discovery().allowRanges().orElse(List.of()).stream().map(Cidr::parse).toList());
    List<DnsServer> resolvers =
        config.resolvers().publicResolvers().stream().map(DnsServer::parse).toList();
    List<DnsServer> authoritative =
        config.authoritative().orElse(List.of()).stream().map(DnsServer::parse).toList();
    PublishedLookup lookup =
        new PublishedLookup(
            dns,
            new ZoneLocator(dns, resolvers, config.timeout(), clock, config.authoritativePort()),
            authoritative,
            resolvers,
            config.timeout(),
            clock);
    return new DdnsEngine(
        records,
        sources(config, ranges),
        config.discovery().quorum(),
        lookup,
        new StateStore(config.stateDir()),
        new RepairPolicy(config.cooldown(), config.backoffInitial(), config.backoffMax()),
        new DdnsMetrics(registry, records),
        clock,
        config.confirmTimeout());
  }

  public List<WatchedRecord> records(DdnsConfig config) {
    List<WatchedRecord> out = new ArrayList<>();
    for (DdnsConfig.Record r : config.records()) {
      String provider = r.provider().trim().toLowerCase(Locale.ROOT);
      List<IpFamily> families = r.families().stream().map(IpFamily::parse).distinct().toList();
      DdnsProvider p = r.update() ? provider(r, provider, config) : null;
      out.add(
          new WatchedRecord(
              r.name().trim(), families, provider, r.update(), p, fingerprint(r, provider)));
    }
    return out;
  }

  private DdnsProvider provider(DdnsConfig.Record r, String provider, DdnsConfig config) {
    return switch (provider) {
      case "duckdns" ->
          new DuckDnsProvider(
              URI.create(r.duckdns().url().trim()),
              SecretFile.read(r.duckdns().tokenFile().orElseThrow()),
              http,
              config.timeout());
      case "dyndns2" ->
          new Dyndns2Provider(
              URI.create(r.dyndns2().url().trim()),
              r.dyndns2().username().orElseThrow(),
              SecretFile.read(r.dyndns2().passwordFile().orElseThrow()),
              http,
              config.timeout());
      case "cloudflare" ->
          new CloudflareProvider(
              URI.create(r.cloudflare().url().trim()),
              r.cloudflare().zoneId().orElseThrow(),
              SecretFile.read(r.cloudflare().apiTokenFile().orElseThrow()),
              r.cloudflare().ttl(),
              http,
              config.timeout());
      case "rfc2136" ->
          new Rfc2136Provider(
              DnsServer.parse(r.rfc2136().server().orElseThrow()),
              r.rfc2136().zone().orElseThrow(),
              r.rfc2136().keyName().orElseThrow(),
              r.rfc2136().algorithm(),
              SecretFile.read(r.rfc2136().secretFile().orElseThrow()),
              r.rfc2136().ttl(),
              config.timeout());
      default -> null;
    };
  }

  /**
   * A digest of everything that decides how the provider is called, including the secret file's
   * size and modification time (never its content), so a fixed token resumes stopped updates.
   */
  static String fingerprint(DdnsConfig.Record r, String provider) {
    StringBuilder sb = new StringBuilder(provider).append('|').append(r.name().trim());
    switch (provider) {
      case "duckdns" -> sb.append(r.duckdns().url()).append(fileStamp(r.duckdns().tokenFile()));
      case "dyndns2" ->
          sb.append(r.dyndns2().url())
              .append(r.dyndns2().username().orElse(""))
              .append(fileStamp(r.dyndns2().passwordFile()));
      case "cloudflare" ->
          sb.append(r.cloudflare().url())
              .append(r.cloudflare().zoneId().orElse(""))
              .append(fileStamp(r.cloudflare().apiTokenFile()));
      case "rfc2136" ->
          sb.append(r.rfc2136().server().orElse(""))
              .append(r.rfc2136().zone().orElse(""))
              .append(r.rfc2136().keyName().orElse(""))
              .append(r.rfc2136().algorithm())
              .append(fileStamp(r.rfc2136().secretFile()));
      default -> {}
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String fileStamp(Optional<Path> file) {
    if (file.isEmpty()) {
      return "|-";
    }
    try {
      return "|"
          + file.get()
          + "|"
          + Files.size(file.get())
          + "|"
          + Files.getLastModifiedTime(file.get()).toMillis();
    } catch (IOException e) {
      return "|" + file.get() + "|unreadable";
    }
  }

  private List<AddressSource> sources(DdnsConfig config, SpecialUseRanges ranges) {
    List<AddressSource> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<DdnsConfig.Source> list = config.discovery().sources();
    for (int i = 0; i < list.size(); i++) {
      DdnsConfig.Source s = list.get(i);
      String type = s.type().trim().toLowerCase(Locale.ROOT);
      IpFamily family = IpFamily.parse(s.family());
      String id = s.id().orElse(defaultId(type, s));
      if (!ids.add(id)) {
        id = id + "#" + i;
        ids.add(id);
      }
      out.add(
          switch (type) {
            case "http" ->
                new HttpEchoSource(
                    id,
                    URI.create(s.url().orElseThrow().trim()),
                    family,
                    http,
                    hosts,
                    ranges,
                    config.timeout());
            case "dns" ->
                new DnsSource(
                    id,
                    DnsServer.parse(s.server().orElseThrow()),
                    s.name().orElseThrow().trim(),
                    s.dnsClass().trim().equalsIgnoreCase("ch"),
                    family,
                    dns,
                    ranges,
                    config.timeout());
            case "upnp" -> {
              yield new UpnpSource(
                  id,
                  ssdpAddress(s.ssdpAddress()),
                  s.location().map(l -> URI.create(l.trim())).orElse(null),
                  http,
                  ranges,
                  config.timeout());
            }
            default ->
                new InterfaceSource(
                    id,
                    family,
                    s.interfaceName().orElse(null),
                    ranges,
                    Paths.get("/proc/net/if_inet6"));
          });
    }
    return out;
  }

  /** {@code host:port}, {@code [v6]:port} or a bare host (port 1900). */
  public static InetSocketAddress ssdpAddress(String text) {
    String t = text.trim();
    int colon = t.lastIndexOf(':');
    if (colon > 0 && t.indexOf(':') == colon || t.startsWith("[") && t.contains("]:")) {
      String host = t.substring(0, colon).replace("[", "").replace("]", "");
      return new InetSocketAddress(host, Integer.parseInt(t.substring(colon + 1)));
    }
    return new InetSocketAddress(t.replace("[", "").replace("]", ""), 1900);
  }

  private static String defaultId(String type, DdnsConfig.Source s) {
    return switch (type) {
      case "http" ->
          "http:"
              + s.url().map(u -> URI.create(u.trim()).getHost()).orElse("?")
              + s.url()
                  .map(u -> URI.create(u.trim()).getPort())
                  .filter(p -> p > 0)
                  .map(p -> ":" + p)
                  .orElse("");
      case "dns" -> "dns:" + s.server().orElse("?") + "/" + s.name().orElse("?");
      case "upnp" ->
          "upnp:" + s.location().map(l -> URI.create(l.trim()).getHost()).orElse(s.ssdpAddress());
      default ->
          "interface:"
              + s.interfaceName().orElse("any")
              + "/"
              + s.family().trim().toLowerCase(Locale.ROOT);
    };
  }
}
