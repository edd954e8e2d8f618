package dev.haremote.ddns.testing;

import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.ddns.config.DdnsConfig;
import dev.haremote.ddns.discovery.HostAddresses;
import dev.haremote.ddns.service.DdnsEngine;
import dev.haremote.ddns.service.DdnsEngineFactory;
import dev.haremote.labkit.bind.BindServer;
import dev.haremote.labkit.ddns.AddressEchoStandIn;
import dev.haremote.labkit.ddns.ProviderStandIn;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Type;

/**
 * A home on loopback: BIND authoritative for {@code duckdns.org} (and answering as the public
 * resolver), echo sources that claim a public address, and the properties to point an engine at
 * them. Documentation ranges stand for public addresses through {@code allow-ranges}.
 */
public final class EngineLab implements AutoCloseable {
  public static final String NAME = "my-home.duckdns.org";
  public static final String OLD = "198.51.100.1";
  public static final String NEW = "198.51.100.7";
  public static final String OLD6 = "2001:db8::1";
  public static final String NEW6 = "2001:db8::7";

  private static final java.net.InetAddress LOOPBACK6 = loopback6();

  public final BindServer bind;
  public final List<AddressEchoStandIn> echoes = new ArrayList<>();
  public final List<AddressEchoStandIn> echoes6 = new ArrayList<>();
  public final Path stateDir;
  public final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T07:00:00Z"));
  public final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<AutoCloseable> closeables = new ArrayList<>();

  public EngineLab(int echoSources) {
    Lab.requireNamed();
    bind =
        BindServer.builder("duckdns.org")
            .record("my-home 60 IN A " + OLD)
            .record("my-home 60 IN AAAA " + OLD6)
            .record("my-home 60 IN TXT \"acme-challenge-stays\"")
            .record("neighbour 60 IN A 198.51.100.200")
            .start();
    for (int i = 0; i < echoSources; i++) {
      echoes.add(new AddressEchoStandIn(NEW));
      echoes6.add(new AddressEchoStandIn(LOOPBACK6, NEW6));
    }
    try {
      stateDir = Files.createTempDirectory("ddns-state-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.net.InetAddress loopback6() {
    try {
      return java.net.InetAddress.getByName("::1");
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  public <T extends ProviderStandIn> T provider(T standIn) {
    closeables.add(standIn);
    standIn.onChange(c -> bind.replace(c.name(), Type.value(c.type()), 60, c.address()));
    return standIn;
  }

  /** A secret file in the state dir's sibling temp dir. */
  public Path secretFile(String content) {
    try {
      Path f = Files.createTempFile("secret-", ".txt");
      Files.writeString(f, content + "\n");
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Properties for one record watched over IPv4 with the echo sources and BIND. */
  public Map<String, String> properties(boolean ipv6) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("ddns.interval", "60s");
    p.put("ddns.state-dir", stateDir.toString());
    p.put("ddns.cooldown", "5m");
    p.put("ddns.timeout", "2s");
    p.put("ddns.confirm-timeout", "5s");
    p.put("ddns.discovery.quorum", "2");
    p.put("ddns.discovery.allow-ranges", "198.51.100.0/24,2001:db8::/32");
    int i = 0;
    for (AddressEchoStandIn e : echoes) {
      p.put("ddns.discovery.sources[" + i + "].type", "http");
      p.put("ddns.discovery.sources[" + i + "].id", "echo-" + i);
      p.put("ddns.discovery.sources[" + i + "].url", e.url());
      p.put("ddns.discovery.sources[" + i + "].family", "ipv4");
      i++;
    }
    if (ipv6) {
      int j = 0;
      for (AddressEchoStandIn e : echoes6) {
        p.put("ddns.discovery.sources[" + i + "].type", "http");
        p.put("ddns.discovery.sources[" + i + "].id", "echo6-" + j++);
        p.put("ddns.discovery.sources[" + i + "].url", e.url());
        p.put("ddns.discovery.sources[" + i + "].family", "ipv6");
        i++;
      }
    }
    p.put("ddns.resolvers.public", bind.hostPort());
    p.put("ddns.authoritative", bind.hostPort());
    p.put("ddns.records[0].name", NAME);
    p.put("ddns.records[0].families", ipv6 ? "ipv4,ipv6" : "ipv4");
    return p;
  }

  public DdnsEngine engine(Map<String, String> properties) {
    return engine(properties, java.time.Clock.systemUTC());
  }

  /** An engine whose RFC 2136 requests are signed with {@code signingClock} (a host clock off). */
  public DdnsEngine engine(Map<String, String> properties, java.time.Clock signingClock) {
    DdnsConfig config = TestConfigs.ddns(properties);
    return factory(signingClock).create(config, registry);
  }

  public DdnsEngineFactory factory() {
    return factory(java.time.Clock.systemUTC());
  }

  private DdnsEngineFactory factory(java.time.Clock signingClock) {
    return new DdnsEngineFactory(
        new DnsClient(),
        new HttpProbe(TrustConfig.of(List.of())),
        new HostAddresses(new SystemResolver()),
        clock,
        signingClock);
  }

  /** Properties for an RFC 2136 record updated at this lab's BIND with its TSIG key. */
  public Map<String, String> rfc2136(boolean ipv6) {
    Map<String, String> p = properties(ipv6);
    p.put("ddns.records[0].provider", "rfc2136");
    p.put("ddns.records[0].update", "true");
    p.put("ddns.records[0].rfc2136.server", bind.hostPort());
    p.put("ddns.records[0].rfc2136.zone", "duckdns.org.");
    p.put("ddns.records[0].rfc2136.key-name", bind.keyName());
    p.put("ddns.records[0].rfc2136.secret-file", secretFile(bind.secret()).toString());
    return p;
  }

  public List<String> published(int type) {
    return bind.query(NAME, type);
  }

  @Override
  public void close() {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        // best effort
      }
    }
    echoes.forEach(AddressEchoStandIn::close);
    echoes6.forEach(AddressEchoStandIn::close);
    bind.close();
  }
}
