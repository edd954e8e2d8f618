package dev.haremote.certwatch.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.haremote.certwatch.testing.Await;
import dev.haremote.certwatch.testing.TestCertificates;
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
import org.junit.jupiter.api.Disabled;
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
        TestCertificates.Issued root = TestCertificates.root("API Root");
        TestCertificates.Issued leaf =
            TestCertificates.leaf(
                root,
                List.of("home.test"),
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(44)));
        Path ca =
            Files.writeString(dir.resolve("ca.pem"), TestCertificates.pem(root.certificate()));
        Path cert =
            Files.writeString(
                dir.resolve("fullchain.pem"), TestCertificates.pem(leaf.certificate()));
        Path key =
            Files.writeString(dir.resolve("privkey.pem"), TestCertificates.pkcs8(leaf.keyPair()));
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
  @Disabled("needs helper suite's bearer-token filter in common (not merged yet)")
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
  @Disabled("needs helper suite's HaPackageRenderer in common (not merged yet)")
  void homeAssistantPackageHasTheThreeEntities() {
    given()
        .get("/api/v1/ha/package")
        .then()
        .statusCode(200)
        .body(containsString("unique_id: certwatch_file_ha_ssl_days_left"))
        .body(containsString("unique_id: certwatch_file_ha_ssl_expiry"))
        .body(containsString("unique_id: certwatch_file_ha_ssl_problem"))
        .body(containsString("device_class: duration"))
        .body(containsString("device_class: timestamp"))
        .body(containsString("device_class: problem"))
        .body(containsString("unit_of_measurement: d"))
        .body(containsString("problem_reason"))
        .body(containsString("http://cert-watch-service:8082/api/v1/status"));
  }

  @Test
  void replacedFileIsSeenByTheRunningServiceWithinTwoSeconds() throws Exception {
    TestCertificates.Issued renewed =
        TestCertificates.selfSigned(
            List.of("home.test"),
            Instant.now().minus(Duration.ofDays(1)),
            Instant.now().plus(Duration.ofDays(5)));
    String fingerprint = TestCertificates.fingerprint(renewed.certificate());
    Path cert = DIR.resolve("fullchain.pem");
    String original = Files.readString(cert);
    Path key = DIR.resolve("privkey.pem");
    String originalKey = Files.readString(key);
    try {
      Path tmp =
          Files.writeString(DIR.resolve(".new.pem"), TestCertificates.pem(renewed.certificate()));
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
      assertThat(json.getString("certificates[0].error")).isEqualTo("untrusted");
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
