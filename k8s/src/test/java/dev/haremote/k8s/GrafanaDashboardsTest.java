package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The structure of every dashboard in grafana/dashboards. */
class GrafanaDashboardsTest {
  /** The metric names docs/api.md fixes ("Metrics (at least)" of each service). */
  static final Set<String> CONTRACT_METRICS =
      Set.of(
          "reachability_probe_success",
          "reachability_probe_duration_seconds",
          "reachability_target_reachable",
          "reachability_verdict_info",
          "certwatch_certificate_not_after_timestamp_seconds",
          "certwatch_certificate_not_before_timestamp_seconds",
          "certwatch_renewal_due_timestamp_seconds",
          "certwatch_certificate_valid",
          "certwatch_served_matches_file",
          "certwatch_check_errors_total",
          "ddns_record_in_sync",
          "ddns_drift_since_timestamp_seconds",
          "ddns_public_address_changes_total",
          "ddns_updates_total",
          "ddns_source_agreement",
          "ddns_cgnat");

  /** Series the services add beyond the contract (each service's README lists them). */
  private static final Set<String> EXTENSION_METRICS =
      Set.of(
          "reachability_last_check_timestamp_seconds",
          "certwatch_last_check_timestamp_seconds",
          "ddns_last_check_timestamp_seconds");

  /** The services' own metrics besides the contract: Micrometer's JVM, process and HTTP meters. */
  private static final List<String> OWN_METRIC_PREFIXES =
      List.of("jvm_", "process_", "system_", "http_server_requests_");

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> dashboardFiles() throws IOException {
    try (Stream<Path> files = Files.list(ProjectPaths.dashboards())) {
      List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertThat(list).hasSizeGreaterThanOrEqualTo(4);
      return list.stream();
    }
  }

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every panel, rows' nested panels included. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    Consumer<JsonNode>[] walk = new Consumer[1];
    walk[0] =
        p -> {
          out.add(p);
          p.path("panels").forEach(walk[0]);
        };
    dashboard.path("panels").forEach(walk[0]);
    return out;
  }

  /** Every query: panel targets and query variables, keyed "dashboard / panel / refId". */
  static Map<String, String> queries(Path file) {
    JsonNode dashboard = read(file);
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode panel : panels(dashboard)) {
      for (JsonNode target : panel.path("targets")) {
        out.put(
            file.getFileName()
                + " / "
                + panel.path("title").asText()
                + " / "
                + target.path("refId").asText(),
            target.path("expr").asText());
      }
    }
    for (JsonNode variable : dashboard.at("/templating/list")) {
      if (variable.path("type").asText().equals("query")) {
        out.put(
            file.getFileName() + " / $" + variable.path("name").asText(),
            variable.at("/query/query").asText());
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("dashboardFiles")
  void datasourceVariableIsUsedEverywhereAndNoImportPlaceholdersRemain(Path file)
      throws IOException {
    String text = Files.readString(file);
    assertThat(text)
        .doesNotContain("__inputs")
        .doesNotContain("DS_PROMETHEUS")
        .doesNotContain("__requires");
    JsonNode dashboard = read(file);

    List<JsonNode> datasourceVars = new ArrayList<>();
    dashboard
        .at("/templating/list")
        .forEach(
            v -> {
              if (v.path("name").asText().equals("datasource")) datasourceVars.add(v);
            });
    assertThat(datasourceVars).hasSize(1);
    assertThat(datasourceVars.get(0).path("type").asText()).isEqualTo("datasource");
    assertThat(datasourceVars.get(0).path("query").asText()).isEqualTo("prometheus");

    for (JsonNode variable : dashboard.at("/templating/list")) {
      if (variable.path("type").asText().equals("query")) {
        assertThat(variable.at("/datasource/uid").asText()).isEqualTo("${datasource}");
      }
    }
    List<JsonNode> panels = panels(dashboard);
    Set<Integer> ids = new HashSet<>();
    int queried = 0;
    for (JsonNode panel : panels) {
      String title = panel.path("title").asText();
      assertThat(ids.add(panel.path("id").asInt())).as("unique panel id " + title).isTrue();
      assertThat(panel.at("/gridPos/x").asInt() + panel.at("/gridPos/w").asInt())
          .as(title)
          .isLessThanOrEqualTo(24);
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(title).isNotBlank();
      assertThat(panel.path("description").asText()).as("description of " + title).isNotBlank();
      assertThat(panel.at("/datasource/uid").asText()).as(title).isEqualTo("${datasource}");
      assertThat(panel.path("targets").size()).as("targets of " + title).isPositive();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.at("/datasource/uid").asText()).as(title).isEqualTo("${datasource}");
        assertThat(target.path("expr").asText()).as(title).isNotBlank();
        queried++;
      }
    }
    assertThat(queried).isPositive();
  }

  @ParameterizedTest
  @MethodSource("dashboardFiles")
  void everyQueryReadsOnlyContractOrOwnServiceMetrics(Path file) {
    Map<String, String> queries = queries(file);
    assertThat(queries).isNotEmpty();
    queries.forEach(
        (where, expr) -> {
          Set<String> names =
              new TreeSet<>(
                  PromqlMetricNames.of(expr.replaceAll("^label_values\\((.*),\\s*\\w+\\)$", "$1")));
          // a selector by name alternatives (the overview's job list spans the three services)
          var byName = Pattern.compile("__name__=~\"([a-z_|]+)\"").matcher(expr);
          while (byName.find()) {
            names.addAll(List.of(byName.group(1).split("\\|")));
          }
          assertThat(names).as(where + ": " + expr).isNotEmpty();
          for (String name : names) {
            assertThat(
                    CONTRACT_METRICS.contains(name)
                        || EXTENSION_METRICS.contains(name)
                        || ownMetric(name))
                .as(where + " reads " + name)
                .isTrue();
          }
        });
  }

  /**
   * Grafana's dashboard-linter rules the issue asks for: {@code job} and {@code instance} query
   * variables (multi-value, "All" = any), both matched by every metric selector of every query, a
   * unit on every panel, and the dashboard read-only (provisioned copies are overwritten anyway).
   */
  @ParameterizedTest
  @MethodSource("dashboardFiles")
  void jobAndInstanceSelectEveryQueryEveryPanelHasAUnitAndNoneIsEditable(Path file) {
    JsonNode dashboard = read(file);
    assertThat(dashboard.path("editable").isBoolean()).as("editable").isTrue();
    assertThat(dashboard.path("editable").asBoolean()).as("editable").isFalse();
    Map<String, JsonNode> variables = new LinkedHashMap<>();
    dashboard.at("/templating/list").forEach(v -> variables.put(v.path("name").asText(), v));
    for (String name : List.of("job", "instance")) {
      JsonNode variable = variables.get(name);
      assertThat(variable).as("$" + name + " variable").isNotNull();
      assertThat(variable.path("type").asText()).isEqualTo("query");
      assertThat(variable.path("includeAll").asBoolean()).isTrue();
      assertThat(variable.path("allValue").asText()).isEqualTo(".*");
      assertThat(variable.at("/query/query").asText())
          .startsWith("label_values(")
          .endsWith(", " + name + ")");
    }
    assertThat(variables.get("instance").at("/query/query").asText()).contains("job=~\"$job\"");
    Map<String, String> unmatched = new LinkedHashMap<>();
    queries(file)
        .forEach(
            (where, expr) -> {
              if (where.endsWith("$job") || where.endsWith("$instance")) {
                return; // the variables that list jobs and instances cannot match themselves
              }
              // label_values(selector, label): the label is no metric
              String selector = expr.replaceFirst("^label_values\\((.*),\\s*\\w+\\)$", "$1");
              for (String metric : PromqlMetricNames.of(selector)) {
                Pattern bare =
                    Pattern.compile(
                        "(?<![A-Za-z0-9_:])"
                            + Pattern.quote(metric)
                            + "(?![A-Za-z0-9_:])(?!\\{job=~\"\\$job\",instance=~\"\\$instance\")");
                if (bare.matcher(selector).find()) {
                  unmatched.put(where, expr);
                }
              }
              if (PromqlMetricNames.of(expr).isEmpty()) {
                // a selector by __name__ only (the overview's instance list)
                assertThat(expr).as(where).contains("job=~\"$job\"");
              }
            });
    assertThat(unmatched).as("selectors without job/instance matchers").isEmpty();
    for (JsonNode panel : panels(dashboard)) {
      if (!panel.path("type").asText().equals("row")) {
        assertThat(panel.at("/fieldConfig/defaults/unit").asText())
            .as("unit of " + panel.path("title").asText())
            .isNotBlank();
      }
    }
  }

  /** The rule above can fail: a selector without the matchers is found. */
  @Test
  void aSelectorWithoutJobOrInstanceIsCaught() {
    String expr = "sum(ddns_cgnat{job=~\"$job\",instance=~\"$instance\"}) + ddns_record_in_sync";
    Pattern bare =
        Pattern.compile(
            "(?<![A-Za-z0-9_:])ddns_record_in_sync(?![A-Za-z0-9_:])(?!\\{job=~\"\\$job\",instance=~\"\\$instance\")");
    assertThat(bare.matcher(expr).find()).isTrue();
    assertThat(bare.matcher(expr.replace("+ ddns_record_in_sync", "")).find()).isFalse();
  }

  @Test
  void uidsAndTitlesAreStableAndUnique() throws IOException {
    Map<String, String> uids = new LinkedHashMap<>();
    Set<String> titles = new HashSet<>();
    for (Path file : dashboardFiles().toList()) {
      JsonNode dashboard = read(file);
      String uid = dashboard.path("uid").asText();
      assertThat(uid).as(file.toString()).matches("har-[a-z0-9-]{1,36}");
      assertThat(uids.put(uid, file.toString())).as("uid " + uid + " used twice").isNull();
      assertThat(titles.add(dashboard.path("title").asText())).isTrue();
      assertThat(dashboard.path("id").isMissingNode() || dashboard.path("id").isNull())
          .as("no instance id")
          .isTrue();
    }
    assertThat(uids).containsKeys("har-overview", "har-reachability", "har-certwatch", "har-ddns");
  }

  @Test
  void theDashboardsAnswerWhatTheIssueAsks() {
    String overview =
        String.join("\n", queries(ProjectPaths.dashboards().resolve("overview.json")).values());
    assertThat(overview)
        .contains("reachability_verdict_info")
        .contains("reachability_target_reachable")
        .contains("ddns_record_in_sync")
        .contains("ddns_cgnat")
        .contains("certwatch_certificate_valid");
    String certs =
        String.join("\n", queries(ProjectPaths.dashboards().resolve("certwatch.json")).values());
    assertThat(certs)
        .contains("certwatch_certificate_not_after_timestamp_seconds")
        .contains("certwatch_renewal_due_timestamp_seconds");
    String ddns =
        String.join("\n", queries(ProjectPaths.dashboards().resolve("ddns.json")).values());
    assertThat(ddns)
        .contains("ddns_drift_since_timestamp_seconds")
        .contains("ddns_public_address_changes_total");
    String reach =
        String.join("\n", queries(ProjectPaths.dashboards().resolve("reachability.json")).values());
    assertThat(reach)
        .contains("reachability_probe_duration_seconds")
        .contains("reachability_probe_success")
        .contains("ip_protocol=~\"$family\"");
    // Latency per stage: one panel per IP family (repeated over the family variable).
    assertThat(panels(read(ProjectPaths.dashboards().resolve("reachability.json"))))
        .anyMatch(
            p ->
                p.path("repeat").asText().equals("family")
                    && p.toString().contains("reachability_probe_duration_seconds"));
  }

  @Test
  void theMetricNameLexerFindsNamesAndIgnoresEverythingElse() {
    assertThat(
            PromqlMetricNames.of(
                "(reachability_target_reachable == 0) * on (target) group_left (verdict) (reachability_verdict_info{verdict!=\"ok\"} == 1)"))
        .containsExactlyInAnyOrder("reachability_target_reachable", "reachability_verdict_info");
    assertThat(
            PromqlMetricNames.of(
                "sum by (family) (increase(ddns_public_address_changes_total{name=~\"$name\"}[$__range])) or vector(0)"))
        .containsExactly("ddns_public_address_changes_total");
    assertThat(
            PromqlMetricNames.of(
                "(min(certwatch_certificate_not_after_timestamp_seconds) - time()) / 86400 offset 5m"))
        .containsExactly("certwatch_certificate_not_after_timestamp_seconds");
    assertThat(PromqlMetricNames.of("rate(probe_success_typo[5m]) > bool 0"))
        .containsExactly("probe_success_typo");
  }

  @Test
  void theContractListMatchesDocsApiMd() throws IOException {
    String text = Files.readString(ProjectPaths.repoRoot().resolve("docs/api.md"));
    Set<String> named = new TreeSet<>();
    var m =
        java.util.regex.Pattern.compile("`((?:reachability|certwatch|ddns)_[a-z_]+)(?:\\{[^`]*})?`")
            .matcher(text);
    while (m.find()) {
      named.add(m.group(1));
    }
    assertThat(named).containsAll(CONTRACT_METRICS);
  }

  private static boolean ownMetric(String name) {
    return name.equals("up") || OWN_METRIC_PREFIXES.stream().anyMatch(name::startsWith);
  }
}
