package dev.haremote.ddns.discovery;

import dev.haremote.common.net.IpFamily;
import dev.haremote.common.net.Kubernetes;
import dev.haremote.common.net.RouteCheck;
import java.net.InetAddress;

/**
 * The route check of a discovery source: a source whose server this host has no route to (IPv6
 * echoes from an IPv4-only pod) cannot work from here, and its reading says so with the reason
 * {@code no_route_from_here} instead of an error of the home's.
 */
public final class SourceRoute {
  private final RouteCheck routes;
  private final boolean inPod;

  public SourceRoute(RouteCheck routes, boolean inPod) {
    this.routes = routes;
    this.inPod = inPod;
  }

  /** The kernel's route lookup, and whether this runs in a Kubernetes pod. */
  public static SourceRoute here() {
    return new SourceRoute(new dev.haremote.common.net.LocalRoute(), Kubernetes.inPod());
  }

  /** Every address has a route, outside Kubernetes (tests that are not about routing). */
  public static SourceRoute any() {
    return new SourceRoute(RouteCheck.ANY, false);
  }

  public boolean inPod() {
    return inPod;
  }

  /**
   * Why the source at {@code target} cannot work from here ({@code no IPv6 route from this pod
   * (network unreachable)}, with what to do), or null when there is a route.
   */
  public String noRoute(IpFamily family, InetAddress target) {
    String why = routes.noRoute(target);
    if (why == null) {
      return null;
    }
    String name = family == IpFamily.IPV6 ? "IPv6" : "IPv4";
    return "no "
        + name
        + " route from "
        + Kubernetes.here(inPod)
        + " ("
        + why
        + "): this source cannot work from where ddns-service runs, which is no fault of the home"
        + (inPod
            ? "; set ddns.hostNetwork in the chart or use a dual-stack k3s (docs/deploy.md,"
                + " \"Network\")"
            : "");
  }
}
