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
  void theManifestNamesHomeAssistant() {
    HomeAssistantIdentity.Judgement j =
        HomeAssistantIdentity.judge(
            answer(200, "{\"name\":\"Home Assistant\",\"short_name\":\"Assistant\"}"));
    assertThat(j.identity()).isEqualTo(HttpIdentity.HOME_ASSISTANT);
    assertThat(j.status()).isEqualTo(200);
  }

  @Test
  void routerPagesAreNotHomeAssistant() {
    HomeAssistantIdentity.Judgement j =
        HomeAssistantIdentity.judge(
            answer(200, "<html><head><title>FRITZ!Box</title></head></html>"));
    assertThat(j.identity()).isEqualTo(HttpIdentity.OTHER);
    assertThat(j.detail()).isEqualTo("HTTP 200, page 'FRITZ!Box'");
    assertThat(HomeAssistantIdentity.judge(answer(200, "{\"name\":\"Router\"}")).identity())
        .isEqualTo(HttpIdentity.OTHER);
    assertThat(HomeAssistantIdentity.judge(answer(200, "not json {")).identity())
        .isEqualTo(HttpIdentity.OTHER);
    assertThat(HomeAssistantIdentity.judge(answer(401, "401: Unauthorized")).identity())
        .as("HA serves its manifest without a login; a 401 there is something else")
        .isEqualTo(HttpIdentity.OTHER);
  }

  @Test
  void haRejectingTheProxyOrABannedAddressAndSilence() {
    assertThat(HomeAssistantIdentity.judge(answer(400, "400: Bad Request")).identity())
        .isEqualTo(HttpIdentity.PROXY_REJECTED);
    assertThat(HomeAssistantIdentity.judge(answer(403, "403: Forbidden")).identity())
        .isEqualTo(HttpIdentity.BANNED);
    assertThat(
            HomeAssistantIdentity.judge(answer(400, "<html><center>nginx</center></html>"))
                .identity())
        .isEqualTo(HttpIdentity.OTHER);
    assertThat(
            HomeAssistantIdentity.judge(
                    answer(403, "<html><title>403 Forbidden</title><center>nginx</center></html>"))
                .identity())
        .as("nginx's own 403 page is not HA's ban")
        .isEqualTo(HttpIdentity.OTHER);
    HomeAssistantIdentity.Judgement silent = HomeAssistantIdentity.judge(none("timeout"));
    assertThat(silent.identity()).isEqualTo(HttpIdentity.NO_ANSWER);
    assertThat(silent.detail()).contains("timeout");
  }

  @Test
  void refusalsStillMeanHomeAssistantAnswered() {
    assertThat(HttpIdentity.PROXY_REJECTED.isHomeAssistant()).isTrue();
    assertThat(HttpIdentity.BANNED.isHomeAssistant()).isTrue();
    assertThat(HttpIdentity.OTHER.isHomeAssistant()).isFalse();
    assertThat(HttpIdentity.NO_ANSWER.isHomeAssistant()).isFalse();
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
