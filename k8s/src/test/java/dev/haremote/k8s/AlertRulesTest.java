package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules: promtool accepts them, their unit tests pass, and they follow the conventions.
 */
class AlertRulesTest {
  private static final Path RULES = ProjectPaths.alerts().resolve("ha-remote-access.rules.yaml");

  @TempDir Path tmp;

  @Test
  void promtoolChecksTheRules() {
    Path promtool = DebianTool.require("promtool", "prometheus");
    var result =
        DebianTool.run(
            ProjectPaths.alerts(), 60, promtool.toString(), "check", "rules", RULES.toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: " + alerts().size() + " rules found");
  }

  @Test
  void promtoolUnitTestsPass() throws IOException {
    Path promtool = DebianTool.require("promtool", "prometheus");
    List<String> command = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
    try (Stream<Path> tests = Files.list(ProjectPaths.alerts().resolve("tests"))) {
      tests
          .filter(p -> p.toString().endsWith(".yaml"))
          .sorted()
          .forEach(p -> command.add(p.toString()));
    }
    assertThat(command).hasSizeGreaterThan(3);
    var result =
        DebianTool.run(ProjectPaths.alerts().resolve("tests"), 120, command.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
  }

  @Test
  void promtoolUnitTestsCanFail() throws IOException {
    Path promtool = DebianTool.require("promtool", "prometheus");
    // The same test file against rules whose drift alert waits far longer: the test must notice.
    Files.writeString(
        tmp.resolve("ha-remote-access.rules.yaml"),
        Files.readString(RULES).replace("for: 5m", "for: 50m"));
    Path tests = Files.createDirectories(tmp.resolve("tests"));
    Path test = tests.resolve("t.yaml");
    Files.copy(ProjectPaths.alerts().resolve("tests/ha-remote-access.test.yaml"), test);
    var result = DebianTool.run(tests, 120, promtool.toString(), "test", "rules", test.toString());
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("FAILED").contains("DdnsRecordDrift");
  }

  @Test
  void everyAlertFollowsTheConventions() {
    List<JsonNode> alerts = alerts();
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(6);
    for (JsonNode rule : alerts) {
      String name = rule.path("alert").asText();
      assertThat(name).as("CamelCase").matches("([A-Z][a-z0-9]*)+");
      assertThat(rule.path("for").asText()).as(name + " for").matches("[0-9]+[smh]");
      assertThat(rule.at("/labels/severity").asText())
          .as(name + " severity")
          .isIn("critical", "warning", "info");
      assertThat(rule.at("/annotations/summary").asText()).as(name + " summary").isNotBlank();
      assertThat(rule.at("/annotations/description").asText())
          .as(name + " description")
          .isNotBlank();
    }
  }

  /** Each alert's runbook_url ends on a heading of docs/runbooks.md named after the alert. */
  @Test
  void everyAlertLinksItsRunbookSection() throws IOException {
    String prefix =
        "https://github.com/ha-remote-access/ha-remote-access/blob/main/docs/runbooks.md#";
    Set<String> anchors = new TreeSet<>();
    for (String line : Files.readAllLines(ProjectPaths.repoRoot().resolve("docs/runbooks.md"))) {
      if (line.startsWith("## ")) {
        anchors.add(line.substring(3).strip().toLowerCase(java.util.Locale.ROOT));
      }
    }
    List<JsonNode> alerts = alerts();
    for (JsonNode rule : alerts) {
      String name = rule.path("alert").asText();
      String url = rule.at("/annotations/runbook_url").asText();
      assertThat(url)
          .as(name + " runbook_url")
          .isEqualTo(prefix + name.toLowerCase(java.util.Locale.ROOT));
      assertThat(anchors).as("docs/runbooks.md sections").contains(url.substring(prefix.length()));
    }
    assertThat(anchors).hasSize(alerts.size());
  }

  @Test
  void theIssuesAlertsAreAllThere() {
    Set<String> names = new TreeSet<>();
    alerts().forEach(a -> names.add(a.path("alert").asText()));
    assertThat(names)
        .contains(
            "DdnsRecordDrift",
            "CertificateRenewalOverdue",
            "CertificateServedDiffersFromFile",
            "HomeAssistantUnreachable",
            "DdnsCgnatDetected",
            "DdnsPublicAddressChanged");
    JsonNode unreachable =
        alerts().stream()
            .filter(a -> a.path("alert").asText().equals("HomeAssistantUnreachable"))
            .findFirst()
            .orElseThrow();
    assertThat(unreachable.path("expr").asText())
        .contains("reachability_verdict_info")
        .contains("group_left (verdict)");
    assertThat(unreachable.at("/annotations/summary").asText()).contains("$labels.verdict");
  }

  static List<JsonNode> alerts() {
    try {
      JsonNode file = ChartRenderer.parseYaml(Files.readString(RULES));
      List<JsonNode> out = new ArrayList<>();
      file.path("groups")
          .forEach(
              g ->
                  g.path("rules")
                      .forEach(
                          r -> {
                            if (r.has("alert")) out.add(r);
                          }));
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
