package dev.haremote.common.net;

import java.net.InetAddress;

/**
 * Whether this host can send to an address at all, asked before a probe: a check that cannot leave
 * the host (an IPv6 target from an IPv4-only pod) says nothing about the home and must not be
 * reported as the home's fault. {@link LocalRoute} asks the kernel; tests inject an answer.
 */
@FunctionalInterface
public interface RouteCheck {
  /**
   * Why this host has no way to the address, e.g. {@code network unreachable}; null when it has
   * one, or when the kernel's answer does not tell (the probe itself then finds out).
   */
  String noRoute(InetAddress target);

  /** Every address has a route (tests that are not about routing). */
  RouteCheck ANY = target -> null;
}
