package dev.haremote.ddns.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A DuckDNS stand-in that echoes the token back URL-encoded (either hex case, + or %20 for the
 * space), base64 (standard and URL-safe, padded or not) and inside a URL: no form of the token
 * reaches the status, the POST /api/v1/check answer or the log file (written through the same
 * redact filter as the console).
 */
@QuarkusTest
@TestProfile(EchoedTokenNeverLeaksTest.Profile.class)
class EchoedTokenNeverLeaksTest {
  static final Path LOG = Path.of("target", "echoed-token-never-leaks.log");
  static final String API_TOKEN = "api-token-echo-test-5e1a";

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "suite.api-token", API_TOKEN,
          "quarkus.http.test-port", "0",
          "quarkus.log.file.enabled", "true",
          "quarkus.log.file.path", LOG.toString(),
          "quarkus.log.file.filter", "redact");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(EchoingDuckResource.class));
    }
  }

  /** Every form of the canary token the stand-in echoes, and that is searched for. */
  static List<String> forms() {
    String token = EchoingDuckResource.TOKEN;
    byte[] raw = token.getBytes(StandardCharsets.UTF_8);
    String url = URLEncoder.encode(token, StandardCharsets.UTF_8);
    String lower =
        Pattern.compile("%[0-9A-F]{2}")
            .matcher(url)
            .replaceAll(m -> m.group().toLowerCase(Locale.ROOT));
    return List.of(
        token,
        url,
        lower,
        url.replace("+", "%20"),
        Base64.getEncoder().encodeToString(raw),
        Base64.getEncoder().withoutPadding().encodeToString(raw),
        Base64.getUrlEncoder().encodeToString(raw),
        Base64.getUrlEncoder().withoutPadding().encodeToString(raw),
        "https://u:" + url + "@h/?token=" + lower);
  }

  @Test
  void noFormOfTheEchoedTokenLeavesTheService() throws Exception {
    List<String> answers = new ArrayList<>();
    List<String> forms = forms();
    for (int i = 0; i < forms.size(); i++) {
      String marker = "ERR" + i;
      EchoingDuckResource.duck.answer(200, marker + " " + forms.get(i), Map.of());
      answers.add(waitForDetail("duckdns: unexpected answer '" + marker + " "));
      answers.add(
          given()
              .header("Authorization", "Bearer " + API_TOKEN)
              .post("/api/v1/check")
              .then()
              .statusCode(200)
              .extract()
              .asString());
    }
    answers.add(Files.readString(LOG));
    assertThat(answers.get(answers.size() - 1))
        .as("the log file holds the update lines")
        .contains("update of my-home.duckdns.org ipv4: failed");
    for (String text : answers) {
      for (String form : forms) {
        assertThat(text).doesNotContain(form);
      }
    }
  }

  /** Polls the status until the last update's detail starts with {@code prefix}; returns it. */
  private static String waitForDetail(String prefix) throws InterruptedException {
    long end = System.nanoTime() + 30_000_000_000L;
    String status = "";
    while (System.nanoTime() < end) {
      status = given().get("/api/v1/status").then().statusCode(200).extract().asString();
      String detail =
          given()
              .get("/api/v1/status")
              .then()
              .extract()
              .jsonPath()
              .getString("records[0].last_update.detail");
      if (detail != null && detail.startsWith(prefix)) {
        assertThat(detail).contains("***");
        return status;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no update answered '" + prefix + "' within 30 s: " + status);
  }
}
