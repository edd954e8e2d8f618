package dev.haremote.hatests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.ha.ChecksStalledEntity;
import dev.haremote.common.ha.HaEntity;
import dev.haremote.labkit.homeassistant.CheckConfigResult;
import dev.haremote.labkit.homeassistant.HaState;
import dev.haremote.labkit.homeassistant.HomeAssistantConfig;
import dev.haremote.labkit.homeassistant.HomeAssistantCore;
import dev.haremote.labkit.homeassistant.HomeAssistantInstall;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Home Assistant consuming a {@code rest:} package in the shape PEERS.md prescribes (one
 * request per scan feeding sensors and binary sensors, token from secrets.yaml, timestamp and
 * duration device classes), from a stand-in status endpoint. Proves the consumer harness that the
 * services test uses on the real services, and HA's behaviour on a wrong token.
 */
@Tag("homeassistant")
class RestPackageConsumerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SCAN_INTERVAL = 5;
  // What every service's package carries, with its real template: stalled after 15 minutes.
  private static final HaEntity STALLED =
      ChecksStalledEntity.of("Lab checks stalled", Duration.ofMinutes(1));
  private static HomeAssistantInstall install;

  @BeforeAll
  static void findInstall() {
    install = RealHomeAssistant.install();
  }

  @Test
  void entitiesMirrorTheStatusAndFollowAChangeWithinOneScanInterval(@TempDir Path dir)
      throws Exception {
    String token = "lab-token-" + System.nanoTime();
    try (StatusStandIn service =
        StatusStandIn.start(token, status(10, true, "2026-11-25T06:00:00Z"))) {
      String packageYaml = packageYaml(service.statusUrl());
      HomeAssistantConfig config =
          HomeAssistantConfig.plain()
              .withPackage("remote_access", packageYaml)
              .withSecret("remote_access_auth", "Bearer " + token)
              .withSecret("wrong_auth", "Bearer not-the-token");

      Path configDir = dir.resolve("config");
      config.writeTo(configDir, 8123);
      CheckConfigResult check = HomeAssistantCore.checkConfig(install, configDir);
      assertThat(check.passed()).as(check.output()).isTrue();

      try (HomeAssistantCore ha = HomeAssistantCore.start(install, config, dir.resolve("run"))) {
        ha.onboard();
        HaPackage pkg = HaPackage.parse(packageYaml);
        List<HaPackage.Entity> good =
            pkg.entities().stream().filter(e -> !e.name().startsWith("Wrong token")).toList();

        awaitAllWithValues(ha, good, Duration.ofSeconds(SCAN_INTERVAL + 30));
        assertThat(differences(ha, good, JSON.readTree(service.get()))).isEmpty();

        // Something changes at the service: HA must follow within one scan interval.
        service.set(status(3, false, "2026-11-25T06:10:00Z"));
        long changedAt = System.nanoTime();
        Optional<HaState> days =
            ha.awaitState(
                "sensor.lab_certificate_days_left",
                s -> s.state().equals("3"),
                Duration.ofSeconds(SCAN_INTERVAL + 3));
        Duration followedAfter = Duration.ofNanos(System.nanoTime() - changedAt);
        System.out.println("HA followed the change after " + followedAfter.toMillis() + " ms");
        assertThat(days).get().extracting(HaState::state).isEqualTo("3");
        assertThat(differences(ha, good, JSON.readTree(service.get()))).isEmpty();
        assertThat(ha.state("binary_sensor.lab_certificate_problem"))
            .get()
            .extracting(HaState::state)
            .isEqualTo("on");

        // The status is days old (a service whose rounds stopped): the stall sensor is on. A
        // fresh round turns it off.
        assertThat(ha.state("binary_sensor.lab_checks_stalled"))
            .get()
            .extracting(HaState::state)
            .isEqualTo("on");
        service.set(status(3, false, Instant.now().toString()));
        assertThat(
                ha.awaitState(
                    "binary_sensor.lab_checks_stalled",
                    s -> s.state().equals("off"),
                    Duration.ofSeconds(SCAN_INTERVAL + 3)))
            .get()
            .extracting(HaState::state)
            .isEqualTo("off");
        assertThat(differences(ha, good, JSON.readTree(service.get()))).isEmpty();

        // A wrong token in secrets.yaml: HA's rest integration ignores the 401 status and renders
        // the error body, so the entity's state is an empty string, not "unavailable". Only an
        // availability template that looks for a field of a real status turns it unavailable.
        List<HaState> states = ha.states();
        HaState unguarded =
            EntityCheck.find(states, entityNamed(pkg, "Wrong token days left")).orElseThrow();
        HaState guarded =
            EntityCheck.find(states, entityNamed(pkg, "Wrong token days left guarded"))
                .orElseThrow();
        System.out.printf(
            "wrong token: %s = '%s', %s = '%s'%n",
            unguarded.entityId(), unguarded.state(), guarded.entityId(), guarded.state());
        assertThat(unguarded.state()).isEmpty();
        assertThat(guarded.state()).isEqualTo("unavailable");
      }
    }
  }

  private static HaPackage.Entity entityNamed(HaPackage pkg, String name) {
    return pkg.entities().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  private static void awaitAllWithValues(
      HomeAssistantCore ha, List<HaPackage.Entity> entities, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    List<String> missing;
    do {
      List<HaState> states = ha.states();
      missing = new ArrayList<>();
      for (HaPackage.Entity entity : entities) {
        Optional<HaState> state = EntityCheck.find(states, entity);
        if (state.isEmpty() || !state.get().hasValue()) {
          missing.add(entity.name() + state.map(s -> " = " + s.state()).orElse(" (no entity)"));
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < end);
    throw new AssertionError(
        "entities without a value after " + timeout + ": " + missing + "\n" + ha.errorLines(20));
  }

  static List<String> differences(
      HomeAssistantCore ha, List<HaPackage.Entity> entities, JsonNode status) {
    return EntityCheck.differences(ha, entities, ha.states(), status);
  }

  private static String status(int daysLeft, boolean ok, String checkedAt) {
    return """
        {"checked_at":"%3$s","ok":%2$s,"min_days_left":%1$d,
         "certificates":[{"id":"home","source":"endpoint","subject":"CN=my-home.duckdns.org",
           "sans":["my-home.duckdns.org"],"not_after":"2026-12-05T06:00:00Z","days_left":%1$d,
           "served_matches_file":null,"error":null}]}
        """
        .formatted(daysLeft, ok, checkedAt);
  }

  private static String packageYaml(String url) {
    return """
        # written by hand in the shape PEERS.md asks of /api/v1/ha/package
        rest:
          - resource: "%1$s"
            scan_interval: %2$d
            timeout: 10
            headers:
              Authorization: !secret remote_access_auth
            sensor:
              - name: "Lab certificate days left"
                unique_id: lab_certificate_days_left
                value_template: "{{ value_json.min_days_left }}"
                unit_of_measurement: d
                device_class: duration
                state_class: measurement
              - name: "Lab certificates checked at"
                unique_id: lab_certificates_checked_at
                value_template: "{{ value_json.checked_at }}"
                device_class: timestamp
              - name: "Lab certificate home"
                unique_id: lab_certificate_home
                value_template: "{{ value_json.certificates[0].days_left }}"
                json_attributes_path: "$.certificates[?(@.id == 'home')]"
                json_attributes: [subject, sans, not_after, served_matches_file, error]
            binary_sensor:
              - name: "Lab certificate problem"
                unique_id: lab_certificate_problem
                value_template: "{{ not value_json.ok }}"
                device_class: problem
              - name: "Lab checks stalled"
                unique_id: lab_checks_stalled
                value_template: "%3$s"
                device_class: problem
          - resource: "%1$s"
            scan_interval: %2$d
            headers:
              Authorization: !secret wrong_auth
            sensor:
              - name: "Wrong token days left"
                unique_id: lab_wrong_token_days_left
                value_template: "{{ value_json.min_days_left }}"
              - name: "Wrong token days left guarded"
                unique_id: lab_wrong_token_days_left_guarded
                value_template: "{{ value_json.min_days_left }}"
                availability: "{{ value_json is defined and value_json.checked_at is defined }}"
        """
        .formatted(url, SCAN_INTERVAL, STALLED.valueTemplate());
  }
}
