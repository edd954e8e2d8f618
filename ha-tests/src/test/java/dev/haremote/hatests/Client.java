package dev.haremote.hatests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** How the tests reach Home Assistant: one GET, or a WebSocket's first text frame. */
final class Client {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient http;

  private Client(HttpClient http) {
    this.http = http;
  }

  static Client trusting(X509Certificate... anchors) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
    if (anchors.length > 0) {
      try {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < anchors.length; i++) {
          store.setCertificateEntry("anchor" + i, anchors[i]);
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        builder.sslContext(context);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return new Client(builder.build());
  }

  Answer get(URI url) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(
          null,
          response.statusCode(),
          response.headers().firstValue("content-type").orElse(""),
          response.body());
    } catch (IOException e) {
      return new Answer(e.toString(), 0, "", "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer("interrupted", 0, "", "");
    }
  }

  /** Opens ws(s)://.../api/websocket and returns the first text frame as the body. */
  Answer websocket(URI url) {
    CompletableFuture<String> first = new CompletableFuture<>();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              first.complete(text.toString());
            }
            ws.request(1);
            return null;
          }
        };
    try {
      WebSocket ws =
          http.newWebSocketBuilder()
              .connectTimeout(TIMEOUT)
              .buildAsync(url, listener)
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      String frame = first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      ws.abort();
      return new Answer(null, 101, "", frame);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException handshake) {
        HttpResponse<?> response = handshake.getResponse();
        Object body = response.body();
        return new Answer(
            "not upgraded",
            response.statusCode(),
            response.headers().firstValue("content-type").orElse(""),
            body == null ? "" : body.toString());
      }
      return new Answer(String.valueOf(e.getCause()), 0, "", "");
    } catch (TimeoutException e) {
      return new Answer("timeout", 0, "", "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer("interrupted", 0, "", "");
    }
  }
}
