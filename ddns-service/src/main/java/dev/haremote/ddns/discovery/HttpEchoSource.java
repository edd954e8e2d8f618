package dev.haremote.ddns.discovery;

import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.HttpProbeRequest;
import dev.haremote.common.http.HttpProbeResult;
import dev.haremote.common.net.IpFamily;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP echo service (ipify, icanhazip): the body holds the address the request came from. The
 * connection is pinned to the source's family, so an IPv4 source can never report IPv6 by chance.
 */
public final class HttpEchoSource implements AddressSource {
  private static final int BODY_CAP = 4096;

  private final String id;
  private final URI url;
  private final IpFamily family;
  private final HttpProbe http;
  private final HostAddresses hosts;
  private final ReadingRules rules;

  /**
   * @param rules its route check is asked before the request: without a route to the echo's address
   *     the source cannot work from here
   */
  public HttpEchoSource(
      String id,
      URI url,
      IpFamily family,
      HttpProbe http,
      HostAddresses hosts,
      ReadingRules rules) {
    this.id = id;
    this.url = url;
    this.family = family;
    this.http = http;
    this.hosts = hosts;
    this.rules = rules;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String type() {
    return SourceType.HTTP.key();
  }

  @Override
  public IpFamily family() {
    return family;
  }

  @Override
  public SourceReading read() {
    Optional<InetAddress> target = hosts.resolve(url.getHost(), family, rules.timeout());
    if (target.isEmpty()) {
      return SourceReading.failed(this, "no " + family.key() + " address for " + url.getHost());
    }
    String noRoute = rules.route().noRoute(family, target.get());
    if (noRoute != null) {
      return SourceReading.cannotWorkFromHere(this, noRoute);
    }
    HttpProbeResult result =
        http.execute(
            new HttpProbeRequest(
                url,
                target.get(),
                "GET",
                Map.of("Accept", "text/plain"),
                null,
                BODY_CAP,
                rules.timeout(),
                0));
    if (!result.responded()) {
      return SourceReading.failed(this, "http " + result.failure());
    }
    if (result.status() != 200) {
      return SourceReading.failed(this, "http status " + result.status());
    }
    if (result.bodyTruncated()) {
      return SourceReading.failed(this, "answer longer than " + BODY_CAP + " bytes");
    }
    return LiteralCheck.fromText(this, result.bodyText(), rules.ranges());
  }
}
