package dev.haremote.certwatch.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.haremote.certwatch.testing.Await;
import dev.haremote.certwatch.testing.TestCertificates;
import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service as users see it: status JSON, check, metrics text and the Home Assistant package. */
@QuarkusTest
@TestProfile(CertWatchApiTest.OneFile.class)
class CertWatchApiTest {

  /** One good certificate file, trusted through extra-ca-file; no ARI (no internet in tests). */
  public static class OneFile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Path dir = Files.createDirectories(DIR);
        TestPki pki = TestPki.create("API");
        IssuedCert leaf =
            pki.leaf()
                .dns("home.test")
                .validity(
                    Instant.now().minus(Duration.ofDays(1)),
                    Instant.now().plus(Duration.ofDays(44)))
                .issue();
        Path ca = Files.writeString(dir.resolve("ca.pem"), IssuedCert.pem(List.of(pki.root())));
        Path cert = leaf.writeChainPem(dir.resolve("fullchain.pem"));
        Path key = leaf.writeKeyPem(dir.resolve("privkey.pem"));
        return Map.ofEntries(
            Map.entry("quarkus.http.test-port", "0"),
            Map.entry("suite.api-token", "api-test-token"),
            Map.entry("certwatch.interval", "1h"),
            Map.entry("certwatch.ari.enabled", "false"),
            Map.entry("certwatch.trust.extra-ca-file", ca.toString()),
            Map.entry("certwatch.files[0].id", "ha-ssl"),
            Map.entry("certwatch.files[0].path", cert.toString()),
            Map.entry("certwatch.files[0].key", key.toString()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Known to the profile and the test alike (they may live in different class loaders). */
  static final Path DIR =
      Path.of(
          System.getProperty("java.io.tmpdir"), "certwatch-api-" + ProcessHandle.current().pid());

  @BeforeEach
  void firstRoundDone() throws Exception {
    Await.until(
        Duration.ofSeconds(20),
        () -> given().get("/api/v1/status").jsonPath().get("checked_at") != null,
        "first round");
  }

  @Test
  void statusHasEveryContractFieldInSnakeCaseWithNulls() {
    String body = given().get("/api/v1/status").then().statusCode(200).extract().asString();
    JsonPath json = JsonPath.from(body);
    assertThat(json.getBoolean("ok")).isTrue();
    assertThat(json.getFloat("min_days_left")).isBetween(43f, 44f);
    Map<String, Object> cert = json.getMap("certificates[0]");
    assertThat(cert)
        .containsKeys(
            "id",
            "source",
            "family",
            "subject",
            "sans",
            "issuer",
            "serial",
            "fingerprint_sha256",
            "not_before",
            "not_after",
            "expires_in_seconds",
            "days_left",
            "hostname_match",
            "chain_valid",
            "chain_complete",
            "renewal_due_at",
            "renewal_overdue",
            "served_matches_file",
            "key_matches",
            "error",
            "checked_at");
    assertThat(cert.get("source")).isEqualTo("file");
    assertThat(cert.get("family")).isNull();
    assertThat(cert.get("served_matches_file")).isNull();
    assertThat(cert.get("key_matches")).isEqualTo(true);
    assertThat(cert.get("chain_valid")).isEqualTo(true);
    assertThat(cert.get("sans")).isEqualTo(List.of("home.test"));
    assertThat((String) cert.get("not_after"))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z");
    assertThat(cert.get("problem")).isEqualTo(false);
    // Small enough for Home Assistant's recorder.
    assertThat(body.length()).isLessThan(16_384);
  }

  @Test
  void checkNeedsTheTokenAndAnswersTheNewStatus() {
    given().post("/api/v1/check").then().statusCode(401);
    given()
        .header("Authorization", "Bearer api-test-token")
        .post("/api/v1/check")
        .then()
        .statusCode(200)
        .body("certificates[0].id", equalTo("ha-ssl"));
  }

  @Test
  void metricsHaveHelpAndZeroSeries() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("# HELP certwatch_certificate_not_after_timestamp_seconds")
        // The text format names a counter's HELP without _total; the samples carry it.
        .contains("# HELP certwatch_check_errors ")
        .contains("# HELP certwatch_renewal_due_timestamp_seconds")
        .contains("# HELP certwatch_certificate_not_before_timestamp_seconds")
        .contains("# HELP certwatch_certificate_valid")
        .containsPattern(
            "certwatch_certificate_valid\\{family=\"none\",id=\"ha-ssl\",source=\"file\"} 1\\.0")
        .containsPattern("certwatch_check_errors_total\\{id=\"ha-ssl\",reason=\"bad_pem\"} 0\\.0");
  }

  @Test
  void lastCheckTimestampIsTheEndOfTheLatestRound() {
    String checkedAt =
        given()
            .header("Authorization", "Bearer api-test-token")
            .post("/api/v1/check")
            .then()
            .statusCode(200)
            .extract()
            .path("checked_at");
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    double exported =
        metrics
            .lines()
            .filter(line -> line.startsWith("certwatch_last_check_timestamp_seconds "))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no certwatch_last_check_timestamp_seconds"));
    // The gauge may already show a later round (the scheduler's), never an earlier one.
    assertThat(exported).isGreaterThanOrEqualTo(Instant.parse(checkedAt).toEpochMilli() / 1000.0);
    assertThat(exported).isLessThanOrEqualTo(Instant.now().toEpochMilli() / 1000.0);
  }

  @Test
  void promtoolAcceptsOurMetrics() throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    if (!"true".equals(System.getenv("CI"))) {
      assumeThat(Files.isExecutable(promtool))
          .as("promtool (Debian prometheus) installed")
          .isTrue();
    }
    String ours =
        given()
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString()
            .lines()
            .filter(line -> line.contains("certwatch_"))
            .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    Process check =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (var in = check.getOutputStream()) {
      in.write(ours.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    String output =
        new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    check.waitFor();
    // simpleclient 0.16 (Quarkus' registry) writes a counter's HELP/TYPE under the name without
    // _total (as OpenMetrics does); promtool 2.42 then misses HELP for the _total samples. Only
    // that
    // known complaint is tolerated, and only when the HELP line is really there.
    List<String> complaints =
        output
            .lines()
            .filter(line -> !line.isBlank())
            .filter(
                line -> {
                  var m =
                      java.util.regex.Pattern.compile("(\\w+)_total no help text").matcher(line);
                  return !(m.matches() && ours.contains("# HELP " + m.group(1) + " "));
                })
            .toList();
    assertThat(complaints).as(output).isEmpty();
  }

  @Test
  void homeAssistantPackageHasTheThreeEntities() {
    given()
        .get("/api/v1/ha/package")
        .then()
        .statusCode(200)
        .body(containsString("unique_id: certificate_file_ha_ssl_days_left"))
        .body(containsString("unique_id: certificate_file_ha_ssl_expiry"))
        .body(containsString("unique_id: certificate_file_ha_ssl_problem"))
        .body(containsString("unique_id: certificate_file_ha_ssl_problem_reason"))
        .body(containsString("device_class: duration"))
        .body(containsString("device_class: timestamp"))
        .body(containsString("device_class: problem"))
        .body(containsString("unit_of_measurement: d"))
        .body(containsString("problem_reason"))
        .body(containsString("http://cert-watch-service:8082/api/v1/status"));
  }

  @Test
  void replacedFileIsSeenByTheRunningServiceWithinTwoSeconds() throws Exception {
    IssuedCert renewed =
        TestPki.selfSigned()
            .dns("home.test")
            .validity(
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(5)))
            .issue();
    String fingerprint = TestCertificates.fingerprint(renewed.certificate());
    Path cert = DIR.resolve("fullchain.pem");
    String original = Files.readString(cert);
    Path key = DIR.resolve("privkey.pem");
    String originalKey = Files.readString(key);
    try {
      Path tmp = renewed.writeChainPem(DIR.resolve(".new.pem"));
      Files.move(
          tmp,
          cert,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Duration took =
          Await.until(
              Duration.ofSeconds(5),
              () ->
                  fingerprint.equals(
                      given()
                          .get("/api/v1/status")
                          .jsonPath()
                          .get("certificates[0].fingerprint_sha256")),
              "service saw the new file");
      assertThat(took).isLessThan(Duration.ofSeconds(2));
      JsonPath json = given().get("/api/v1/status").jsonPath();
      // Self-signed, and the old key no longer matches.
      assertThat(json.getString("certificates[0].error")).isEqualTo("self_signed");
      assertThat(json.getBoolean("certificates[0].key_matches")).isFalse();
      assertThat(json.getBoolean("ok")).isFalse();
    } finally {
      Files.writeString(cert, original);
      Files.writeString(key, originalKey);
      given().header("Authorization", "Bearer api-test-token").post("/api/v1/check");
    }
  }

  @Test
  void readyAfterTheFirstRound() {
    given().get("/q/health/ready").then().statusCode(200);
  }
}
