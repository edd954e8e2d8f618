package dev.haremote.labkit.homeassistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HomeAssistantStandInTest {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private HttpResponse<String> get(URI uri, String forwardedFor) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3));
    if (forwardedFor != null) {
      b.header("X-Forwarded-For", forwardedFor);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersLikeHomeAssistant() throws Exception {
    try (HomeAssistantStandIn ha = HomeAssistantStandIn.start()) {
      HttpResponse<String> manifest = get(ha.url(null, "/manifest.json"), null);
      assertThat(manifest.statusCode()).isEqualTo(200);
      assertThat(manifest.body())
          .contains("\"name\": \"Home Assistant\"")
          .contains("\"short_name\": \"Home Assistant\"")
          .contains("\"start_url\": \"/?homescreen=1\"")
          .contains("\"display\": \"standalone\"")
          .contains("\"icons\": [");

      HttpResponse<String> api = get(ha.url(null, "/api/"), null);
      assertThat(api.statusCode()).isEqualTo(401);
      assertThat(api.body()).isEqualTo("401: Unauthorized");
      assertThat(api.headers().firstValue("x-content-type-options")).hasValue("nosniff");

      assertThat(get(ha.url(null, "/"), null).body()).contains("<home-assistant>");
      assertThat(get(ha.url(null, "/nope"), null).statusCode()).isEqualTo(404);
      assertThat(get(ha.url(null, "/api/websocket"), null).statusCode()).isEqualTo(400);
      assertThat(ha.requests()).isEqualTo(5);
    }
  }

  @Test
  void forwardedRequestsFollowHaProxyRules() throws Exception {
    try (HomeAssistantStandIn off = HomeAssistantStandIn.start()) {
      HttpResponse<String> r = get(off.url(null, "/api/"), "203.0.113.5");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).isEqualTo("400: Bad Request");
      assertThat(off.rejectedForwarded()).isEqualTo(1);
    }
    try (HomeAssistantStandIn untrusted =
        HomeAssistantStandIn.options().behindProxy(true, "192.0.2.0/24").start()) {
      assertThat(get(untrusted.url(null, "/api/"), "203.0.113.5").statusCode()).isEqualTo(400);
    }
    try (HomeAssistantStandIn trusted =
        HomeAssistantStandIn.options().behindProxy(true, "127.0.0.0/8").start()) {
      assertThat(get(trusted.url(null, "/api/"), "203.0.113.5").statusCode()).isEqualTo(401);
      assertThat(trusted.lastForwardedFor()).isEqualTo("203.0.113.5");
    }
  }

  @Test
  void cidrMatching() throws Exception {
    var a = java.net.InetAddress.getByName("172.30.33.7");
    assertThat(HomeAssistantStandIn.inNetwork(a, "172.30.33.0/24")).isTrue();
    assertThat(HomeAssistantStandIn.inNetwork(a, "172.30.32.0/23")).isTrue();
    assertThat(HomeAssistantStandIn.inNetwork(a, "172.30.34.0/24")).isFalse();
    assertThat(HomeAssistantStandIn.inNetwork(a, "172.30.33.7")).isTrue();
    assertThat(HomeAssistantStandIn.inNetwork(a, "::1/128")).isFalse();
  }
}
