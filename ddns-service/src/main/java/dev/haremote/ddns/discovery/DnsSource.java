package dev.haremote.ddns.discovery;

import dev.haremote.common.dns.DnsAnswer;
import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.DnsRecordType;
import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.net.IpFamily;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * A DNS server that answers with the asker's address: A/AAAA of {@code myip.opendns.com} at
 * OpenDNS, or TXT of class CH {@code whoami.cloudflare} at 1.1.1.1. The route is checked first when
 * the server is an address literal: without a route to it the source cannot work from here.
 */
public final class DnsSource implements AddressSource {
  private final String id;
  private final DnsServer server;
  private final String name;
  private final boolean chaos;
  private final IpFamily family;
  private final DnsClient dns;
  private final ReadingRules rules;

  private DnsSource(
      String id,
      DnsServer server,
      String name,
      boolean chaos,
      IpFamily family,
      DnsClient dns,
      ReadingRules rules) {
    this.id = id;
    this.server = server;
    this.name = name;
    this.chaos = chaos;
    this.family = family;
    this.dns = dns;
    this.rules = rules;
  }

  /**
   * Asks {@code server} for the A (IPv4) or AAAA (IPv6) record of {@code name} (OpenDNS's {@code
   * myip.opendns.com}).
   */
  public static DnsSource addressRecord(
      String id,
      DnsServer server,
      String name,
      IpFamily family,
      DnsClient dns,
      ReadingRules rules) {
    return new DnsSource(id, server, name, false, family, dns, rules);
  }

  /** Asks {@code server} for the TXT record of class CH of {@code name} (Cloudflare's whoami). */
  public static DnsSource chaosTxt(
      String id,
      DnsServer server,
      String name,
      IpFamily family,
      DnsClient dns,
      ReadingRules rules) {
    return new DnsSource(id, server, name, true, family, dns, rules);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String type() {
    return SourceType.DNS.key();
  }

  @Override
  public IpFamily family() {
    return family;
  }

  @Override
  public SourceReading read() {
    Optional<InetAddress> serverAddress = AddressLiteral.toInetAddress(server.host());
    if (serverAddress.isPresent()) {
      String noRoute = rules.route().noRoute(IpFamily.of(serverAddress.get()), serverAddress.get());
      if (noRoute != null) {
        return SourceReading.cannotWorkFromHere(this, noRoute);
      }
    }
    DnsAnswer answer =
        chaos
            ? dns.queryChaos(server, name, DnsRecordType.TXT, rules.timeout())
            : dns.query(
                server,
                name,
                family == IpFamily.IPV4 ? DnsRecordType.A : DnsRecordType.AAAA,
                rules.timeout());
    if (!answer.ok()) {
      String reason = answer.reason() == null ? "" : ": " + answer.reason();
      return SourceReading.failed(this, "dns " + answer.status().name().toLowerCase() + reason);
    }
    List<String> values = answer.values();
    if (values.size() != 1) {
      return SourceReading.failed(
          this, values.size() + " records in the answer; exactly one is required");
    }
    return LiteralCheck.fromText(this, values.get(0), rules.ranges());
  }
}
