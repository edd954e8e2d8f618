package dev.haremote.labkit.globalping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.homeassistant.HomeAssistantStandIn;
import dev.haremote.labkit.net.ClosedPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stand-in speaks the Globalping API's protocol and its probes really measure. */
class GlobalpingStandInTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static TestPki pki;
  private static HomeAssistantStandIn good;
  private static HomeAssistantStandIn expired;
  private static ClosedPort closedPort;
  private static int closed;

  @BeforeAll
  static void servers() throws Exception {
    pki = TestPki.create("globalping-stand-in");
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    good =
        HomeAssistantStandIn.options()
            .bind(lo)
            .tls(pki.leaf().dns("good.test").issue(), true)
            .start();
    expired =
        HomeAssistantStandIn.options()
            .bind(lo)
            .tls(pki.leaf().dns("expired.test").expired().issue(), true)
            .start();
    // Held to the end: refused, and no stand-in started later can take it.
    closedPort = new ClosedPort(lo);
    closed = closedPort.port();
  }

  @AfterAll
  static void stop() throws Exception {
    good.close();
    expired.close();
    closedPort.close();
  }

  private static GlobalpingStandIn standIn(String token) throws Exception {
    GlobalpingStandIn.Options o =
        GlobalpingStandIn.options()
            .trust(List.of(pki.root()))
            .internet(
                (host, v, port) ->
                    switch (host) {
                      case "good.test", "wrongname.test" ->
                          new InetSocketAddress("127.0.0.1", good.port());
                      case "expired.test" -> new InetSocketAddress("127.0.0.1", expired.port());
                      case "closed.test" -> new InetSocketAddress("127.0.0.1", closed);
                      default -> null;
                    });
    return (token == null ? o : o.token(token)).start();
  }

  private static String body(String target, String extraOptions) {
    return "{\"type\":\"http\",\"target\":\""
        + target
        + "\",\"locations\":[{\"magic\":\"Europe\"}],\"limit\":2,\"measurementOptions\":{\"request\":"
        + "{\"method\":\"GET\",\"path\":\"/manifest.json\"},\"protocol\":\"HTTPS\",\"port\":443"
        + extraOptions
        + "}}";
  }

  private static HttpResponse<String> post(GlobalpingStandIn api, String body, String auth)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api.url() + "/v1/measurements"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode finished(GlobalpingStandIn api, String id) throws Exception {
    for (int i = 0; i < 100; i++) {
      JsonNode m =
          JSON.readTree(
              HTTP.send(
                      HttpRequest.newBuilder(URI.create(api.url() + "/v1/measurements/" + id))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      if (!"in-progress".equals(m.path("status").asText())) {
        return m;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("never finished");
  }

  private static JsonNode measure(GlobalpingStandIn api, String target) throws Exception {
    HttpResponse<String> created = post(api, body(target, ",\"ipVersion\":4"), null);
    assertThat(created.statusCode()).isEqualTo(202);
    return finished(api, JSON.readTree(created.body()).path("id").asText())
        .path("results")
        .get(0)
        .path("result");
  }

  @Test
  void createThenPollInProgressThenFinished() throws Exception {
    try (GlobalpingStandIn api = standIn(null)) {
      HttpResponse<String> created = post(api, body("good.test", ",\"ipVersion\":4"), null);
      assertThat(created.statusCode()).isEqualTo(202);
      JsonNode c = JSON.readTree(created.body());
      assertThat(c.path("probesCount").asInt()).isEqualTo(2);
      assertThat(created.headers().firstValue("location"))
          .hasValue(api.url() + "/v1/measurements/" + c.path("id").asText());
      assertThat(created.headers().firstValue("x-ratelimit-reset")).isPresent();
      JsonNode first =
          JSON.readTree(
              HTTP.send(
                      HttpRequest.newBuilder(
                              URI.create(api.url() + "/v1/measurements/" + c.path("id").asText()))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      assertThat(first.path("status").asText()).isEqualTo("in-progress");
      JsonNode m = finished(api, c.path("id").asText());
      assertThat(m.path("status").asText()).isEqualTo("finished");
      assertThat(m.path("type").asText()).isEqualTo("http");
      assertThat(m.path("results")).hasSize(2);
      JsonNode item = m.path("results").get(0);
      assertThat(item.path("probe").path("country").asText()).isEqualTo("DE");
      assertThat(item.path("probe").path("asn").isInt()).isTrue();
      JsonNode r = item.path("result");
      assertThat(r.path("status").asText()).isEqualTo("finished");
      assertThat(r.path("statusCode").asInt()).isEqualTo(200);
      assertThat(r.path("rawBody").asText()).contains("\"name\": \"Home Assistant\"");
      assertThat(r.path("tls").path("authorized").asBoolean()).isTrue();
      assertThat(r.path("resolvedAddress").asText()).isEqualTo("127.0.0.1");
      for (String f :
          List.of("rawHeaders", "headers", "truncated", "statusCodeName", "timings", "rawOutput")) {
        assertThat(r.has(f)).as(f).isTrue();
      }
    }
  }

  @Test
  void probesReportNodesCertificateErrorsAndConnectionFailures() throws Exception {
    try (GlobalpingStandIn api = standIn(null)) {
      JsonNode exp = measure(api, "expired.test");
      assertThat(exp.path("tls").path("authorized").asBoolean()).isFalse();
      assertThat(exp.path("tls").path("error").asText()).isEqualTo("CERT_HAS_EXPIRED");
      JsonNode name = measure(api, "wrongname.test");
      assertThat(name.path("tls").path("error").asText()).isEqualTo("ERR_TLS_CERT_ALTNAME_INVALID");
      JsonNode refused = measure(api, "closed.test");
      assertThat(refused.path("status").asText()).isEqualTo("failed");
      assertThat(refused.path("rawOutput").asText()).startsWith("connect ECONNREFUSED 127.0.0.1:");
      assertThat(measure(api, "nowhere.test").path("rawOutput").asText())
          .isEqualTo("getaddrinfo ENOTFOUND nowhere.test");
    }
  }

  @Test
  void badRequestsAre400WithTheApisErrorShape() throws Exception {
    try (GlobalpingStandIn api = standIn(null)) {
      for (String bad :
          List.of(
              body("203.0.113.7", ",\"ipVersion\":4"),
              body("good.test", ",\"ipVersion\":5"),
              body("good.test", ",\"protocol\":\"FTP\""),
              body("good.test", "").replace("\"magic\"", "\"planet\""),
              body("good.test", "").replace("\"limit\":2", "\"limit\":501"),
              "{\"type\":\"ping\",\"target\":\"good.test\"}")) {
        HttpResponse<String> r = post(api, bad, null);
        assertThat(r.statusCode()).as(bad).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").path("type").asText())
            .isEqualTo("validation_error");
      }
      assertThat(api.created()).isEmpty();
      HttpResponse<String> unknown =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(api.url() + "/v1/measurements/nope")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(unknown.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aConfiguredTokenIsRequiredAnd429CarriesTheReset() throws Exception {
    try (GlobalpingStandIn api = standIn("secret-token")) {
      assertThat(post(api, body("good.test", ""), null).statusCode()).isEqualTo(401);
      assertThat(post(api, body("good.test", ""), "Bearer wrong").statusCode()).isEqualTo(401);
      assertThat(post(api, body("good.test", ""), "Bearer secret-token").statusCode())
          .isEqualTo(202);
      api.rateLimitNext(1, 42);
      HttpResponse<String> limited = post(api, body("good.test", ""), "Bearer secret-token");
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("x-ratelimit-reset")).hasValue("42");
      assertThat(limited.headers().firstValue("x-ratelimit-remaining")).hasValue("0");
      assertThat(JSON.readTree(limited.body()).path("error").path("type").asText())
          .isEqualTo("too_many_probes");
      assertThat(api.rejectedByRateLimit()).isEqualTo(1);
      assertThat(api.created()).hasSize(1);
      assertThat(Map.of("auth", api.created().get(0).authorization()))
          .containsEntry("auth", "Bearer secret-token");
    }
  }

  @Test
  void theLabsInternetResolvesPerFamily() throws Exception {
    GlobalpingStandIn.Internet internet = GlobalpingStandIn.Internet.resolving();
    assertThat(internet.route("127.0.0.1", 4, 8123))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 8123));
    assertThat(internet.route("127.0.0.1", 6, 8123)).as("no IPv6 address").isNull();
    assertThat(internet.route("::1", 6, 443)).isEqualTo(new InetSocketAddress("::1", 443));
    assertThat(internet.route("no-such-name.invalid", 4, 443)).isNull();
  }

  @Test
  void trustAnchorsFromAPemFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path pem =
        java.nio.file.Files.writeString(
            dir.resolve("ca.pem"), dev.haremote.labkit.certs.IssuedCert.pem(List.of(pki.root())));
    try (GlobalpingStandIn api =
        GlobalpingStandIn.options()
            .trustPem(pem)
            .internet((h, v, p) -> new InetSocketAddress("127.0.0.1", good.port()))
            .start()) {
      assertThat(measure(api, "good.test").path("tls").path("authorized").asBoolean()).isTrue();
    }
  }
}
