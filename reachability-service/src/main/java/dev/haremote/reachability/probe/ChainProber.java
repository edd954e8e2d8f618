package dev.haremote.reachability.probe;

import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.HttpProbeRequest;
import dev.haremote.common.http.HttpProbeResult;
import dev.haremote.common.http.WebSocketProbe;
import dev.haremote.common.http.WebSocketProbeResult;
import dev.haremote.common.net.Deadline;
import dev.haremote.common.tls.CertificateFacts;
import dev.haremote.common.tls.ChainStatus;
import dev.haremote.common.tls.TlsInspection;
import dev.haremote.reachability.diagnosis.ChainObservation;
import dev.haremote.reachability.diagnosis.HaUrlSettings;
import dev.haremote.reachability.diagnosis.HttpIdentity;
import dev.haremote.reachability.diagnosis.TlsObservation;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The stages on one pinned address, in the order the app meets them: TCP, TLS, HTTP (is it Home
 * Assistant?), WebSocket. One deadline for all; a failed stage stops the ones that need it.
 */
public final class ChainProber {
  private final HttpProbe httpProbe;
  private final WebSocketProbe webSocketProbe;

  public ChainProber(HttpProbe httpProbe, WebSocketProbe webSocketProbe) {
    this.httpProbe = httpProbe;
    this.webSocketProbe = webSocketProbe;
  }

  /** The chain's observation with each stage's raw result. */
  public record ChainProbe(ChainObservation observation, Map<Stage, StageResult> stages) {}

  /**
   * @param login the target's Home Assistant token for the WebSocket's auth phase, or null
   * @param internalUrl the URL is the user's configured internal URL (see {@link #mayCarryToken})
   */
  public ChainProbe probe(
      URI url,
      InetAddress address,
      boolean addressIsPublic,
      HomeAssistantLogin login,
      boolean internalUrl,
      Deadline deadline) {
    long start = System.nanoTime();
    Map<Stage, StageResult> stages = new EnumMap<>(Stage.class);
    for (Stage s : List.of(Stage.TCP, Stage.TLS, Stage.HTTP, Stage.WEBSOCKET)) {
      stages.put(s, StageResult.notRun());
    }
    int port = port(url);
    String literal = Addresses.format(address);

    long t0 = System.nanoTime();
    String tcpFailure = TcpConnect.connect(address, port, deadline);
    stages.put(Stage.TCP, StageResult.of(tcpFailure == null, since(t0)));
    if (tcpFailure != null) {
      return new ChainProbe(
          ChainObservation.tcpFailed(literal, addressIsPublic, tcpFailure, since(start)), stages);
    }

    // The TLS stage is read from the first HTTPS request's handshake (kept even when the chain
    // does not verify): one handshake fewer per probe, and the same session the app would see.
    long t1 = System.nanoTime();
    HttpProbeResult manifest = get(url, "/manifest.json", address, deadline);
    TlsObservation tls = null;
    if ("https".equalsIgnoreCase(url.getScheme())) {
      TlsInspection inspection = manifest.tls();
      tls =
          inspection != null
              ? toObservation(inspection)
              : TlsObservation.failed(
                  manifest.failureDetail() != null ? manifest.failureDetail() : manifest.failure());
      Duration handshake =
          inspection != null && inspection.handshakeTime() != null
              ? inspection.handshakeTime()
              : since(t1);
      stages.put(Stage.TLS, StageResult.of(tls.good(), handshake));
    }
    HomeAssistantIdentity.Judgement judgement = HomeAssistantIdentity.judge(manifest);
    stages.put(
        Stage.HTTP, StageResult.of(judgement.identity() == HttpIdentity.HOME_ASSISTANT, since(t1)));

    Boolean websocket = null;
    String websocketDetail = null;
    String websocketAuth = null;
    HaUrlSettings haUrls = null;
    if (judgement.identity() != HttpIdentity.NO_ANSWER) {
      long t3 = System.nanoTime();
      HomeAssistantLogin.Attempt attempt =
          login != null && mayCarryToken(judgement, tls, url, address, internalUrl)
              ? login.begin()
              : null;
      WebSocketProbeResult ws =
          webSocketProbe.open(
              HttpProbeRequest.get(url.resolve("/api/websocket"), address, deadline.remaining()),
              first ->
                  attempt != null && attempt.send() && isAuthRequired(first)
                      ? attempt.message()
                      : null,
              // Authenticated: ask for Home Assistant's own URL settings on the same session.
              answer -> HaConfigAnswer.isAuthOk(answer) ? HaConfigAnswer.REQUEST : null);
      haUrls = HaConfigAnswer.urls(ws.followUpAnswer());
      if (login != null) {
        websocketAuth =
            attempt == null ? HomeAssistantLogin.WITHHELD : login.finish(attempt, ws.replyAnswer());
      }
      websocket = ws.ok() && ws.firstTextFrame() != null && isAuthRequired(ws.firstTextFrame());
      if (!websocket) {
        websocketDetail =
            ws.ok()
                ? "the first frame is not auth_required"
                : ws.failure() + (ws.upgradeStatus() > 0 ? ", HTTP " + ws.upgradeStatus() : "");
      }
      stages.put(Stage.WEBSOCKET, StageResult.of(websocket, since(t3)));
    }
    return new ChainProbe(
        new ChainObservation(
            literal,
            addressIsPublic,
            true,
            null,
            tls,
            judgement.identity(),
            judgement.status(),
            judgement.detail(),
            websocket,
            websocketDetail,
            websocketAuth,
            since(start),
            haUrls),
        stages);
  }

  /**
   * A token goes only where its holder is known to be Home Assistant: over TLS whose certificate
   * verifies for the name; over plain HTTP to the internal URL the user configured (where the app
   * sends it too) or to a private address. Never to whatever answers on a drifted public address.
   */
  static boolean mayCarryToken(
      HomeAssistantIdentity.Judgement judgement,
      TlsObservation tls,
      URI url,
      InetAddress address,
      boolean internalUrl) {
    if (judgement.identity() != HttpIdentity.HOME_ASSISTANT) {
      return false;
    }
    if (tls != null) {
      return tls.good();
    }
    return "http".equalsIgnoreCase(url.getScheme())
        && (internalUrl
            || address.isSiteLocalAddress()
            || address.isLoopbackAddress()
            || address.isLinkLocalAddress()
            || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc));
  }

  /** Who answers on the pinned address, from its {@code /manifest.json}. No redirects followed. */
  HomeAssistantIdentity.Judgement identify(URI url, InetAddress address, Deadline deadline) {
    return HomeAssistantIdentity.judge(get(url, "/manifest.json", address, deadline));
  }

  private HttpProbeResult get(URI url, String path, InetAddress address, Deadline deadline) {
    return httpProbe.execute(
        HttpProbeRequest.get(url.resolve(path), address, deadline.remaining()));
  }

  static boolean isAuthRequired(String frame) {
    return frame.replace(" ", "").contains("\"type\":\"auth_required\"");
  }

  static TlsObservation toObservation(TlsInspection inspection) {
    if (!inspection.handshakeCompleted()) {
      String detail =
          inspection.failureDetail() != null ? inspection.failureDetail() : inspection.failure();
      return TlsObservation.failed(detail);
    }
    ChainStatus status =
        inspection.verification() == null ? ChainStatus.NONE : inspection.verification().status();
    boolean expired = status == ChainStatus.EXPIRED || status == ChainStatus.NOT_YET_VALID;
    boolean nameMatches = Boolean.TRUE.equals(inspection.hostnameMatch());
    boolean trusted = status == ChainStatus.VALID || expired;
    String detail = null;
    if (expired && inspection.leaf() != null) {
      detail =
          (status == ChainStatus.EXPIRED ? "expired " : "not valid before ")
              + (status == ChainStatus.EXPIRED
                  ? inspection.leaf().getNotAfter().toInstant()
                  : inspection.leaf().getNotBefore().toInstant());
    } else if (!nameMatches && inspection.leaf() != null) {
      List<String> sans = CertificateFacts.sans(inspection.leaf());
      detail = "it covers " + (sans.isEmpty() ? "no names" : String.join(", ", limit(sans)));
    } else if (!trusted) {
      detail = inspection.verification() == null ? null : inspection.verification().reason();
    }
    return new TlsObservation(true, expired, nameMatches, trusted, detail);
  }

  private static List<String> limit(List<String> sans) {
    return sans.size() <= 5 ? sans : sans.subList(0, 5);
  }

  static int port(URI url) {
    if (url.getPort() > 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
