package dev.haremote.common.suite.round;

import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.concurrent.CompletableFuture;

/**
 * Tells when Quarkus's HTTP server listens (its {@link HttpServerStart} or {@link HttpsServerStart}
 * event, sent after the port is bound). A service opens its rounds here, so an instance that cannot
 * bind its port (a second one on the same port) never runs a round, let alone sends an update.
 */
@ApplicationScoped
public class HttpListening {
  private final CompletableFuture<Void> listening = new CompletableFuture<>();

  void onHttp(@ObservesAsync HttpServerStart event) {
    listening.complete(null);
  }

  void onHttps(@ObservesAsync HttpsServerStart event) {
    listening.complete(null);
  }

  public boolean listening() {
    return listening.isDone();
  }

  /** Runs {@code action} once the port is bound (at once when it already is). */
  public void whenListening(Runnable action) {
    listening.thenRun(action);
  }
}
