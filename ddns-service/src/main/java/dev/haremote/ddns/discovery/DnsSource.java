package dev.haremote.ddns.discovery;

import dev.haremote.common.dns.DnsAnswer;
import dev.haremote.common.dns.DnsClient;
import dev.haremote.common.dns.DnsRecordType;
import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.net.IpFamily;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A DNS server that answers with the asker's address: A/AAAA of {@code myip.opendns.com} at
 * OpenDNS, or TXT of class CH {@code whoami.cloudflare} at 1.1.1.1.
 */
public final class DnsSource implements AddressSource {
  private final String id;
  private final DnsServer server;
  private final String name;
  private final boolean chaos;
  private final IpFamily family;
  private final DnsClient dns;
  private final SpecialUseRanges ranges;
  private final Duration timeout;
  private final SourceRoute route;

  public DnsSource(
      String id,
      DnsServer server,
      String name,
      boolean chaos,
      IpFamily family,
      DnsClient dns,
      SpecialUseRanges ranges,
      Duration timeout) {
    this(id, server, name, chaos, family, dns, ranges, timeout, SourceRoute.here());
  }

  /**
   * @param route asked before the query when the server is an address literal: without a route to
   *     it the source cannot work from here
   */
  public DnsSource(
      String id,
      DnsServer server,
      String name,
      boolean chaos,
      IpFamily family,
      DnsClient dns,
      SpecialUseRanges ranges,
      Duration timeout,
      SourceRoute route) {
    this.route = route;
    this.id = id;
    this.server = server;
    this.name = name;
    this.chaos = chaos;
    this.family = family;
    this.dns = dns;
    this.ranges = ranges;
    this.timeout = timeout;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String type() {
    return "dns";
  }

  @Override
  public IpFamily family() {
    return family;
  }

  @Override
  public SourceReading read() {
    Optional<InetAddress> serverAddress = AddressLiteral.toInetAddress(server.host());
    if (serverAddress.isPresent()) {
      String noRoute = route.noRoute(IpFamily.of(serverAddress.get()), serverAddress.get());
      if (noRoute != null) {
        return SourceReading.cannotWorkFromHere(this, noRoute);
      }
    }
    DnsAnswer answer =
        chaos
            ? dns.queryChaos(server, name, DnsRecordType.TXT, timeout)
            : dns.query(
                server,
                name,
                family == IpFamily.IPV4 ? DnsRecordType.A : DnsRecordType.AAAA,
                timeout);
    if (!answer.ok()) {
      String reason = answer.reason() == null ? "" : ": " + answer.reason();
      return SourceReading.failed(this, "dns " + answer.status().name().toLowerCase() + reason);
    }
    List<String> values = answer.values();
    if (values.size() != 1) {
      return SourceReading.failed(
          this, values.size() + " records in the answer; exactly one is required");
    }
    return LiteralCheck.fromText(this, values.get(0), ranges);
  }
}
