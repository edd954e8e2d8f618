package dev.haremote.reachability.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.http.HttpProbeResult;
import dev.haremote.reachability.diagnosis.HttpIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HomeAssistantIdentityTest {

  static HttpProbeResult answer(int status, String body, Map<String, List<String>> headers) {
    return new HttpProbeResult(
        null,
        null,
        null,
        null,
        status,
        headers,
        body.getBytes(StandardCharsets.UTF_8),
        false,
        Duration.ZERO,
        Duration.ZERO);
  }

  static HttpProbeResult answer(int status, String body) {
    return answer(status, body, Map.of());
  }

  static HttpProbeResult none(String failure) {
    return new HttpProbeResult(
        failure, null, null, null, 0, Map.of(), new byte[0], false, null, Duration.ZERO);
  }

  @Test
  void manifestOrApi401MeanHomeAssistant() {
    assertThat(
            HomeAssistantIdentity.judge(
                    answer(200, "{\"name\":\"Home Assistant\",\"short_name\":\"Assistant\"}"),
                    answer(404, ""))
                .identity())
        .isEqualTo(HttpIdentity.HOME_ASSISTANT);
    assertThat(
            HomeAssistantIdentity.judge(answer(404, "nope"), answer(401, "401: Unauthorized"))
                .identity())
        .isEqualTo(HttpIdentity.HOME_ASSISTANT);
  }

  @Test
  void routerPagesAreNotHomeAssistant() {
    HomeAssistantIdentity.Judgement j =
        HomeAssistantIdentity.judge(
            answer(200, "<html><head><title>FRITZ!Box</title></head></html>"),
            answer(200, "<html><head><title>FRITZ!Box</title></head></html>"));
    assertThat(j.identity()).isEqualTo(HttpIdentity.OTHER);
    assertThat(j.detail()).isEqualTo("HTTP 200, page 'FRITZ!Box'");
    assertThat(
            HomeAssistantIdentity.judge(
                    answer(200, "{\"name\":\"Router\"}"),
                    answer(
                        401,
                        "401: Unauthorized",
                        Map.of("www-authenticate", List.of("Basic realm=\"router\""))))
                .identity())
        .isEqualTo(HttpIdentity.OTHER);
    assertThat(HomeAssistantIdentity.judge(answer(200, "not json {"), answer(404, "")).identity())
        .isEqualTo(HttpIdentity.OTHER);
  }

  @Test
  void haRejectingTheProxyAndSilence() {
    assertThat(
            HomeAssistantIdentity.judge(
                    answer(400, "400: Bad Request"), answer(400, "400: Bad Request"))
                .identity())
        .isEqualTo(HttpIdentity.PROXY_REJECTED);
    assertThat(
            HomeAssistantIdentity.judge(
                    answer(400, "<html><center>nginx</center></html>"),
                    answer(400, "<html><center>nginx</center></html>"))
                .identity())
        .isEqualTo(HttpIdentity.OTHER);
    HomeAssistantIdentity.Judgement silent =
        HomeAssistantIdentity.judge(none("timeout"), none("timeout"));
    assertThat(silent.identity()).isEqualTo(HttpIdentity.NO_ANSWER);
    assertThat(silent.detail()).contains("timeout");
  }

  @Test
  void authRequiredFrame() {
    assertThat(
            ChainProber.isAuthRequired(
                "{\"type\": \"auth_required\", \"ha_version\": \"2026.11.0\"}"))
        .isTrue();
    assertThat(ChainProber.isAuthRequired("{\"type\":\"hello\"}")).isFalse();
  }
}
