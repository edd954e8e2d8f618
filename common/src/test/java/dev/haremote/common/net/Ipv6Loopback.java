package dev.haremote.common.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether ::1 can be bound here (some containers run without IPv6). */
public final class Ipv6Loopback {
  private Ipv6Loopback() {}

  public static InetAddress address() {
    try {
      return InetAddress.getByName("::1");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean available() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(address(), 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
