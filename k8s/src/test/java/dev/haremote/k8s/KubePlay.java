package dev.haremote.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rendered chart objects played by {@code podman kube play}: the ConfigMaps, Secrets,
 * PersistentVolumeClaims and Deployments (what a kubelet would run; Services, Ingresses and
 * monitoring objects have no podman counterpart). The pods join an internal podman network without
 * DNS ({@value #NETWORK}: no route out of it, so nothing they probe leaves the machine; podman 4.3
 * refuses {@code --network none} for pods that declare container ports), and the test reaches them
 * by entering their network namespace.
 */
final class KubePlay implements AutoCloseable {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final String NETWORK = "har-play-internal";

  private final Path file;
  private final List<JsonNode> documents;

  private KubePlay(Path file, List<JsonNode> documents) {
    this.file = file;
    this.documents = documents;
  }

  /** Plays {@code documents} (kinds other than the played ones are dropped). */
  static KubePlay play(Path dir, String name, List<JsonNode> documents) {
    List<JsonNode> played = new ArrayList<>();
    // ConfigMaps, Secrets and claims first: kube play resolves them while it creates the pods.
    for (String kind : List.of("ConfigMap", "Secret", "PersistentVolumeClaim", "Deployment")) {
      documents.stream().filter(d -> d.path("kind").asText().equals(kind)).forEach(played::add);
    }
    StringBuilder yaml = new StringBuilder();
    try {
      for (JsonNode d : played) {
        yaml.append("---\n").append(YAML.writeValueAsString(d).replaceFirst("^---\\n", ""));
      }
      Path file = Files.writeString(dir.resolve(name + ".yaml"), yaml);
      KubePlay play = new KubePlay(file, played);
      play.removeSecrets();
      if (Podman.podman(30, "network", "exists", NETWORK).exitCode() != 0) {
        Podman.podman(30, "network", "create", "--internal", "--disable-dns", NETWORK)
            .expectSuccess("podman network create " + NETWORK);
      }
      Podman.podman(180, "kube", "play", "--replace", "--network", NETWORK, file.toString())
          .expectSuccess("podman kube play " + file);
      return play;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * kube play keeps a Secret as a podman secret, and a ConfigMap, Secret or claim as a podman
   * volume of the same name, all of which outlive {@code kube down} (and a kept ConfigMap volume
   * would hide a changed ConfigMap): remove them, so each play starts from nothing.
   */
  private void removeSecrets() {
    for (JsonNode d : documents) {
      String name = d.at("/metadata/name").asText();
      String kind = d.path("kind").asText();
      if (kind.equals("Secret")) {
        Podman.podman(30, "secret", "rm", name);
      }
      if (kind.equals("Secret")
          || kind.equals("ConfigMap")
          || kind.equals("PersistentVolumeClaim")) {
        Podman.podman(30, "volume", "rm", "-f", name);
      }
    }
  }

  /** The container a Deployment's pod runs: {@code <deployment>-pod-0-<container>}. */
  static String container(JsonNode deployment) {
    return deployment.at("/metadata/name").asText()
        + "-pod-0-"
        + deployment.at("/spec/template/spec/containers/0/name").asText();
  }

  /** How waiting for a container's readiness ended. */
  record Readiness(boolean ready, String state, String logTail, Duration waited) {}

  /**
   * Polls {@code GET /q/health/ready} inside the pod's network until 200; stops early when the
   * container is no longer running.
   */
  static Readiness awaitReady(String container, int port, Duration timeout) {
    Instant start = Instant.now();
    while (Duration.between(start, Instant.now()).compareTo(timeout) < 0) {
      String state =
          Podman.podman(30, "inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", container)
              .output()
              .strip();
      if (!state.startsWith("running")) {
        return new Readiness(
            false, state, logTail(container), Duration.between(start, Instant.now()));
      }
      if (httpGet(container, port, "/q/health/ready").status() == 200) {
        return new Readiness(true, state, "", Duration.between(start, Instant.now()));
      }
      ChildProcess.sleep(500);
    }
    return new Readiness(false, "not ready", logTail(container), timeout);
  }

  static String logTail(String container) {
    String log = Podman.podman(30, "logs", container).output();
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  record Http(int status, String body) {}

  /** An HTTP GET to 127.0.0.1:port from inside the container's network namespace. */
  static Http httpGet(String container, int port, String path) {
    String pid = Podman.podman(30, "inspect", "-f", "{{.State.Pid}}", container).output().strip();
    var result =
        Podman.run(
            30,
            List.of(
                "nsenter",
                "-t",
                pid,
                "-n",
                "curl",
                "-s",
                "-m",
                "5",
                "-w",
                "\n%{http_code}",
                "http://127.0.0.1:" + port + path));
    String out = result.output();
    int cut = out.lastIndexOf('\n');
    String code = cut < 0 ? out.strip() : out.substring(cut + 1).strip();
    return new Http(
        code.matches("[0-9]{3}") ? Integer.parseInt(code) : -1,
        cut < 0 ? "" : out.substring(0, cut));
  }

  /**
   * Removes the pods one by one ({@code kube down} stops at the first pod already gone, as after a
   * replay) and the volumes the play left: its Secrets, ConfigMaps and claims, and the emptyDirs,
   * which podman 4.3 keeps as named volumes.
   */
  @Override
  public void close() {
    for (JsonNode d : documents) {
      if (d.path("kind").asText().equals("Deployment")) {
        Podman.podman(120, "pod", "rm", "-f", d.at("/metadata/name").asText() + "-pod-0");
        for (JsonNode volume : d.at("/spec/template/spec/volumes")) {
          if (volume.has("emptyDir")) {
            Podman.podman(30, "volume", "rm", "-f", volume.path("name").asText());
          }
        }
      }
    }
    removeSecrets();
  }
}
