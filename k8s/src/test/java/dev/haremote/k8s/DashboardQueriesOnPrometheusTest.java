package dev.haremote.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard query and every alert rule evaluates on a real Prometheus against series shaped
 * as docs/api.md says (one endpoint serving a sample of each contract metric). This catches PromQL
 * errors and label mistakes without the services; PrometheusScrapeTest does the same against the
 * real services on the demo home.
 */
class DashboardQueriesOnPrometheusTest {
  @TempDir Path tmp;

  /**
   * Contract metrics with the contract's labels, plus the last-check times; the counters grow on
   * every scrape.
   */
  static String exposition(int scrape) {
    double now = System.currentTimeMillis() / 1000.0;
    StringBuilder s = new StringBuilder();
    for (String family : List.of("ipv4", "ipv6")) {
      for (String stage : List.of("dns", "tcp", "tls", "http", "websocket")) {
        s.append(
            "reachability_probe_success{target=\"home\",ip_protocol=\"%s\",stage=\"%s\"} 1\n"
                .formatted(family, stage));
        s.append(
            "reachability_probe_duration_seconds{target=\"home\",ip_protocol=\"%s\",stage=\"%s\"} 0.05\n"
                .formatted(family, stage));
      }
    }
    s.append("reachability_target_reachable{target=\"home\"} 1\n");
    s.append("reachability_verdict_info{target=\"home\",verdict=\"ok\"} 1\n");
    s.append("reachability_verdict_info{target=\"home\",verdict=\"port_closed\"} 0\n");
    for (String source : List.of("endpoint", "file")) {
      s.append(
          "certwatch_certificate_not_after_timestamp_seconds{id=\"home\",source=\"%s\"} %f\n"
              .formatted(source, now + 3 * 86400));
      s.append(
          "certwatch_certificate_not_before_timestamp_seconds{id=\"home\",source=\"%s\"} %f\n"
              .formatted(source, now - 3 * 86400));
      s.append(
          "certwatch_renewal_due_timestamp_seconds{id=\"home\",source=\"%s\"} %f\n"
              .formatted(source, now - 86400));
      s.append("certwatch_certificate_valid{id=\"home\",source=\"%s\"} 1\n".formatted(source));
    }
    s.append("certwatch_served_matches_file{id=\"home\"} 1\n");
    s.append("certwatch_check_errors_total{id=\"home\",reason=\"timeout\"} %d\n".formatted(scrape));
    for (String family : List.of("ipv4", "ipv6")) {
      s.append("ddns_record_in_sync{name=\"demo.example\",family=\"%s\"} 0\n".formatted(family));
      s.append(
          "ddns_drift_since_timestamp_seconds{name=\"demo.example\",family=\"%s\"} %f\n"
              .formatted(family, now - 600));
      s.append(
          "ddns_public_address_changes_total{family=\"%s\"} %d\n".formatted(family, scrape / 3));
      s.append("ddns_source_agreement{family=\"%s\"} 1\n".formatted(family));
    }
    s.append(
        "ddns_updates_total{name=\"demo.example\",provider=\"duckdns\",result=\"success\"} %d\n"
            .formatted(scrape));
    s.append("ddns_cgnat 0\n");
    // The services' last-check times (beyond the contract, each README lists them): just now.
    s.append("reachability_last_check_timestamp_seconds{target=\"home\"} %f\n".formatted(now));
    s.append("certwatch_last_check_timestamp_seconds %f\n".formatted(now));
    s.append("ddns_last_check_timestamp_seconds %f\n".formatted(now));
    return s.toString();
  }

  @Test
  void everyPanelQueryAndEveryRuleEvaluatesOnContractShapedSeries() throws Exception {
    Path prometheus = DebianTool.require("prometheus", "prometheus");
    AtomicInteger scrapes = new AtomicInteger();
    HttpServer exporter =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    exporter.createContext(
        "/q/metrics",
        exchange -> {
          byte[] body = exposition(scrapes.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    exporter.start();
    try (PrometheusServer server =
        PrometheusServer.start(
            prometheus,
            tmp,
            Map.of("contract", "127.0.0.1:" + exporter.getAddress().getPort()),
            List.of(ProjectPaths.alerts().resolve("ha-remote-access.rules.yaml")))) {
      server.awaitQuery(
          "count_over_time(up{job=\"contract\"}[1m]) >= 4",
          r -> r.size() == 1,
          Duration.ofSeconds(60));

      List<String> empty = new ArrayList<>();
      Map<String, String> queries = DashboardQueries.all();
      assertThat(queries).hasSizeGreaterThan(20);
      queries.forEach(
          (where, expr) -> {
            JsonNode result = server.query(expr);
            if (result.size() == 0) {
              empty.add(where + ": " + expr);
            }
          });
      assertThat(empty).as("panel queries without a series").isEmpty();

      // Every rule loaded and evaluated without error; the drift in the sample fires its alert.
      JsonNode groups =
          server.awaitQuery(
              "ALERTS{alertname=\"DdnsRecordDrift\"}", r -> r.size() > 0, Duration.ofSeconds(30));
      assertThat(groups).isNotEmpty();
      JsonNode rules = server.api("/api/v1/rules").path("groups");
      int count = 0;
      for (JsonNode group : rules) {
        for (JsonNode rule : group.path("rules")) {
          assertThat(rule.path("health").asText())
              .as(rule.path("name").asText() + ": " + rule.path("lastError").asText())
              .isEqualTo("ok");
          count++;
        }
      }
      assertThat(count).isEqualTo(AlertRulesTest.alerts().size());
    } finally {
      exporter.stop(0);
    }
  }

  @Test
  void aQueryForAMetricNobodyExportsIsCaught() throws Exception {
    Path prometheus = DebianTool.require("prometheus", "prometheus");
    HttpServer exporter =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    exporter.createContext(
        "/q/metrics",
        exchange -> {
          byte[] body = exposition(1).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    exporter.start();
    try (PrometheusServer server =
        PrometheusServer.start(
            prometheus,
            tmp,
            Map.of("contract", "127.0.0.1:" + exporter.getAddress().getPort()),
            List.of())) {
      server.awaitQuery("up{job=\"contract\"} == 1", r -> r.size() == 1, Duration.ofSeconds(60));
      assertThat(
              server.query(
                  DashboardQueries.runnable("reachability_probe_sucess{target=~\"$target\"}")))
          .isEmpty();
      assertThat(
              server.query(
                  DashboardQueries.runnable("reachability_probe_success{target=~\"$target\"}")))
          .isNotEmpty();
    } finally {
      exporter.stop(0);
    }
  }
}
