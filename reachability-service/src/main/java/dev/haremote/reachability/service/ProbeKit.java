package dev.haremote.reachability.service;

import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.WebSocketProbe;
import dev.haremote.common.tls.TlsInspector;
import dev.haremote.common.tls.TrustConfig;
import dev.haremote.reachability.config.ReachabilityConfig;
import dev.haremote.reachability.probe.ChainProber;
import dev.haremote.reachability.probe.NameResolution;
import java.util.List;

/**
 * The common kit's probes, wired from the configuration. Built on first use: a service with nothing
 * to check never loads a trust store.
 */
public final class ProbeKit {
  private final ChainProber chainProber;
  private final NameResolution names;

  private ProbeKit(ChainProber chainProber, NameResolution names) {
    this.chainProber = chainProber;
    this.names = names;
  }

  public static ProbeKit from(ReachabilityConfig config) {
    TrustConfig trust = TrustConfig.systemPlus(config.trust().extraCaFile());
    ChainProber chain =
        new ChainProber(new TlsInspector(trust), new HttpProbe(trust), new WebSocketProbe(trust));
    List<DnsServer> internal =
        config.resolvers().internal().orElse(List.of()).stream().map(DnsServer::parse).toList();
    List<DnsServer> pub =
        config.resolvers().publicResolvers().stream().map(DnsServer::parse).toList();
    return new ProbeKit(
        chain, new NameResolution(new DnsClient(), new SystemResolver(), internal, pub));
  }

  public ChainProber chainProber() {
    return chainProber;
  }

  public NameResolution names() {
    return names;
  }
}
