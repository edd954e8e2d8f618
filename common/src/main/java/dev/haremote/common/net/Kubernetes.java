package dev.haremote.common.net;

import java.util.Map;

/**
 * Whether the service runs in a Kubernetes pod: the kubelet sets {@code KUBERNETES_SERVICE_HOST} in
 * every container. Status texts then say "this pod" and name the chart's host-network option, since
 * a pod's own network lacks what the home's LAN has (IPv6 on k3s, SSDP multicast).
 */
public final class Kubernetes {
  private Kubernetes() {}

  public static boolean inPod() {
    return inPod(System.getenv());
  }

  public static boolean inPod(Map<String, String> env) {
    String host = env.get("KUBERNETES_SERVICE_HOST");
    return host != null && !host.isBlank();
  }

  /** {@code this pod} or {@code this host}, for status texts. */
  public static String here(boolean inPod) {
    return inPod ? "this pod" : "this host";
  }
}
