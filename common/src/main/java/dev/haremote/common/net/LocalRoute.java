package dev.haremote.common.net;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.Locale;

/**
 * The kernel's route lookup for one address: connecting a UDP socket makes the kernel choose a
 * route and a source address, and sends no packet. No route ({@code ENETUNREACH}, an unreachable
 * route), no source address for it, no IPv6 address on any interface (the JVM then offers no IPv6
 * at all), IPv6 switched off in the kernel, or only a link-local source for an address beyond the
 * link all mean this host cannot reach the address, whatever the other end does. Any other failure
 * is no answer (null): the probe will tell.
 */
public final class LocalRoute implements RouteCheck {
  /** Any port: connect on UDP only looks the route up. 9 is discard, should a packet ever go. */
  private static final int ANY_PORT = 9;

  @Override
  public String noRoute(InetAddress target) {
    boolean v6 = target instanceof Inet6Address;
    try (DatagramChannel channel =
        DatagramChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET)) {
      channel.connect(new InetSocketAddress(target, ANY_PORT));
      InetAddress source = ((InetSocketAddress) channel.getLocalAddress()).getAddress();
      if (source.isLinkLocalAddress()
          && !target.isLinkLocalAddress()
          && !target.isLoopbackAddress()) {
        // A default route but only fe80:: here (a pod without IPv6): nothing beyond the link
        // answers a link-local source.
        return "only a link-local " + family(target) + " address here";
      }
      return null;
    } catch (UnsupportedOperationException e) {
      // The JDK offers IPv6 only when some interface has an IPv6 address (/proc/net/if_inet6),
      // and never with java.net.preferIPv4Stack.
      return "no " + family(target) + " here: no interface has an " + family(target) + " address";
    } catch (NoRouteToHostException e) {
      return "no route to host";
    } catch (BindException e) {
      // EADDRNOTAVAIL: no address to send from; EACCES: a prohibit route.
      return message(e).contains("permission")
          ? "the route to it is prohibited"
          : "no " + family(target) + " source address for it";
    } catch (IOException e) {
      String m = message(e);
      if (m.contains("network is unreachable")) {
        return "network unreachable";
      }
      if (m.contains("not supported") || m.contains("family unavailable")) {
        return family(target) + " is off in this kernel";
      }
      return null;
    }
  }

  private static String message(IOException e) {
    return e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
  }

  private static String family(InetAddress target) {
    return target instanceof Inet6Address ? "IPv6" : "IPv4";
  }
}
