package dev.haremote.k8s;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The checks of the Kubernetes Pod Security Standards, "restricted" profile (baseline included),
 * plus this project's own defaults (UID 1000, read-only root filesystem, no service account token).
 * Returns one line per violation; empty means the pod passes.
 */
final class RestrictedPodSecurity {
  /** Volume types the restricted profile allows. */
  private static final Set<String> ALLOWED_VOLUMES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");

  private static final Set<String> SECCOMP_OK = Set.of("RuntimeDefault", "Localhost");

  private RestrictedPodSecurity() {}

  /**
   * The restricted level except {@code hostNetwork}, which the chart's per-service {@code
   * hostNetwork} option asks for (on by default for reachability and ddns; such a pod's namespace
   * needs the privileged level). Every other rule still holds for those pods.
   */
  static List<String> violationsBesidesHostNetwork(String where, PodSpec pod) {
    return violations(where, pod).stream().filter(v -> !v.equals(where + ": hostNetwork")).toList();
  }

  static List<String> violations(String where, PodSpec pod) {
    List<String> out = new ArrayList<>();
    PodSecurityContext podContext = pod.getSecurityContext();
    if (isTrue(pod.getHostNetwork())) out.add(where + ": hostNetwork");
    if (isTrue(pod.getHostPID())) out.add(where + ": hostPID");
    if (isTrue(pod.getHostIPC())) out.add(where + ": hostIPC");
    if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
      out.add(where + ": automountServiceAccountToken is not false");
    }
    if (podContext == null) {
      out.add(where + ": no pod securityContext");
      podContext = new PodSecurityContext();
    }
    if (podContext.getSeLinuxOptions() != null
        && podContext.getSeLinuxOptions().getType() != null
        && !Set.of("container_t", "container_init_t", "container_kvm_t")
            .contains(podContext.getSeLinuxOptions().getType())) {
      out.add(where + ": custom SELinux type");
    }
    if (podContext.getSysctls() != null && !podContext.getSysctls().isEmpty()) {
      out.add(where + ": sysctls set");
    }
    if (Objects.equals(podContext.getRunAsUser(), 0L)) out.add(where + ": pod runAsUser 0");
    for (Volume volume : nullSafe(pod.getVolumes())) {
      String type = volumeType(volume);
      if (!ALLOWED_VOLUMES.contains(type)) {
        out.add(where + ": volume " + volume.getName() + " of type " + type);
      }
    }
    for (Container c : concat(pod.getContainers(), pod.getInitContainers())) {
      checkContainer(where + "/" + c.getName(), podContext, c.getSecurityContext(), out);
      for (var port : nullSafe(c.getPorts())) {
        if (port.getHostPort() != null && port.getHostPort() != 0) {
          out.add(where + "/" + c.getName() + ": hostPort " + port.getHostPort());
        }
      }
    }
    for (var e : nullSafe(pod.getEphemeralContainers())) {
      checkContainer(where + "/" + e.getName(), podContext, e.getSecurityContext(), out);
    }
    return out;
  }

  private static void checkContainer(
      String where, PodSecurityContext pod, SecurityContext containerContext, List<String> out) {
    SecurityContext sc = containerContext;
    if (sc == null) {
      out.add(where + ": no container securityContext");
      sc = new SecurityContext();
    }
    if (isTrue(sc.getPrivileged())) out.add(where + ": privileged");
    if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
      out.add(where + ": allowPrivilegeEscalation is not false");
    }
    Boolean runAsNonRoot =
        sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : pod.getRunAsNonRoot();
    if (!Boolean.TRUE.equals(runAsNonRoot)) out.add(where + ": runAsNonRoot is not true");
    Long uid = sc.getRunAsUser() != null ? sc.getRunAsUser() : pod.getRunAsUser();
    if (uid == null || uid == 0L) out.add(where + ": runAsUser not set to a non-zero UID");
    if (uid != null && uid != 1000L)
      out.add(where + ": runAsUser " + uid + " (the images use 1000)");
    SeccompProfile seccomp =
        sc.getSeccompProfile() != null ? sc.getSeccompProfile() : pod.getSeccompProfile();
    if (seccomp == null || !SECCOMP_OK.contains(seccomp.getType())) {
      out.add(where + ": seccompProfile is not RuntimeDefault or Localhost");
    }
    Capabilities caps = sc.getCapabilities();
    if (caps == null || !nullSafe(caps.getDrop()).contains("ALL")) {
      out.add(where + ": capabilities do not drop ALL");
    }
    if (caps != null) {
      for (String add : nullSafe(caps.getAdd())) {
        if (!"NET_BIND_SERVICE".equals(add)) out.add(where + ": adds capability " + add);
      }
    }
    if (sc.getProcMount() != null && !"Default".equals(sc.getProcMount())) {
      out.add(where + ": procMount " + sc.getProcMount());
    }
    if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
      out.add(where + ": root filesystem is writable");
    }
  }

  /** The name of the one volume source that is set (fabric8 has a getter per source). */
  static String volumeType(Volume volume) {
    var json = StrictKubernetesModel.convert(volume, com.fasterxml.jackson.databind.JsonNode.class);
    List<String> types = new ArrayList<>();
    json.fieldNames().forEachRemaining(types::add);
    types.remove("name");
    return types.size() == 1 ? types.get(0) : String.join("+", types);
  }

  private static boolean isTrue(Boolean b) {
    return Boolean.TRUE.equals(b);
  }

  private static List<Container> concat(List<Container> a, List<Container> b) {
    return Stream.concat(nullSafe(a).stream(), nullSafe(b).stream()).toList();
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
