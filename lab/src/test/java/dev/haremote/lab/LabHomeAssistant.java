package dev.haremote.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The lab's real Home Assistant as its owner sees it: onboarded once, then read through its REST
 * API with curl inside {@code home} (the test JVM has no route into the lab). Request bodies and
 * the bearer header go through files, never command lines.
 */
final class LabHomeAssistant {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE = "http://127.0.0.1:8123";

  private final Lab lab;
  private final Path dir;
  private final Path authHeader;

  LabHomeAssistant(Lab lab) {
    this.lab = lab;
    this.dir = lab.run.resolve("ha-client");
    this.authHeader = dir.resolve("auth-header");
    if (!Files.isRegularFile(authHeader)) {
      throw new AssertionError("no " + authHeader + ": lab.sh up makes the owner's token");
    }
  }

  /** Every entity's state ({@code GET /api/states}). */
  private List<JsonNode> states() {
    List<JsonNode> states = new ArrayList<>();
    request("GET", "/api/states", null, null, true).forEach(states::add);
    return states;
  }

  /** The entity HA made for a package entry, found by its friendly name. */
  private static Optional<JsonNode> named(List<JsonNode> states, String friendlyName) {
    return states.stream()
        .filter(s -> friendlyName.equals(s.path("attributes").path("friendly_name").asText(null)))
        .findFirst();
  }

  /**
   * Polls these entities' rest resources now ({@code homeassistant.update_entity}), what the
   * owner's "refresh" does, instead of waiting out the lab's hour-long scan interval.
   */
  private void refresh(List<String> friendlyNames) {
    ArrayNode ids = JSON.createArrayNode();
    List<JsonNode> states = states();
    for (String name : friendlyNames) {
      JsonNode entity =
          named(states, name)
              .orElseThrow(() -> new AssertionError("HA has no entity named '" + name + "'"));
      ids.add(entity.path("entity_id").asText());
    }
    String body = JSON.createObjectNode().set("entity_id", ids).toString();
    request("POST", "/api/services/homeassistant/update_entity", "application/json", body, true);
  }

  /**
   * Asks HA to poll these entities (see {@link #refresh}) until their states satisfy {@code
   * condition} or {@code timeout} passes: HA's rest coordinator debounces requested refreshes (10 s
   * cooldown), so a refresh right after another one lands later, not at once.
   *
   * @return the states by friendly name, the last ones read
   */
  Map<String, String> refreshUntil(
      List<String> friendlyNames, Predicate<Map<String, String>> condition, Duration timeout) {
    long start = System.nanoTime();
    long end = start + timeout.toNanos();
    Map<String, String> last = Map.of();
    while (true) {
      refresh(friendlyNames);
      for (int read = 0; read < 4; read++) {
        last = statesOf(friendlyNames);
        if (condition.test(last) || System.nanoTime() > end) {
          System.out.printf(
              "Home Assistant's entities after %.1f s: %s%n",
              (System.nanoTime() - start) / 1e9, last);
          return last;
        }
        Lab.sleep(Duration.ofMillis(500));
      }
    }
  }

  private Map<String, String> statesOf(List<String> friendlyNames) {
    Map<String, String> byName = new LinkedHashMap<>();
    List<JsonNode> states = states();
    for (String name : friendlyNames) {
      byName.put(
          name, named(states, name).map(s -> s.path("state").asText()).orElse("(no such entity)"));
    }
    return byName;
  }

  private JsonNode request(
      String method, String path, String contentType, String body, boolean authorized) {
    List<String> curl =
        new ArrayList<>(List.of("curl", "-s", "-m", "30", "-X", method, "-w", "\n%{http_code}"));
    if (authorized) {
      curl.addAll(List.of("-H", "@" + authHeader));
    }
    if (body != null) {
      Path bodyFile = dir.resolve("request-body");
      writePrivate(bodyFile, body);
      curl.addAll(List.of("-H", "Content-Type: " + contentType, "--data-binary", "@" + bodyFile));
    }
    curl.add(BASE + path);
    String out = lab.in("home", curl.toArray(String[]::new)).output();
    int lastNewline = out.lastIndexOf('\n');
    String code = out.substring(lastNewline + 1).trim();
    String answer = lastNewline < 0 ? "" : out.substring(0, lastNewline);
    if (!code.equals("200") && !code.equals("201")) {
      throw new AssertionError(
          "Home Assistant answered "
              + method
              + " "
              + path
              + " with "
              + code
              + ": "
              + answer
              + "\n"
              + lab.logTail("ha"));
    }
    try {
      return JSON.readTree(answer);
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " answered no JSON: " + answer, e);
    }
  }

  private static void writePrivate(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
