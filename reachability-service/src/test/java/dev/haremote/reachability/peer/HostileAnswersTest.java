package dev.haremote.reachability.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.net.IpFamily;
import dev.haremote.reachability.ddns.DdnsFacts;
import dev.haremote.reachability.ddns.DdnsStatusClient;
import dev.haremote.reachability.diagnosis.ExternalView;
import dev.haremote.reachability.outside.GlobalpingClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A peer, a ddns-service URL or the Globalping API that answers forever, drips, or says nothing:
 * every call ends by its one deadline (plus 10 %) with a reason, and never reads more than its cap
 * (issue #19).
 */
class HostileAnswersTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final long LIMIT_MILLIS = TIMEOUT.toMillis() * 11 / 10 + 300;
  private static final ExecutorService THREADS = Executors.newCachedThreadPool();
  private static ServerSocket endless;
  private static ServerSocket dripping;
  private static ServerSocket silent;
  private static Path tokenFile;

  @BeforeAll
  static void hostileServers() throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    endless = serve(loopback, HostileAnswersTest::endlessBody);
    dripping = serve(loopback, HostileAnswersTest::drip);
    silent = serve(loopback, s -> sleepQuietly(60_000));
    tokenFile = Files.createTempFile("peer-token", "");
    Files.writeString(tokenFile, "a-peer-token");
  }

  @AfterAll
  static void stop() throws IOException {
    THREADS.shutdownNow();
    for (ServerSocket s : List.of(endless, dripping, silent)) {
      s.close();
    }
    Files.deleteIfExists(tokenFile);
  }

  @Test
  void aPeerWithAnEndlessAnswerEndsAtTheCap() {
    ExternalView.PeerOutcome o = askPeer(endless);
    assertThat(o.reachable()).isNull();
    assertThat(o.error()).contains("larger than");
  }

  @Test
  void aDrippingPeerEndsAtTheDeadline() {
    ExternalView.PeerOutcome o = askPeer(dripping);
    assertThat(o.reachable()).isNull();
    assertThat(o.error()).contains("did not finish before the deadline");
  }

  @Test
  void aSilentPeerEndsAtTheDeadline() {
    assertThat(askPeer(silent).error()).contains("timeout");
  }

  @Test
  void ddnsServiceUrlsAreBoundedTheSameWay() {
    assertThat(fetchDdns(endless).error()).contains("larger than");
    assertThat(fetchDdns(dripping).error()).contains("did not finish before the deadline");
    assertThat(fetchDdns(silent).error()).contains("timeout");
  }

  @Test
  void globalpingAnswersAreBoundedTheSameWay() {
    assertThat(measure(endless).error()).isEqualTo("answer larger than 524288 bytes");
    assertThat(measure(dripping).error())
        .isEqualTo("answer incomplete: the body did not finish before the deadline");
    assertThat(measure(silent).error()).isEqualTo("no answer before the deadline");
  }

  private static GlobalpingClient.Outcome measure(ServerSocket server) {
    java.time.Clock clock = java.time.Clock.systemUTC();
    GlobalpingClient client =
        new GlobalpingClient(
            "http://127.0.0.1:" + server.getLocalPort(),
            java.util.Optional.empty(),
            clock,
            d -> {});
    long t0 = System.nanoTime();
    GlobalpingClient.Outcome o =
        client.measure(
            new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(),
            clock.instant().plus(TIMEOUT));
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(LIMIT_MILLIS);
    return o;
  }

  private static ExternalView.PeerOutcome askPeer(ServerSocket server) {
    PeerClient client = new PeerClient("http://127.0.0.1:" + server.getLocalPort(), tokenFile);
    long t0 = System.nanoTime();
    ExternalView.PeerOutcome o = client.ask("https://home.test", List.of(IpFamily.IPV4), TIMEOUT);
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(LIMIT_MILLIS);
    return o;
  }

  private static DdnsFacts fetchDdns(ServerSocket server) {
    long t0 = System.nanoTime();
    DdnsFacts f = new DdnsStatusClient("http://127.0.0.1:" + server.getLocalPort()).fetch(TIMEOUT);
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(LIMIT_MILLIS);
    return f;
  }

  private interface Answer {
    void on(Socket socket) throws IOException;
  }

  private static ServerSocket serve(InetAddress address, Answer answer) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, address);
    THREADS.execute(
        () -> {
          while (!server.isClosed()) {
            try {
              Socket s = server.accept();
              THREADS.execute(
                  () -> {
                    try (s) {
                      answer.on(s);
                    } catch (IOException ignored) {
                      // The client hung up: what these servers expect.
                    }
                  });
            } catch (IOException e) {
              return;
            }
          }
        });
    return server;
  }

  private static void endlessBody(Socket s) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"reachable\":true,\"x\":\""
            .getBytes(StandardCharsets.US_ASCII));
    byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
    while (!Thread.currentThread().isInterrupted()) {
      out.write(chunk);
    }
  }

  private static void drip(Socket s) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n".getBytes());
    out.flush();
    for (int i = 0; i < 120; i++) {
      out.write('{');
      out.flush();
      sleepQuietly(500);
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
