package dev.haremote.hatests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.haremote.common.ha.HaNames;
import dev.haremote.labkit.dns.TestDnsServer;
import dev.haremote.labkit.homeassistant.CheckConfigResult;
import dev.haremote.labkit.homeassistant.HaState;
import dev.haremote.labkit.homeassistant.HomeAssistantConfig;
import dev.haremote.labkit.homeassistant.HomeAssistantCore;
import dev.haremote.labkit.homeassistant.HomeAssistantInstall;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Home Assistant as the consumer of our sensors: the {@code /api/v1/ha/package} answer of all three
 * services goes into HA's {@code packages/} unchanged, {@code check_config} passes, every entity
 * has a value equal to the service's {@code /api/v1/status}, and a change in the lab (a renewed
 * certificate file that HA does not serve yet, a new WAN address) reaches the entity within one
 * scan interval.
 *
 * <p>The lab is HA watching itself: the one real HA serves TLS on 127.0.0.1 and is both the
 * endpoint cert-watch and reachability probe and the consumer of all three packages. ddns reads its
 * public address from an echo server on loopback; every resolver points at a closed loopback port
 * so nothing leaves the machine.
 *
 * <p>Run twice: against the three services as three processes, and against the one-process assembly
 * (module {@code one-process}, #20: the same three sections in one file, each service under {@code
 * /SERVICE-NAME}), so the packages are shown to work unchanged in both. One HA serves both runs:
 * the first starts it with its packages, the second writes its packages over them under the same
 * file names and calls {@code rest.reload}, as a user who switches assemblies does (a second HA
 * start cost about half a minute). The certificate files HA serves are put back before each run, so
 * each run's renewal is a change cert-watch sees.
 */
@Tag("homeassistant")
class ServicePackagesInHomeAssistantTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SERVICES =
      List.of("reachability-service", "cert-watch-service", "ddns-service");
  private static final String THREE_PROCESSES = "three-processes";
  private static final String ONE_PROCESS = "one-process";

  /** The one Home Assistant of both runs, its certificate files and what it served at start. */
  private static final String TOKEN = "lab-" + Long.toHexString(System.nanoTime());

  @TempDir static Path shared;
  private static LabCertificates certs;
  private static byte[] servedChain;
  private static byte[] servedKey;
  private static int haPort;
  private static HomeAssistantCore ha;

  @BeforeAll
  static void homeAssistantCertificates() throws Exception {
    certs = LabCertificates.create(shared.resolve("ssl"));
    servedChain = Files.readAllBytes(certs.fullchain);
    servedKey = Files.readAllBytes(certs.privateKey);
    haPort = ServiceProcess.freePort();
  }

  @AfterAll
  static void stopHomeAssistant() {
    if (ha != null) {
      ha.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {THREE_PROCESSES, ONE_PROCESS})
  void packagesOfAllThreeServicesWorkInRealHomeAssistant(String assembly, @TempDir Path dir)
      throws Exception {
    HomeAssistantInstall install = RealHomeAssistant.install();
    requireJars(assembly.equals(ONE_PROCESS) ? List.of(ONE_PROCESS) : SERVICES);
    String token = TOKEN;
    // The files HA serves, as at its start: an earlier run renewed them on disk.
    Files.write(certs.fullchain, servedChain);
    Files.write(certs.privateKey, servedKey);
    // The lab's only DNS server, authoritative for the home's name and the "public" resolver:
    // nothing leaves the machine.
    TestDnsServer dns =
        TestDnsServer.start().authoritative(true).add("home.lab.example", "A", 60, "203.0.113.7");
    AtomicReference<String> wanAddress = new AtomicReference<>("203.0.113.7");
    HttpServer echo = addressEcho(wanAddress);
    String echoUrl = "http://127.0.0.1:" + echo.getAddress().getPort() + "/";

    Map<String, ServiceProcess> services = new LinkedHashMap<>();
    String reachabilityPart = reachabilitySection(haPort, dns.hostPort(), certs);
    String certWatchPart = certWatchSection(haPort, certs);
    String ddnsPart = ddnsSection(echoUrl, dns.hostPort(), dir.resolve("ddns-state"));
    try {
      if (assembly.equals(ONE_PROCESS)) {
        // One file with the three sections, one JVM; each service under its mount.
        ServiceProcess suite =
            ServiceProcess.start(
                ONE_PROCESS,
                ServiceProcess.freePort(),
                suiteYaml() + reachabilityPart + certWatchPart + ddnsPart,
                token,
                dir.resolve("one-process"));
        SERVICES.forEach(service -> services.put(service, suite.mounted(service)));
      } else {
        services.put(
            "reachability-service",
            ServiceProcess.start(
                "reachability-service",
                ServiceProcess.freePort(),
                suiteYaml() + reachabilityPart,
                token,
                dir.resolve("reachability")));
        services.put(
            "cert-watch-service",
            ServiceProcess.start(
                "cert-watch-service",
                ServiceProcess.freePort(),
                suiteYaml() + certWatchPart,
                token,
                dir.resolve("certwatch")));
        services.put(
            "ddns-service",
            ServiceProcess.start(
                "ddns-service",
                ServiceProcess.freePort(),
                suiteYaml() + ddnsPart,
                token,
                dir.resolve("ddns")));
      }

      // The packages, unchanged, as a user saves them.
      HomeAssistantConfig config =
          HomeAssistantConfig.plain()
              .withServer("127.0.0.1", haPort)
              .withTls(certs.fullchain, certs.privateKey)
              .withSecret("remote_access_auth", "Bearer " + token);
      Map<String, HaPackage> packages = new LinkedHashMap<>();
      for (Map.Entry<String, ServiceProcess> service : services.entrySet()) {
        String yaml = service.getValue().get("/api/v1/ha/package");
        // The file name users are told (docs/home-assistant.md, the package's header comment).
        config = config.withPackage(packageName(service.getKey()), yaml);
        assertThat(yaml).contains("packages/" + packageName(service.getKey()) + ".yaml");
        packages.put(service.getKey(), HaPackage.parse(yaml));
        assertThat(packages.get(service.getKey()).entities())
            .as(service.getKey() + " package defines entities")
            .isNotEmpty();
      }
      // The packages as a user saves them, checked as a user does before a restart. One
      // check_config of the whole (each costs seconds); only when it fails, one per package, so
      // the failure names the service whose package is wrong (one invalid entry makes HA refuse
      // the whole merged rest: list, every package's entities).
      Path configDir = shared.resolve("ha");
      config.writeTo(configDir, haPort);
      CheckConfigResult check = HomeAssistantCore.checkConfig(install, configDir);
      assertThat(check.passed())
          .as(
              check.output().replace(token, "<token>")
                  + "\npackages refused alone: "
                  + (check.passed() ? List.of() : refusedAlone(install, services, dir, token)))
          .isTrue();

      if (ha == null) {
        ha = HomeAssistantCore.start(install, config, configDir, List.of(certs.ca));
        ha.onboard();
      } else {
        // The same HA as the run before (a start costs half a minute): the new packages replace
        // the old ones in packages/ under the same names, and HA reloads its rest: entries, as a
        // user does from Developer tools > YAML. The old services are stopped, so no entity can
        // keep a value from them.
        ha.callService("rest", "reload", Map.of());
      }
      // HA was down or served other packages during the services' first round: a new one now.
      Map<String, JsonNode> checked = new LinkedHashMap<>();
      for (Map.Entry<String, ServiceProcess> service : services.entrySet()) {
        checked.put(service.getKey(), JSON.readTree(service.getValue().checkNow()));
      }

      for (Map.Entry<String, HaPackage> entry : packages.entrySet()) {
        ServiceProcess service = services.get(entry.getKey());
        HaPackage pkg = entry.getValue();
        // The services check every 30 s as HA polls: agreement holds between a check and the
        // next one once HA has polled, so give it two scan intervals to be seen.
        Duration scan = Duration.ofSeconds(2L * maxScanInterval(pkg) + 10);
        List<String> problems =
            awaitAgreement(ha, service, pkg, checked.get(entry.getKey()), scan, true);
        List<HaState> states = ha.states();
        for (HaPackage.Entity entity : pkg.entities()) {
          EntityCheck.find(states, entity)
              .ifPresent(
                  st ->
                      System.out.printf(
                          "%s: %s = '%s'%n", entry.getKey(), st.entityId(), st.state()));
        }
        assertThat(problems)
            .as(
                entry.getKey()
                    + " entities vs /api/v1/status "
                    + service.get("/api/v1/status")
                    + "\nHA errors:\n"
                    + ha.errorLines(80))
            .isEmpty();
      }

      // Two changes at once, each in its own service and package, so one scan interval covers
      // both: a renewed certificate file that HA has not loaded (cert-watch must report the
      // mismatch) and a new WAN address (ddns must see it). HA's entities must follow each within
      // one scan interval of the service's round, by themselves.
      ServiceProcess certWatch = services.get("cert-watch-service");
      ServiceProcess ddns = services.get("ddns-service");
      HaPackage certPackage = packages.get("cert-watch-service");
      HaPackage ddnsPackage = packages.get("ddns-service");
      HaPackage.Entity fileProblem =
          certPackage.entities().stream()
              .filter(e -> e.domain().equals("binary_sensor"))
              .filter(e -> e.name().contains("ha-ssl"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no problem entity for file ha-ssl"));
      HaState fileState = EntityCheck.find(ha.states(), fileProblem).orElseThrow();
      assertThat(ha.states().toString()).doesNotContain("203.0.113.8");
      certs.renew();
      wanAddress.set("203.0.113.8");
      JsonNode renewedRound = JSON.readTree(certWatch.checkNow());
      JsonNode newAddressRound = JSON.readTree(ddns.checkNow());
      long ddnsDeadline =
          System.nanoTime() + Duration.ofSeconds(maxScanInterval(ddnsPackage) + 5).toNanos();

      Optional<HaState> followed =
          ha.awaitState(
              fileState.entityId(),
              s -> s.state().equals("on"),
              Duration.ofSeconds(maxScanInterval(certPackage) + 5));
      assertThat(followed).get().extracting(HaState::state).isEqualTo("on");
      assertThat(
              awaitAgreement(
                  ha, certWatch, certPackage, renewedRound, Duration.ofSeconds(15), false))
          .isEmpty();
      // What is left of ddns' scan interval since its round (at least one look).
      assertThat(
              awaitAgreement(
                  ha,
                  ddns,
                  ddnsPackage,
                  newAddressRound,
                  Duration.ofNanos(Math.max(0, ddnsDeadline - System.nanoTime())),
                  false))
          .isEmpty();
      assertThat(ha.states().toString()).contains("203.0.113.8");
    } finally {
      services.values().forEach(ServiceProcess::close);
      echo.stop(0);
      dns.close();
    }
  }

  /**
   * Polls until HA's entities agree with a status the service served during the wait, or returns
   * what differs from the newest one. HA shows the round it polled last, so each resource's
   * entities must agree with one of the statuses seen since the wait began (all of them with the
   * same one: one poll feeds them all), not necessarily the newest: HA and the service both run
   * every 30 s on their own phases, and when HA polls just before the service's round, agreement
   * with the newest status lasts milliseconds (seen in CI twice: checked_at 30 s apart at the end).
   * Only the round {@code since} (POST /api/v1/check's answer after the change) and the statuses
   * read after it count, so agreement still proves HA followed the change. With {@code refresh}, a
   * disagreement also asks HA to poll now ({@code homeassistant.update_entity}, at most every 5 s);
   * without it HA must follow by itself.
   */
  private static List<String> awaitAgreement(
      HomeAssistantCore ha,
      ServiceProcess service,
      HaPackage pkg,
      JsonNode since,
      Duration timeout,
      boolean refresh)
      throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    long nextRefresh = System.nanoTime();
    List<JsonNode> seen = new ArrayList<>(List.of(since));
    List<String> problems;
    do {
      JsonNode status = JSON.readTree(service.get("/api/v1/status"));
      if (!seen.contains(status)) {
        seen.add(0, status);
        // Rounds are 30 s apart and HA polls every 30 s: older rounds than these are not shown.
        if (seen.size() > 3) {
          seen.remove(3);
        }
      }
      List<HaState> states = ha.states();
      problems = new ArrayList<>();
      for (HaPackage.Resource resource : pkg.resources()) {
        problems.addAll(differencesFromAnySeen(ha, resource, states, seen));
      }
      if (problems.isEmpty()) {
        return problems;
      }
      if (refresh && System.nanoTime() >= nextRefresh) {
        pkg.entities().stream()
            .map(entity -> EntityCheck.find(states, entity))
            .flatMap(Optional::stream)
            .findFirst()
            .ifPresent(
                st ->
                    ha.callService(
                        "homeassistant", "update_entity", Map.of("entity_id", st.entityId())));
        nextRefresh = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      }
      Thread.sleep(500);
    } while (System.nanoTime() < end);
    return problems;
  }

  /**
   * None when the resource's entities all agree with one seen status, else those from the newest.
   */
  private static List<String> differencesFromAnySeen(
      HomeAssistantCore ha,
      HaPackage.Resource resource,
      List<HaState> states,
      List<JsonNode> seen) {
    List<String> newest = null;
    for (JsonNode status : seen) {
      List<String> problems = EntityCheck.differences(ha, resource.entities(), states, status);
      if (problems.isEmpty()) {
        return problems;
      }
      if (newest == null) {
        newest = problems;
      }
    }
    return newest == null ? List.of() : newest;
  }

  /** Per package alone, those check_config refuses, with its output (token hidden). */
  private static List<String> refusedAlone(
      HomeAssistantInstall install, Map<String, ServiceProcess> services, Path dir, String token)
      throws Exception {
    List<String> refused = new ArrayList<>();
    for (Map.Entry<String, ServiceProcess> service : services.entrySet()) {
      Path alone = dir.resolve("check-" + service.getKey());
      HomeAssistantConfig.plain()
          .withPackage(packageName(service.getKey()), service.getValue().get("/api/v1/ha/package"))
          .withSecret("remote_access_auth", "Bearer " + token)
          .writeTo(alone, haPort);
      CheckConfigResult result = HomeAssistantCore.checkConfig(install, alone);
      if (!result.passed()) {
        refused.add(service.getKey() + ":\n" + result.output().replace(token, "<token>"));
      }
    }
    return refused;
  }

  /** ha_remote_access_reachability, ha_remote_access_certwatch, ha_remote_access_ddns. */
  private static String packageName(String service) {
    return HaNames.packageName(service.replace("-service", "").replace("-", ""));
  }

  private static int maxScanInterval(HaPackage pkg) {
    return pkg.resources().stream()
        .mapToInt(HaPackage.Resource::scanIntervalSeconds)
        .max()
        .orElse(30);
  }

  private static void requireJars(List<String> modules) {
    List<String> missing = modules.stream().filter(m -> ServiceProcess.jar(m).isEmpty()).toList();
    if (missing.isEmpty()) {
      return;
    }
    String message = "service jars not built (run ./mvnw verify from the root): " + missing;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message);
    }
    assumeTrue(false, message);
  }

  private static HttpServer addressEcho(AtomicReference<String> address) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = (address.get() + "\n").getBytes(StandardCharsets.US_ASCII);
          exchange.getResponseHeaders().set("Content-Type", "text/plain");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  private static String suiteYaml() {
    return """
        suite:
          public-url: "http://127.0.0.1:%PORT%"
          protect-reads: true
        """;
  }

  private static String reachabilitySection(int haPort, String dns, LabCertificates certs) {
    return """
        reachability:
          interval: 30s
          targets:
            - id: home
              url: "https://127.0.0.1:%1$d"
              families: [ipv4]
          resolvers:
            public: ["%2$s"]
          trust:
            extra-ca-file: "%3$s"
        """
        .formatted(haPort, dns, certs.caFile);
  }

  private static String certWatchSection(int haPort, LabCertificates certs) {
    return """
        certwatch:
          interval: 30s
          endpoints:
            - id: home
              host: localhost
              address: 127.0.0.1
              port: %1$d
          files:
            - id: ha-ssl
              path: "%2$s"
              key: "%3$s"
              served-by: home
          trust:
            extra-ca-file: "%4$s"
        """
        .formatted(haPort, certs.fullchain, certs.privateKey, certs.caFile);
  }

  private static String ddnsSection(String echoUrl, String dns, Path stateDir) {
    return """
        ddns:
          interval: 30s
          state-dir: "%3$s"
          records:
            - name: home.lab.example
              provider: none
              update: false
          discovery:
            quorum: 1
            allow-ranges: ["203.0.113.0/24"]
            sources:
              - { type: http, url: "%1$s", family: ipv4 }
          resolvers:
            public: ["%2$s"]
          authoritative: ["%2$s"]
        """
        .formatted(echoUrl, dns, stateDir);
  }
}
