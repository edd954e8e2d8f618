package dev.haremote.lab;

import dev.haremote.labkit.homeassistant.HomeAssistantInstall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether this machine can run the lab: root, network namespaces, the Debian binaries and the real
 * Home Assistant (scripts/install-home-assistant.sh). Where it cannot, the lab tests skip and say
 * why; in CI ({@code CI=true}, root) a missing lab is a failure.
 */
final class LabPreconditions {

  static final List<String> BINARIES =
      List.of(
          "ip",
          "iptables",
          "named",
          "nsupdate",
          "dig",
          "nginx",
          "dnsmasq",
          "miniupnpd",
          "curl",
          "setsid",
          "openssl");

  private LabPreconditions() {}

  /** Aborts (skips) the calling test, or fails it in CI, when the lab cannot run here. */
  static void requireLab() {
    require(missing(), "true".equalsIgnoreCase(System.getenv("CI")));
  }

  /** Nothing missing: go on; otherwise fail in CI and skip elsewhere, saying what is missing. */
  static void require(List<String> missing, boolean ci) {
    if (missing.isEmpty()) {
      return;
    }
    String reason = "the lab cannot run here: " + String.join("; ", missing);
    if (ci) {
      throw new AssertionError(reason + " (CI=true: the lab must run in CI)");
    }
    Assumptions.abort(reason + " (run as root with iproute2 and the packages in .ci/apt-packages)");
  }

  static List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (!isRoot()) {
      missing.add("not root (network namespaces need root)");
      return missing;
    }
    for (String binary : BINARIES) {
      if (!onPath(binary)) {
        missing.add("no `" + binary + "` on PATH");
      }
    }
    if (HomeAssistantInstall.find().isEmpty()) {
      missing.add(HomeAssistantInstall.whereLooked());
    }
    if (missing.isEmpty() && !netnsWorks()) {
      missing.add("`ip netns add` does not work (no CAP_SYS_ADMIN / no netns support)");
    }
    return missing;
  }

  private static boolean isRoot() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("Uid:"))
          .anyMatch(line -> line.split("\\s+")[2].equals("0"));
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean onPath(String binary) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    return false;
  }

  private static boolean netnsWorks() {
    String probe = "halab-probe-" + ProcessHandle.current().pid();
    try {
      boolean added = run("ip", "netns", "add", probe) == 0;
      run("ip", "netns", "del", probe);
      return added;
    } catch (IOException e) {
      return false;
    }
  }

  private static int run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      process.getInputStream().readAllBytes();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
