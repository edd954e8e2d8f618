package dev.haremote.hatests;

import static dev.haremote.hatests.Statuses.certWatch;
import static dev.haremote.hatests.Statuses.certificate;
import static dev.haremote.hatests.Statuses.ddns;
import static dev.haremote.hatests.Statuses.reachability;
import static dev.haremote.hatests.Statuses.reachabilityTarget;
import static dev.haremote.hatests.Statuses.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.haremote.common.ha.CertWatchPackage;
import dev.haremote.common.ha.DdnsPackage;
import dev.haremote.common.ha.HaPackageRenderer;
import dev.haremote.common.ha.HaRestResource;
import dev.haremote.common.ha.ReachabilityPackage;
import dev.haremote.common.net.IpFamily;
import dev.haremote.labkit.homeassistant.CheckConfigResult;
import dev.haremote.labkit.homeassistant.HaState;
import dev.haremote.labkit.homeassistant.HomeAssistantConfig;
import dev.haremote.labkit.homeassistant.HomeAssistantCore;
import dev.haremote.labkit.homeassistant.HomeAssistantInstall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three services' packages, as {@code common/ha} renders them for the services, in the real
 * Home Assistant against stand-ins that serve each state a service goes through: healthy, down
 * (connection refused), restarted (the answer before the first round), fields null (watch-only
 * records, unknown verdicts, certificates never read), a target added (the status holds one the
 * package does not know, listed first), and back to healthy. Each state lasts at least four scans
 * of every package ({@code -Dha.scans-per-state=10} for the long run; the templates give the same
 * answer on every scan of a state, so CI keeps four), and HA's log must hold no line from the rest
 * and template integrations for it.
 */
@Tag("homeassistant")
class PackagesInEveryStateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Short, so ten scans of every state take seconds: the templates do not depend on it.
  private static final int SCAN = 2;
  private static final int SCANS_PER_STATE = Integer.getInteger("ha.scans-per-state", 4);
  private static final List<ReachabilityPackage.Target> TARGETS =
      List.of(
          new ReachabilityPackage.Target("home", List.of(IpFamily.IPV4, IpFamily.IPV6)),
          new ReachabilityPackage.Target("office-1", List.of(IpFamily.IPV4)));
  private static final List<CertWatchPackage.Certificate> CERTIFICATES =
      List.of(
          new CertWatchPackage.Certificate("endpoint-home-ipv4", "Certificate home IPv4"),
          new CertWatchPackage.Certificate("endpoint-home-ipv6", "Certificate home IPv6"),
          new CertWatchPackage.Certificate("file-ha-ssl", "Certificate file ha-ssl"));
  private static final List<DdnsPackage.Record> RECORDS =
      List.of(
          new DdnsPackage.Record("home.example.org", IpFamily.IPV4),
          new DdnsPackage.Record("home.example.org", IpFamily.IPV6),
          new DdnsPackage.Record("office.example.org", IpFamily.IPV4));
  private static HomeAssistantInstall install;

  @BeforeAll
  static void findInstall() {
    install = RealHomeAssistant.install();
  }

  /** One state of the three services: their status documents, or null for "down". */
  private record State(String name, String reachability, String certWatch, String ddns) {}

  @Test
  void everyPackageIsSilentInEveryStateOfItsService(@TempDir Path dir) throws Exception {
    String token = "lab-" + System.nanoTime();
    try (StatusStandIn reach = StatusStandIn.start(token, healthy().reachability());
        StatusStandIn certs = StatusStandIn.start(token, healthy().certWatch());
        StatusStandIn dyn = StatusStandIn.start(token, healthy().ddns());
        HomeAssistantCore ha =
            start(dir, token, reach, certs, dyn, TARGETS, CERTIFICATES, RECORDS, true)) {
      Map<String, HaPackage> packages = packages(reach, certs, dyn, TARGETS, CERTIFICATES, RECORDS);
      List<State> states =
          List.of(healthy(), restarted(), fieldsNull(), targetAdded(), down(), healthy());
      Map<String, List<String>> noise = new LinkedHashMap<>();
      Map<String, List<String>> wrong = new LinkedHashMap<>();
      List<String> fetchErrorsWhileDown = List.of();
      Map<String, Integer> controlLines = new LinkedHashMap<>();
      for (State state : states) {
        List<StatusStandIn> standIns = List.of(reach, certs, dyn);
        List<String> documents =
            java.util.Arrays.asList(state.reachability(), state.certWatch(), state.ddns());
        for (int i = 0; i < 3; i++) {
          if (documents.get(i) == null) {
            standIns.get(i).down();
          } else {
            standIns.get(i).set(documents.get(i));
            standIns.get(i).up();
          }
        }
        int from = ha.log().length();
        Map<String, Integer> before = new LinkedHashMap<>();
        for (StatusStandIn s : standIns) {
          before.put(s.statusUrl(), HaLog.scans(ha.log(), s.statusUrl()));
        }
        awaitScans(ha, before, SCANS_PER_STATE + 1);
        Thread.sleep(500); // the last scan's entities are written
        String slice = ha.log().substring(from);
        List<String> all = HaLog.lines(slice, HaLog.PACKAGE_LOGGERS);
        // The control entity (the old positional style) must be heard: the filter works.
        List<String> control =
            all.stream().filter(l -> l.contains("control") || l.contains("records[0]")).toList();
        controlLines.put(state.name(), control.size());
        List<String> lines = all.stream().filter(l -> !control.contains(l)).toList();
        if (state.name().equals("down")) {
          // What no package can change: HA's rest integration itself logs each failed request.
          List<String> fetchErrors =
              lines.stream().filter(l -> l.contains("Error fetching data: http://")).toList();
          fetchErrorsWhileDown = fetchErrors;
          lines = lines.stream().filter(l -> !fetchErrors.contains(l)).toList();
        }
        noise.put(state.name(), lines);
        wrong.put(state.name(), agreement(ha, packages, state, standIns));
        System.out.printf(
            "state %s: %d log lines from rest/template, %d disagreements%n",
            state.name(), lines.size(), wrong.get(state.name()).size());
      }
      System.out.println(
          "while down, HA's own fetch errors: "
              + fetchErrorsWhileDown.size()
              + (fetchErrorsWhileDown.isEmpty() ? "" : ", e.g. " + fetchErrorsWhileDown.get(0)));
      System.out.println("lines from the old-style control entity per state: " + controlLines);
      assertThat(controlLines.get("healthy")).as("the control entity is heard").isPositive();
      assertThat(noise).allSatisfy((state, lines) -> assertThat(lines).as(state).isEmpty());
      assertThat(wrong).allSatisfy((state, lines) -> assertThat(lines).as(state).isEmpty());
    }
  }

  @Test
  void everyEntityReportsItsOwnTargetWhenTheConfigurationIsReordered(@TempDir Path dir)
      throws Exception {
    String token = "lab-" + System.nanoTime();
    // The services list targets in configuration order; the user reordered the configuration
    // after saving the packages, so the status now lists them the other way round.
    State reordered =
        new State(
            "reordered",
            reachability(
                "port_closed",
                false,
                List.of(
                    reachabilityTarget("office-1", "port_closed", false, 3.25, false),
                    reachabilityTarget("home", "ok", true, 0.5, true))),
            certWatch(
                true,
                List.of(
                    certificate("file-ha-ssl", 12.5, "2026-12-15T06:00:00Z", true),
                    certificate("endpoint-home-ipv6", 44.0, "2027-01-15T06:00:00Z", false),
                    certificate("endpoint-home-ipv4", 61.5, "2027-02-01T06:00:00Z", false))),
            ddns(
                true,
                "203.0.113.7",
                false,
                List.of(
                    record("office.example.org", "ipv4", "198.51.100.9", false, null),
                    record("home.example.org", "ipv6", "2001:db8::7", true, null),
                    record("home.example.org", "ipv4", "203.0.113.7", true, now()))));
    try (StatusStandIn reach = StatusStandIn.start(token, reordered.reachability());
        StatusStandIn certs = StatusStandIn.start(token, reordered.certWatch());
        StatusStandIn dyn = StatusStandIn.start(token, reordered.ddns());
        HomeAssistantCore ha =
            start(dir, token, reach, certs, dyn, TARGETS, CERTIFICATES, RECORDS, false)) {
      Map<String, HaPackage> packages = packages(reach, certs, dyn, TARGETS, CERTIFICATES, RECORDS);
      Map<String, Integer> before = new LinkedHashMap<>();
      for (StatusStandIn s : List.of(reach, certs, dyn)) {
        before.put(s.statusUrl(), HaLog.scans(ha.log(), s.statusUrl()));
      }
      awaitScans(ha, before, 2);
      assertThat(agreement(ha, packages, reordered, List.of(reach, certs, dyn))).isEmpty();
      // Spelled out: each entity shows its own target's values, not its old list neighbour's.
      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("sensor.ha_remote_access_home_verdict", "ok");
      expected.put("sensor.ha_remote_access_office_1_verdict", "port_closed");
      expected.put("binary_sensor.ha_remote_access_home_ipv6", "on");
      expected.put("binary_sensor.ha_remote_access_office_1_ipv4", "off");
      expected.put("sensor.ha_remote_access_office_1_response_time", "3.25");
      expected.put("sensor.certificate_home_ipv4_days_left", "61.5");
      expected.put("sensor.certificate_home_ipv6_days_left", "44.0");
      expected.put("sensor.certificate_file_ha_ssl_days_left", "12.5");
      expected.put("binary_sensor.certificate_file_ha_ssl_problem", "on");
      expected.put("sensor.ddns_home_example_org_ipv4_published", "203.0.113.7");
      expected.put("sensor.ddns_home_example_org_ipv6_published", "2001:db8::7");
      expected.put("sensor.ddns_office_example_org_ipv4_published", "198.51.100.9");
      expected.put("binary_sensor.ddns_office_example_org_ipv4_drift", "on");
      expected.put("binary_sensor.ddns_home_example_org_ipv4_drift", "off");
      expected.put("sensor.ddns_home_example_org_ipv4_last_update_result", "good");
      expected.put("sensor.ddns_home_example_org_ipv6_last_update", "unavailable");
      Map<String, String> actual = new LinkedHashMap<>();
      for (String entityId : expected.keySet()) {
        actual.put(entityId, ha.state(entityId).map(HaState::state).orElse("(no entity)"));
      }
      assertThat(actual).isEqualTo(expected);
      // One naming rule: every entity id is <domain>.<unique_id>, and the packages rendered from
      // the reordered configuration hold the same entities.
      List<HaState> states = ha.states();
      for (HaPackage pkg : packages.values()) {
        for (HaPackage.Entity entity : pkg.entities()) {
          assertThat(EntityCheck.find(states, entity).map(HaState::entityId))
              .as(entity.name())
              .contains(entity.domain() + "." + entity.uniqueId());
        }
      }
      // The shipped dashboard: every entity its cards name exists, and its markdown tables (HA
      // renders them with the same template engine as /api/template) show each target's row.
      JsonNode dashboard =
          new ObjectMapper(new YAMLFactory())
              .readTree(
                  Path.of("..", "homeassistant", "dashboards", "remote_access.yaml").toFile());
      StringBuilder rendered = new StringBuilder();
      for (JsonNode card : dashboard.path("views").get(0).path("cards")) {
        for (JsonNode row : card.path("entities")) {
          assertThat(ha.state(row.path("entity").asText())).as(row.toString()).isPresent();
        }
        if (card.path("type").asText().equals("markdown")) {
          rendered.append(ha.renderTemplate(card.path("content").asText())).append('\n');
        }
      }
      System.out.println("dashboard markdown:\n" + rendered);
      assertThat(rendered.toString())
          .contains("| home | ok | on | on | home: Nothing to do. |")
          .contains("| office-1 | port_closed | off | unknown |")
          .contains("| file ha-ssl | 12.5 | 2026-12-15T06:00:00+00:00 | renewal_overdue |")
          .contains("| home.example.org IPv4 | 203.0.113.7 | off | good |")
          .contains("| office.example.org IPv4 | 198.51.100.9 | on | none |");
      Map<String, HaPackage> fromReordered =
          packages(
              reach,
              certs,
              dyn,
              Statuses.reversed(TARGETS),
              Statuses.reversed(CERTIFICATES),
              Statuses.reversed(RECORDS));
      for (String name : packages.keySet()) {
        assertThat(fromReordered.get(name).entities())
            .as(name + " from the reordered configuration")
            .containsExactlyInAnyOrderElementsOf(packages.get(name).entities());
      }
    }
  }

  private static String now() {
    return Statuses.now();
  }

  // ---- the states

  private static State healthy() {
    return new State(
        "healthy",
        reachability(
            "port_closed",
            false,
            List.of(
                reachabilityTarget("home", "ok", true, 0.5, true),
                reachabilityTarget("office-1", "port_closed", false, 3.25, false))),
        certWatch(
            true,
            List.of(
                certificate("endpoint-home-ipv4", 61.5, "2027-02-01T06:00:00Z", false),
                certificate("endpoint-home-ipv6", 44.0, "2027-01-15T06:00:00Z", false),
                certificate("file-ha-ssl", 12.5, "2026-12-15T06:00:00Z", true))),
        ddns(
            true,
            "203.0.113.7",
            false,
            List.of(
                // watch-only: no update was ever sent
                record("home.example.org", "ipv4", "203.0.113.7", true, null),
                record("home.example.org", "ipv6", "2001:db8::7", true, null),
                record("office.example.org", "ipv4", "198.51.100.9", false, now()))));
  }

  /** The answer of a service that just started: no round finished, nothing listed yet. */
  private static State restarted() {
    return new State(
        "restarted",
        reachability(null, null, List.of()),
        certWatch(false, List.of()),
        ddns(false, null, null, List.of()));
  }

  private static State fieldsNull() {
    return new State(
        "fields null",
        reachability(
            null,
            null,
            List.of(
                reachabilityTarget("home", null, null, null, false),
                reachabilityTarget("office-1", null, null, null, false))),
        certWatch(
            true,
            List.of(
                certificate("endpoint-home-ipv4", null, null, null),
                certificate("endpoint-home-ipv6", null, null, null),
                certificate("file-ha-ssl", null, null, null))),
        ddns(
            true,
            null,
            null,
            List.of(
                record("home.example.org", "ipv4", null, null, null),
                record("home.example.org", "ipv6", null, null, null),
                record("office.example.org", "ipv4", null, null, null))));
  }

  /** A target, certificate and record the packages do not know yet, listed first. */
  private static State targetAdded() {
    State h = healthy();
    return new State(
        "target added",
        reachability(
            "port_closed",
            false,
            List.of(
                reachabilityTarget("cabin", "cgnat", false, 1.0, false),
                reachabilityTarget("home", "ok", true, 0.5, true),
                reachabilityTarget("office-1", "port_closed", false, 3.25, false))),
        certWatch(
            true,
            List.of(
                certificate("endpoint-cabin-ipv4", 5.0, "2026-12-07T06:00:00Z", true),
                certificate("endpoint-home-ipv4", 61.5, "2027-02-01T06:00:00Z", false),
                certificate("endpoint-home-ipv6", 44.0, "2027-01-15T06:00:00Z", false),
                certificate("file-ha-ssl", 12.5, "2026-12-15T06:00:00Z", true))),
        ddns(
            true,
            "203.0.113.7",
            false,
            List.of(
                record("cabin.example.org", "ipv4", "192.0.2.1", false, now()),
                record("home.example.org", "ipv4", "203.0.113.7", true, null),
                record("home.example.org", "ipv6", "2001:db8::7", true, null),
                record("office.example.org", "ipv4", "198.51.100.9", false, now()))));
  }

  private static State down() {
    return new State("down", null, null, null);
  }

  // ---- Home Assistant with the three packages

  private static Map<String, HaPackage> packages(
      StatusStandIn reach,
      StatusStandIn certs,
      StatusStandIn dyn,
      List<ReachabilityPackage.Target> targets,
      List<CertWatchPackage.Certificate> certificates,
      List<DdnsPackage.Record> records) {
    Map<String, HaPackage> out = new LinkedHashMap<>();
    yamls(reach, certs, dyn, targets, certificates, records)
        .forEach((name, yaml) -> out.put(name, HaPackage.parse(yaml)));
    return out;
  }

  private static Map<String, String> yamls(
      StatusStandIn reach,
      StatusStandIn certs,
      StatusStandIn dyn,
      List<ReachabilityPackage.Target> targets,
      List<CertWatchPackage.Certificate> certificates,
      List<DdnsPackage.Record> records) {
    String secret = HaPackageRenderer.AUTH_SECRET_NAME;
    Map<String, List<HaRestResource>> resources = new LinkedHashMap<>();
    resources.put(
        ReachabilityPackage.NAME,
        ReachabilityPackage.resources(reach.statusUrl(), SCAN, secret, targets));
    resources.put(
        CertWatchPackage.NAME,
        CertWatchPackage.resources(
            certs.statusUrl(), SCAN, secret, certificates, Duration.ofSeconds(SCAN)));
    resources.put(
        DdnsPackage.NAME,
        DdnsPackage.resources(
            dyn.statusUrl(), SCAN, secret, true, records, Duration.ofSeconds(SCAN)));
    Map<String, String> out = new LinkedHashMap<>();
    resources.forEach((name, r) -> out.put(name, HaPackageRenderer.render(name, name, r)));
    return out;
  }

  static HomeAssistantCore start(
      Path dir,
      String token,
      StatusStandIn reach,
      StatusStandIn certs,
      StatusStandIn dyn,
      List<ReachabilityPackage.Target> targets,
      List<CertWatchPackage.Certificate> certificates,
      List<DdnsPackage.Record> records,
      boolean control)
      throws Exception {
    HomeAssistantConfig config =
        HomeAssistantConfig.plain()
            .withSecret(HaPackageRenderer.AUTH_SECRET_NAME, "Bearer " + token);
    for (Map.Entry<String, String> p :
        yamls(reach, certs, dyn, targets, certificates, records).entrySet()) {
      config = config.withPackage(p.getKey(), p.getValue());
    }
    if (control) {
      config = config.withPackage("control", controlPackage(dyn.statusUrl() + "?control"));
    }
    Path check = dir.resolve("check");
    config.writeTo(check, 8123);
    CheckConfigResult result = HomeAssistantCore.checkConfig(install, check);
    assertThat(result.passed()).as(result.output()).isTrue();
    HomeAssistantCore ha = HomeAssistantCore.start(install, config, dir.resolve("ha"));
    ha.onboard();
    return ha;
  }

  /**
   * A control: one entity written the way the packages were before (a record by position, its last
   * update read without a guard), on a resource of its own, so the test shows that the log filter
   * hears what the issue reported.
   */
  private static String controlPackage(String url) {
    return """
        rest:
          - resource: "%s"
            scan_interval: %d
            headers:
              Authorization: !secret remote_access_auth
            sensor:
              - name: "Control last update"
                unique_id: control_last_update
                value_template: "{{ value_json.records[0].last_update.at }}"
                device_class: timestamp
                availability: "{{ value_json.records[0].last_update is not none }}"
        """
        .formatted(url, SCAN);
  }

  private static void awaitScans(HomeAssistantCore ha, Map<String, Integer> before, int scans)
      throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds((long) scans * SCAN + 30).toNanos();
    while (System.nanoTime() < end) {
      String log = ha.log();
      if (before.entrySet().stream()
          .allMatch(e -> HaLog.scans(log, e.getKey()) - e.getValue() >= scans)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("HA did not scan every package " + scans + " times");
  }

  /**
   * What differs between HA's entities and the state: for a served status, HA's entities must be
   * what their templates give over it (rendered by HA itself); while down, every one unavailable.
   */
  private static List<String> agreement(
      HomeAssistantCore ha,
      Map<String, HaPackage> packages,
      State state,
      List<StatusStandIn> standIns)
      throws Exception {
    List<String> documents =
        java.util.Arrays.asList(state.reachability(), state.certWatch(), state.ddns());
    List<HaPackage> pkgs = new ArrayList<>(packages.values());
    List<HaState> states = ha.states();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      if (documents.get(i) == null) {
        for (HaPackage.Entity entity : pkgs.get(i).entities()) {
          Optional<HaState> s = EntityCheck.find(states, entity);
          if (s.isEmpty() || !s.get().state().equals("unavailable")) {
            problems.add(entity.name() + " is " + s.map(HaState::state).orElse("missing"));
          }
        }
      } else {
        problems.addAll(
            EntityCheck.differences(
                ha, pkgs.get(i).entities(), states, JSON.readTree(documents.get(i))));
      }
    }
    return problems;
  }
}
