package dev.haremote.hatests;

import static dev.haremote.hatests.Statuses.reachability;
import static dev.haremote.hatests.Statuses.reachabilityTarget;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.haremote.common.ha.HaBlueprint;
import dev.haremote.common.ha.HaPackageRenderer;
import dev.haremote.common.ha.ReachabilityPackage;
import dev.haremote.common.net.IpFamily;
import dev.haremote.labkit.homeassistant.HaState;
import dev.haremote.labkit.homeassistant.HomeAssistantConfig;
import dev.haremote.labkit.homeassistant.HomeAssistantCore;
import dev.haremote.labkit.homeassistant.HomeAssistantInstall;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped blueprint in the real Home Assistant: an automation made from it, fed by the
 * reachability package over a stand-in status, notifies a real notify service (HA's {@code rest}
 * notify platform, posting to a receiver in this test as a phone's push service would receive it)
 * once per verdict change, with the reason and the advice; not again while the verdict stays, not
 * after the service was down and came back with the same verdict; and once when it recovers.
 */
@Tag("homeassistant")
class BlueprintNotificationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SCAN = 2;

  @Test
  void notifiesOncePerVerdictChangeWithReasonAndAdvice(@TempDir Path dir) throws Exception {
    HomeAssistantInstall install = RealHomeAssistant.install();
    // The repository's copy is the one the service serves.
    assertThat(Path.of("..", "homeassistant", "blueprints", "automation", HaBlueprint.PATH))
        .hasContent(HaBlueprint.verdictNotify());
    String token = "lab-" + System.nanoTime();
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    HttpServer phone = receiver(received);
    try (StatusStandIn reach = StatusStandIn.start(token, status("ok"))) {
      String pkg =
          HaPackageRenderer.render(
              ReachabilityPackage.NAME,
              "test",
              ReachabilityPackage.resources(
                  reach.statusUrl(),
                  SCAN,
                  HaPackageRenderer.AUTH_SECRET_NAME,
                  List.of(new ReachabilityPackage.Target("home", List.of(IpFamily.IPV4)))));
      HomeAssistantConfig config =
          HomeAssistantConfig.plain()
              .withPackage(ReachabilityPackage.NAME, pkg)
              .withSecret(HaPackageRenderer.AUTH_SECRET_NAME, "Bearer " + token)
              .withExtraYaml(
                  """
                  notify:
                    - name: lab_phone
                      platform: rest
                      resource: "http://127.0.0.1:%d/notify"
                      method: POST_JSON
                      title_param_name: title
                      message_param_name: message
                  automation:
                    - id: remote_access_verdict
                      alias: Remote access verdict
                      use_blueprint:
                        path: %s
                        input:
                          notify_service: notify.lab_phone
                  """
                      .formatted(phone.getAddress().getPort(), HaBlueprint.PATH));
      Path configDir = dir.resolve("ha");
      Path blueprint = configDir.resolve("blueprints/automation").resolve(HaBlueprint.PATH);
      Files.createDirectories(blueprint.getParent());
      Files.writeString(blueprint, HaBlueprint.verdictNotify());

      try (HomeAssistantCore ha = HomeAssistantCore.start(install, config, configDir)) {
        ha.onboard();
        awaitState(ha, "automation.remote_access_verdict", "on");
        awaitState(ha, "sensor.ha_remote_access_verdict", "ok");
        assertThat(ha.state("sensor.ha_remote_access_advice").map(HaState::state))
            .contains("Nothing to do.");

        // The verdict turns bad: one notification, with the reason and the advice.
        reach.set(status("port_closed"));
        awaitNotifications(received, 1, ha);
        JsonNode first = received.get(0);
        assertThat(first.path("title").asText()).isEqualTo("Remote access: port closed");
        assertThat(first.path("message").asText())
            .contains("Nothing answers on the public address and port: no port forward.")
            .contains(Statuses.advice("port_closed"))
            .contains("before: ok");

        // It stays: no second one, neither over scans nor across an outage of the service.
        waitScans(5);
        reach.down();
        awaitState(ha, "sensor.ha_remote_access_verdict", "unavailable");
        waitScans(3);
        reach.set(status(null)); // restarted: no round yet
        reach.up();
        waitScans(3);
        reach.set(status("port_closed"));
        awaitState(ha, "sensor.ha_remote_access_verdict", "port_closed");
        waitScans(3);
        assertThat(received).as("notifications while port_closed stayed").hasSize(1);

        // Another bad verdict: one more, with its own advice.
        reach.set(status("cert_expired"));
        awaitNotifications(received, 2, ha);
        assertThat(received.get(1).path("message").asText())
            .contains("The served certificate has expired.")
            .contains(Statuses.advice("cert_expired"));

        // Recovery: one more, and then quiet.
        reach.set(status("ok"));
        awaitNotifications(received, 3, ha);
        assertThat(received.get(2).path("title").asText()).isEqualTo("Remote access works again");
        assertThat(received.get(2).path("message").asText()).contains("cert_expired");
        waitScans(4);
        assertThat(received).hasSize(3);
        System.out.println("notifications: " + received);
        // Automation runs are logged at INFO (HA's run trace); nothing may warn.
        assertThat(
                HaLog.problems(
                    ha.log(),
                    List.of(
                        "homeassistant.components.automation",
                        "homeassistant.components.blueprint",
                        "homeassistant.helpers.script",
                        "homeassistant.helpers.template",
                        "homeassistant.components.notify")))
            .isEmpty();
      }
    } finally {
      phone.stop(0);
    }
  }

  private static String status(String verdict) {
    if (verdict == null) {
      return reachability(null, null, List.of());
    }
    boolean ok = verdict.equals("ok");
    return reachability(
        verdict, ok, List.of(reachabilityTarget("home", verdict, ok, ok ? 0.5 : 3.0, false)));
  }

  private static void waitScans(int scans) throws InterruptedException {
    Thread.sleep(scans * SCAN * 1000L);
  }

  private static void awaitState(HomeAssistantCore ha, String entityId, String state) {
    assertThat(ha.awaitState(entityId, s -> s.state().equals(state), Duration.ofSeconds(SCAN * 5L)))
        .as(entityId + "\n" + ha.errorLines(40))
        .get()
        .extracting(HaState::state)
        .isEqualTo(state);
  }

  private static void awaitNotifications(List<JsonNode> received, int count, HomeAssistantCore ha)
      throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(SCAN * 5L).toNanos();
    while (received.size() < count && System.nanoTime() < end) {
      Thread.sleep(100);
    }
    assertThat(received).as("notifications\n" + ha.errorLines(40)).hasSize(count);
  }

  private static HttpServer receiver(List<JsonNode> received) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/notify",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(JSON.readTree(body));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    return server;
  }
}
