package dev.haremote.ddns.service;

import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.secret.ReloadingSecretFile;
import dev.haremote.ddns.config.DdnsConfig;
import dev.haremote.ddns.discovery.AddressLiteral;
import dev.haremote.ddns.discovery.AddressSource;
import dev.haremote.ddns.discovery.Cidr;
import dev.haremote.ddns.discovery.DefaultGateway;
import dev.haremote.ddns.discovery.DefaultSources;
import dev.haremote.ddns.discovery.DnsSource;
import dev.haremote.ddns.discovery.HostAddresses;
import dev.haremote.ddns.discovery.HttpEchoSource;
import dev.haremote.ddns.discovery.InterfaceSource;
import dev.haremote.ddns.discovery.ReadingRules;
import dev.haremote.ddns.discovery.SourceSpec;
import dev.haremote.ddns.discovery.SourceType;
import dev.haremote.ddns.discovery.SpecialUseRanges;
import dev.haremote.ddns.discovery.UpnpRouter;
import dev.haremote.ddns.discovery.UpnpSource;
import dev.haremote.ddns.metrics.DdnsMetrics;
import dev.haremote.ddns.published.PublishedLookup;
import dev.haremote.ddns.published.ZoneLocator;
import dev.haremote.ddns.state.StateStore;
import dev.haremote.ddns.update.CloudflareProvider;
import dev.haremote.ddns.update.DdnsProvider;
import dev.haremote.ddns.update.DuckDnsProvider;
import dev.haremote.ddns.update.Dyndns2Provider;
import dev.haremote.ddns.update.ProviderKind;
import dev.haremote.ddns.update.Rfc2136Provider;
import dev.haremote.ddns.update.TsigAlgorithm;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds a {@link DdnsEngine} from a validated {@link DdnsConfig}. */
public final class DdnsEngineFactory {
  private final DnsClient dns;
  private final HttpProbe http;
  private final HostAddresses hosts;
  private final Clock clock;
  private final Clock signingClock;

  public DdnsEngineFactory(DnsClient dns, HttpProbe http, HostAddresses hosts, Clock clock) {
    this(dns, http, hosts, clock, Clock.systemUTC());
  }

  /**
   * @param signingClock the time RFC 2136 requests are signed with: the host's clock, which tests
   *     shift to stand for a clock that is off
   */
  public DdnsEngineFactory(
      DnsClient dns, HttpProbe http, HostAddresses hosts, Clock clock, Clock signingClock) {
    this.dns = dns;
    this.http = http;
    this.hosts = hosts;
    this.clock = clock;
    this.signingClock = signingClock;
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
        new RepairPolicy(
            config.cooldown(), config.backoffInitial(), config.backoffMax(), config.interval()),
        new DdnsMetrics(registry, records),
        clock,
        config.confirmTimeout());
  }

  public List<WatchedRecord> records(DdnsConfig config) {
    List<WatchedRecord> out = new ArrayList<>();
    for (DdnsConfig.Record r : config.records()) {
      // Start-up refused any other word (DdnsConfigCheck), so the kind is always known here.
      ProviderKind provider = ProviderKind.parse(r.provider()).orElse(ProviderKind.NONE);
      List<IpFamily> families = r.families().stream().map(IpFamily::parse).distinct().toList();
      ReloadingSecretFile secret =
          r.update() ? secretFile(r, provider).map(ReloadingSecretFile::new).orElse(null) : null;
      DdnsProvider p = r.update() ? provider(r, provider, secret, config) : null;
      out.add(
          new WatchedRecord(
              r.name().trim(),
              families,
              provider,
              r.update(),
              p,
              configFingerprint(r, provider),
              secret));
    }
    return out;
  }

  private static Optional<Path> secretFile(DdnsConfig.Record r, ProviderKind provider) {
    return switch (provider) {
      case DUCKDNS -> r.duckdns().tokenFile();
      case DYNDNS2 -> r.dyndns2().passwordFile();
      case CLOUDFLARE -> r.cloudflare().apiTokenFile();
      case RFC2136 -> r.rfc2136().secretFile();
      case NONE -> Optional.empty();
    };
  }

  private DdnsProvider provider(
      DdnsConfig.Record r, ProviderKind provider, ReloadingSecretFile secret, DdnsConfig config) {
    return switch (provider) {
      case DUCKDNS ->
          new DuckDnsProvider(URI.create(r.duckdns().url().trim()), secret, http, config.timeout());
      case DYNDNS2 ->
          new Dyndns2Provider(
              URI.create(r.dyndns2().url().trim()),
              r.dyndns2().username().orElseThrow(),
              secret,
              http,
              config.timeout());
      case CLOUDFLARE ->
          new CloudflareProvider(
              URI.create(r.cloudflare().url().trim()),
              r.cloudflare().zoneId().orElseThrow(),
              secret,
              r.cloudflare().ttl(),
              http,
              config.timeout());
      case RFC2136 ->
          new Rfc2136Provider(
              DnsServer.parse(r.rfc2136().server().orElseThrow()),
              r.rfc2136().zone().orElseThrow(),
              r.rfc2136().keyName().orElseThrow(),
              // Refused at start-up (DdnsConfigCheck) when it names no algorithm.
              TsigAlgorithm.parse(r.rfc2136().algorithm()).orElseThrow(),
              secret,
              r.rfc2136().ttl(),
              config.timeout(),
              signingClock);
      case NONE -> null;
    };
  }

  /**
   * A digest of everything that decides how the provider is called except the secret file's
   * content, which {@link WatchedRecord#fingerprint()} adds as the file's version.
   */
  static String configFingerprint(DdnsConfig.Record r, ProviderKind provider) {
    StringBuilder sb = new StringBuilder(provider.key()).append('|').append(r.name().trim());
    switch (provider) {
      case DUCKDNS -> sb.append(r.duckdns().url()).append(r.duckdns().tokenFile());
      case DYNDNS2 ->
          sb.append(r.dyndns2().url())
              .append(r.dyndns2().username().orElse(""))
              .append(r.dyndns2().passwordFile());
      case CLOUDFLARE ->
          sb.append(r.cloudflare().url())
              .append(r.cloudflare().zoneId().orElse(""))
              .append(r.cloudflare().apiTokenFile());
      case RFC2136 ->
          sb.append(r.rfc2136().server().orElse(""))
              .append(r.rfc2136().zone().orElse(""))
              .append(r.rfc2136().keyName().orElse(""))
              .append(r.rfc2136().algorithm())
              .append(r.rfc2136().secretFile());
      case NONE -> {}
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

  /**
   * The configured sources; with none configured and {@code ddns.discovery.defaults} on, the
   * built-in default set for the families the records watch.
   */
  public static List<SourceSpec> sourceSpecs(DdnsConfig config) {
    List<DdnsConfig.Source> list = config.discovery().sources();
    if (list.isEmpty()) {
      if (!config.discovery().defaults()) {
        return List.of();
      }
      List<IpFamily> families =
          config.records().stream()
              .flatMap(r -> r.families().stream())
              .map(IpFamily::parse)
              .distinct()
              .toList();
      return DefaultSources.forFamilies(families);
    }
    return list.stream()
        .map(
            s ->
                new SourceSpec(
                    // Refused at start-up (DdnsConfigCheck) when it names no type.
                    SourceType.parse(s.type()).orElseThrow(),
                    s.id().orElse(null),
                    IpFamily.parse(s.family()),
                    s.url().map(String::trim).orElse(null),
                    s.server().map(String::trim).orElse(null),
                    s.name().map(String::trim).orElse(null),
                    s.dnsClass().trim().equalsIgnoreCase("ch"),
                    s.ssdpAddress(),
                    s.location().map(String::trim).orElse(null),
                    s.router().map(String::trim).orElse(null),
                    s.interfaceName().orElse(null)))
        .toList();
  }

  private List<AddressSource> sources(DdnsConfig config, SpecialUseRanges ranges) {
    List<AddressSource> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<SourceSpec> list = sourceSpecs(config);
    ReadingRules rules = ReadingRules.of(ranges, config.timeout());
    for (int i = 0; i < list.size(); i++) {
      SourceSpec s = list.get(i);
      String id = s.id() != null ? s.id() : defaultId(s);
      if (!ids.add(id)) {
        id = id + "#" + i;
        ids.add(id);
      }
      out.add(
          switch (s.type()) {
            case HTTP ->
                new HttpEchoSource(id, URI.create(s.url()), s.family(), http, hosts, rules);
            case DNS ->
                s.chaos()
                    ? DnsSource.chaosTxt(
                        id, DnsServer.parse(s.server()), s.name(), s.family(), dns, rules)
                    : DnsSource.addressRecord(
                        id, DnsServer.parse(s.server()), s.name(), s.family(), dns, rules);
            case UPNP ->
                new UpnpSource(
                    id,
                    ssdpAddress(s.ssdpAddress()),
                    s.location() == null ? null : URI.create(s.location()),
                    upnpRouter(s),
                    http,
                    ranges,
                    config.timeout());
            case INTERFACE ->
                new InterfaceSource(
                    id, s.family(), s.interfaceName(), ranges, Paths.get("/proc/net/if_inet6"));
          });
    }
    return out;
  }

  /** The configured router, else a configured location's host, else the default gateway. */
  private static UpnpRouter upnpRouter(SourceSpec s) {
    if (s.router() != null) {
      return UpnpRouter.configured(AddressLiteral.toInetAddress(s.router()).orElseThrow());
    }
    if (s.location() != null) {
      return UpnpRouter.locationHost(URI.create(s.location()).getHost());
    }
    return UpnpRouter.defaultGateway(DefaultGateway.ofThisHost());
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

  private static String defaultId(SourceSpec s) {
    return switch (s.type()) {
      case HTTP -> {
        URI u = URI.create(s.url());
        yield "http:" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
      }
      case DNS -> "dns:" + s.server() + "/" + s.name();
      case UPNP ->
          "upnp:" + (s.location() == null ? s.ssdpAddress() : URI.create(s.location()).getHost());
      case INTERFACE ->
          "interface:"
              + (s.interfaceName() == null ? "any" : s.interfaceName())
              + "/"
              + s.family().key();
    };
  }
}
