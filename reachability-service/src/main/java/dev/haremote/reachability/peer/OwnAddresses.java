package dev.haremote.reachability.peer;

import dev.haremote.reachability.probe.TargetProber;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The addresses a peer refuses to probe after resolving an allow-listed name: its own (loopback,
 * any interface's address, link-local, the unspecified address, multicast). The owner of a name on
 * the allow-list can re-point it at any address (DNS rebinding); without this refusal the peer's
 * answer would tell what answers on the peer's own loopback or LAN side (a page title, an open
 * port). Interface addresses are read at each check: they change with DHCP and VPNs.
 */
public final class OwnAddresses implements TargetProber.AddressPolicy {
  static final String REFUSAL =
      "this peer's own address (reachability.peer.allow-own-addresses is false)";

  @Override
  public String refusal(InetAddress address) {
    return isOwn(address) ? REFUSAL : null;
  }

  static boolean isOwn(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isAnyLocalAddress()
        || a.isLinkLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    try {
      Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
      if (all == null) {
        return false;
      }
      for (NetworkInterface nic : Collections.list(all)) {
        for (InetAddress own : Collections.list(nic.getInetAddresses())) {
          if (sameAddress(own, a)) {
            return true;
          }
        }
      }
      return false;
    } catch (SocketException e) {
      // Cannot tell which addresses are ours: refuse rather than probe blindly.
      return true;
    }
  }

  /** Equal ignoring the IPv6 scope (an interface's address carries one, a DNS answer does not). */
  private static boolean sameAddress(InetAddress own, InetAddress a) {
    return java.util.Arrays.equals(own.getAddress(), a.getAddress());
  }
}
