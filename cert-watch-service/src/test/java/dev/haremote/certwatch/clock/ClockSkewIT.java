package dev.haremote.certwatch.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.Pki;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.service.PackagedService;
import dev.haremote.labkit.tls.TlsTestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged cert-watch under {@code faketime} (issue #19, item 14): its clock is shifted while
 * it checks three real TLS endpoints (BouncyCastle certificates, all fine in real time: a 90-day
 * certificate 30 days old, one issued as the test starts, a 7-day one a day old) and asks a clock
 * reference stand-in serving the real {@code Date}. At each shift the status names the right reason
 * with the skew, judges the certificates at the reference's time (no {@code expired}, {@code
 * not_yet_valid}, {@code expiring} or {@code renewal_overdue}, days left as in real time); without
 * a reference a clock before the build time gives {@code clock_skew}, never a false {@code
 * not_yet_valid}; started with the clock right, nothing is reported (the in-process recovery of a
 * clock set right is TrustedClockTest's).
 *
 * <p>Each shift is one start of the service under {@code FAKETIME} (libfaketime's timestamp file,
 * re-read while running, hung the JVM). The default run shifts by +1 day (with a reference), -1 day
 * (without) and 0; {@code -Dclock-skew.sweep=true} adds -1 h, +1 h, +3, +30 and +61 days with a
 * reference. Needs {@code faketime} (.ci/apt-packages); skipped where libfaketime is not installed.
 */
class ClockSkewIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> LIBFAKETIME =
      List.of(
          "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
          "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
          "/usr/lib/faketime/libfaketime.so.1");
  private static final List<String> ENDPOINTS = List.of("mature", "fresh", "short");

  @TempDir Path tmp;
  final Instant real = Instant.now();
  final List<TlsTestServer> servers = new ArrayList<>();
  HttpServer reference;
  Path config;
  String libfaketime;

  @BeforeEach
  void endpointsAndReference() throws Exception {
    libfaketime =
        LIBFAKETIME.stream().filter(p -> Files.exists(Path.of(p))).findFirst().orElse(null);
    assumeThat(libfaketime).as("libfaketime (apt package faketime)").isNotNull();
    TestPki pki = TestPki.create("Clock");
    Map<String, IssuedCert> certs =
        Map.of(
            "mature", leaf(pki, real.minus(Duration.ofDays(30)), Duration.ofDays(90)),
            "fresh", leaf(pki, real, Duration.ofDays(90)),
            "short", leaf(pki, real.minus(Duration.ofDays(1)), Duration.ofDays(7)));
    Files.writeString(tmp.resolve("root.pem"), Pki.pem(List.of(pki.root())));
    StringBuilder yaml =
        new StringBuilder(
            """
            certwatch:
              interval: 1s
              ari:
                enabled: false
              trust:
                extra-ca-file: %s
              endpoints:
            """
                .formatted(tmp.resolve("root.pem")));
    for (String id : ENDPOINTS) {
      TlsTestServer server =
          TlsTestServer.start(InetAddress.getByName("127.0.0.1"), certs.get(id), true, null);
      servers.add(server);
      yaml.append(
          "    - { id: %s, host: home.test, address: 127.0.0.1, port: %d }\n"
              .formatted(id, server.port()));
    }
    config = Files.writeString(tmp.resolve("certwatch.yaml"), yaml.toString());
    reference = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    reference.createContext(
        "/",
        exchange -> {
          exchange
              .getResponseHeaders()
              .set(
                  "Date",
                  DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    reference.start();
  }

  @AfterEach
  void stop() {
    servers.forEach(TlsTestServer::close);
    if (reference != null) {
      reference.stop(0);
    }
  }

  private static IssuedCert leaf(TestPki pki, Instant notBefore, Duration lifetime) {
    return pki.leaf().dns("home.test").validity(notBefore, notBefore.plus(lifetime)).issue();
  }

  @Test
  void withAReferenceEverySkewIsNamedAndNoCertificateRaisesAFalseAlarm() throws Exception {
    List<Duration> skews = new ArrayList<>(List.of(Duration.ofDays(1)));
    if (Boolean.getBoolean("clock-skew.sweep")) {
      skews.addAll(
          List.of(
              Duration.ofDays(-1),
              Duration.ofHours(-1),
              Duration.ofHours(1),
              Duration.ofDays(3),
              Duration.ofDays(30),
              Duration.ofDays(61)));
    }
    Instant built = ClockSanity.fromBuildInfo().buildTime();
    for (Duration skew : skews) {
      try (PackagedService service = start(skew, true)) {
        int port = listening(service);
        JsonNode status =
            await(port, s -> near(s.path("clock_skew_seconds"), skew.getSeconds()), service);
        String expected =
            real.plus(skew).isBefore(built)
                ? ClockReading.BEFORE_BUILD_TIME
                : ClockReading.DIFFERS_FROM_REFERENCE;
        assertThat(status.path("clock_reason").asText()).as("%s", skew).isEqualTo(expected);
        assertThat(status.path("clock_sane").asBoolean()).isFalse();
        Instant trusted = Instant.parse(status.path("trusted_time").asText());
        assertThat(Duration.between(Instant.now(), trusted).abs())
            .as("trusted time at %s", skew)
            .isLessThan(Duration.ofSeconds(30));
        assertNoFalseAlarm(status, skew.toString());
      }
    }
  }

  @Test
  void withoutAReferenceAClockBeforeTheBuildGivesClockSkewNotNotYetValid() throws Exception {
    try (PackagedService service = start(Duration.ofDays(-1), false)) {
      int port = listening(service);
      JsonNode status = await(port, s -> !s.path("clock_sane").asBoolean(true), service);
      assertThat(status.path("clock_reason").asText()).isEqualTo(ClockReading.BEFORE_BUILD_TIME);
      assertThat(status.path("trusted_time").isNull()).isTrue();
      // Issued after the build: at the build time it is not yet valid, at the real time it is.
      JsonNode fresh = certificate(status, "fresh");
      assertThat(fresh.path("error").asText()).isEqualTo("clock_skew");
      assertThat(fresh.path("days_left").isNull()).isTrue();
      for (String id : List.of("mature", "short")) {
        assertThat(certificate(status, id).path("error").isNull()).as(id).isTrue();
        assertThat(certificate(status, id).path("days_left").isNull()).as(id).isTrue();
      }
    }
  }

  @Test
  void withTheClockRightNothingIsReported() throws Exception {
    try (PackagedService service = start(Duration.ZERO, true)) {
      int port = listening(service);
      JsonNode status = await(port, s -> s.path("clock_skew_seconds").isNumber(), service);
      assertThat(status.path("clock_sane").asBoolean()).isTrue();
      assertThat(status.path("clock_reason").isNull()).isTrue();
      assertThat(Math.abs(status.path("clock_skew_seconds").asLong())).isLessThan(30);
      assertNoFalseAlarm(status, "the right time");
      assertThat(status.path("ok").asBoolean()).isTrue();
    }
  }

  private void assertNoFalseAlarm(JsonNode status, String when) {
    for (String id : ENDPOINTS) {
      JsonNode cert = certificate(status, id);
      assertThat(cert.path("error").isNull()).as("%s at %s: %s", id, when, cert).isTrue();
      assertThat(cert.path("problem").asBoolean()).as("%s at %s", id, when).isFalse();
      assertThat(cert.path("chain_valid").asBoolean()).as("%s at %s", id, when).isTrue();
    }
    // Days left as in real time: the 90-day certificate 30 days old has about 60.
    assertThat(certificate(status, "mature").path("days_left").asDouble())
        .as("days left at %s", when)
        .isBetween(59.9, 60.01);
  }

  private static JsonNode certificate(JsonNode status, String id) {
    for (JsonNode c : status.path("certificates")) {
      if (c.path("key").asText().equals("endpoint-" + id + "-ipv4")) {
        return c;
      }
    }
    throw new AssertionError("no certificate " + id + " in " + status);
  }

  private static boolean near(JsonNode seconds, long expected) {
    return seconds.isNumber() && Math.abs(seconds.asLong() - expected) < 30;
  }

  private PackagedService start(Duration skew, boolean withReference) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("QUARKUS_CONFIG_LOCATIONS", config.toString());
    if (withReference) {
      env.put(
          "CERTWATCH_CLOCK_REFERENCE_URL",
          "http://127.0.0.1:" + reference.getAddress().getPort() + "/");
    }
    if (!skew.isZero()) {
      env.put("LD_PRELOAD", libfaketime);
      // libfaketime's relative form in seconds: "+86400", "-3600".
      env.put("FAKETIME", (skew.isNegative() ? "" : "+") + skew.getSeconds());
      // The JVM's timers and the reference's extrapolation run on the monotonic clock: left real.
      env.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
      // glibc turns on libfaketime's fix for pthread_cond_timedwait on a faked monotonic clock;
      // with the monotonic clock real it only costs: a start took ten times the CPU (42 s
      // against 4 s, measured with libfaketime 0.9.10 on Debian 12).
      env.put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
    }
    return PackagedService.start(
        PackagedService.quarkusApp("clock-skew.app"),
        tmp.resolve("work-" + skew.getSeconds() + "-" + withReference),
        env,
        List.of(),
        List.of());
  }

  private static int listening(PackagedService service) throws Exception {
    int port = service.awaitListeningOrExit(240);
    assertThat(port).as(service.output()).isPositive();
    return port;
  }

  /** Polls the status until it matches (every endpoint seen), or fails with the last one seen. */
  private static JsonNode await(int port, Predicate<JsonNode> done, PackagedService service)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      Optional<JsonNode> status = status(port);
      if (status.isPresent()) {
        last = status.get();
        if (last.path("certificates").size() == ENDPOINTS.size() && done.test(last)) {
          return last;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("status never matched; last: " + last + "\n" + service.output());
  }

  private static Optional<JsonNode> status(int port) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/status"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          ? Optional.of(JSON.readTree(response.body()))
          : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
