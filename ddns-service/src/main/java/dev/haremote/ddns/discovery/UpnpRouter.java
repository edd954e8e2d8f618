package dev.haremote.ddns.discovery;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one host a UPnP source talks to: the configured router address, or else the host's default
 * gateway. Any host on the LAN can answer an SSDP search and name URLs; only the router's answers
 * are taken, and only URLs on the router are fetched, so the service cannot be sent elsewhere on
 * the LAN (and its status cannot become a port scanner).
 */
public final class UpnpRouter {
  private final InetAddress configured;
  private final String configuredHost;
  private final DefaultGateway gateway;

  private UpnpRouter(InetAddress configured, String configuredHost, DefaultGateway gateway) {
    this.configured = configured;
    this.configuredHost = configuredHost;
    this.gateway = gateway;
  }

  /** The address set by {@code router}. */
  public static UpnpRouter configured(InetAddress address) {
    return new UpnpRouter(address, null, null);
  }

  /**
   * The host of a configured {@code location} URL (a name or a literal): the user named it, so it
   * is the router.
   */
  public static UpnpRouter locationHost(String host) {
    return new UpnpRouter(null, host, null);
  }

  /** Whatever the default gateway is when the source is read. */
  public static UpnpRouter defaultGateway(DefaultGateway gateway) {
    return new UpnpRouter(null, null, gateway);
  }

  /** The router as known this round. */
  public Current current() {
    if (configured != null) {
      return new Current(List.of(configured), null, "the configured router");
    }
    if (configuredHost != null) {
      return new Current(List.of(), normalHost(configuredHost), "the configured location's host");
    }
    return new Current(gateway.addresses(), null, "the gateway");
  }

  /**
   * @param addresses the router's addresses (several default gateways, or IPv4 and IPv6)
   * @param host a host name from a configured location, or null
   * @param role how the status names the router
   */
  public record Current(List<InetAddress> addresses, String host, String role) {

    public boolean known() {
      return !addresses.isEmpty() || host != null;
    }

    public boolean isRouter(InetAddress from) {
      return addresses.contains(from);
    }

    /** An http(s) URL on the router (an address literal equal to it, or the configured name). */
    public boolean isOnRouter(URI url) {
      String h = url.getHost();
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (h == null || !(scheme.equals("http") || scheme.equals("https"))) {
        return false;
      }
      if (host != null && normalHost(h).equals(host)) {
        return true;
      }
      Optional<InetAddress> literal = AddressLiteral.toInetAddress(h);
      return literal.isPresent() && addresses.contains(literal.get());
    }

    /** {@code the gateway 10.0.0.1}, {@code the configured router 192.168.1.1}. */
    public String describe() {
      String which =
          host != null
              ? host
              : String.join(" or ", addresses.stream().map(AddressLiteral::canonical).toList());
      return role + " " + which;
    }
  }

  private static String normalHost(String host) {
    String canonical = AddressLiteral.canonical(host);
    return canonical != null ? canonical : host.toLowerCase(Locale.ROOT);
  }
}
