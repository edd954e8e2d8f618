package dev.haremote.common.net;

import java.net.InetAddress;

/**
 * Runs {@link LocalRoute} on each argument and prints {@code address=reason} ({@code route} when
 * there is one), one a line: {@link LocalRouteTest} starts it in a network namespace of its own.
 */
public final class RouteLookupMain {
  private RouteLookupMain() {}

  public static void main(String[] args) throws Exception {
    LocalRoute route = new LocalRoute();
    for (String a : args) {
      String reason = route.noRoute(InetAddress.getByName(a));
      System.out.println(a + "=" + (reason == null ? "route" : reason));
    }
  }
}
