package dev.haremote.ddns.discovery;

import dev.haremote.common.net.IpFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * The public address sources used when none are configured: for each watched family, four
 * independent echoes run by three operators over two protocols (HTTP and DNS), as ddclient and
 * ddns-updater users expect, so that the default quorum of two can be met even when one is down or
 * lies. Each is overridable by configuring {@code ddns.discovery.sources}.
 */
public final class DefaultSources {
  private DefaultSources() {}

  public static List<SourceSpec> forFamilies(List<IpFamily> families) {
    List<SourceSpec> out = new ArrayList<>();
    if (families.contains(IpFamily.IPV4)) {
      out.add(SourceSpec.http("https://api.ipify.org", IpFamily.IPV4));
      out.add(SourceSpec.http("https://ipv4.icanhazip.com", IpFamily.IPV4));
      out.add(SourceSpec.dns("208.67.222.222", "myip.opendns.com", false, IpFamily.IPV4));
      out.add(SourceSpec.dns("1.1.1.1", "whoami.cloudflare", true, IpFamily.IPV4));
    }
    if (families.contains(IpFamily.IPV6)) {
      out.add(SourceSpec.http("https://api6.ipify.org", IpFamily.IPV6));
      out.add(SourceSpec.http("https://ipv6.icanhazip.com", IpFamily.IPV6));
      out.add(SourceSpec.dns("[2620:119:35::35]:53", "myip.opendns.com", false, IpFamily.IPV6));
      out.add(
          SourceSpec.dns("[2606:4700:4700::1111]:53", "whoami.cloudflare", true, IpFamily.IPV6));
    }
    return List.copyOf(out);
  }
}
