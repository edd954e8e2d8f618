package dev.haremote.lab.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lab's Home Assistant stand-in and address echo, on loopback with OS-chosen ports. */
class LabStandInsTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HomeAssistantStandIn ha;

  @BeforeEach
  void start() throws IOException {
    // Trusts a proxy address that is not loopback: a forwarded request from here is refused.
    ha =
        new HomeAssistantStandIn(LOOPBACK, 0, Set.of(InetAddress.getByName("192.0.2.250")), null)
            .start();
  }

  @AfterEach
  void stop() throws IOException {
    ha.stop();
  }

  @Test
  void answersLikeHomeAssistant() throws Exception {
    assertThat(get("/manifest.json", null).body()).contains("\"name\":\"Home Assistant\"");
    HttpResponse<String> api = get("/api/", null);
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.body()).isEqualTo("401: Unauthorized");
  }

  @Test
  void refusesAForwardedRequestFromAnUntrustedProxy() throws Exception {
    assertThat(get("/api/", "198.51.100.7").statusCode()).isEqualTo(400);
  }

  @Test
  void webSocketSendsAuthRequiredAndNeedsTheUpgradeHeaders() throws Exception {
    try (Socket socket = new Socket(LOOPBACK, ha.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      String answer = readUntil(socket.getInputStream(), HomeAssistantStandIn.AUTH_REQUIRED);
      assertThat(answer).startsWith("HTTP/1.1 101");
      // RFC 6455's example key and accept value.
      assertThat(answer).contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
      assertThat(answer).contains(HomeAssistantStandIn.AUTH_REQUIRED);
    }
    assertThat(get("/api/websocket", null).statusCode()).as("no upgrade headers").isEqualTo(400);
  }

  @Test
  void echoAnswersTheCallersAddressInItsShortForm() throws Exception {
    AddressEchoServer echo = AddressEchoServer.start("127.0.0.1:0");
    try {
      assertThat(AddressEchoServer.literal(InetAddress.getByName("2001:db8:2:0:0:0:0:10")))
          .isEqualTo("2001:db8:2::10");
      assertThat(AddressEchoServer.literal(InetAddress.getByName("2001:db8:0:1:0:0:0:1")))
          .isEqualTo("2001:db8:0:1::1");
      assertThat(AddressEchoServer.literal(InetAddress.getByName("::1"))).isEqualTo("::1");
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + echo.port() + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.body()).isEqualTo("127.0.0.1\n");
    } finally {
      echo.stop();
    }
  }

  private HttpResponse<String> get(String path, String forwardedFor) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ha.port() + path))
            .timeout(Duration.ofSeconds(5));
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String readUntil(InputStream in, String marker) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      seen.write(b);
      if (seen.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
        break;
      }
    }
    return seen.toString(StandardCharsets.ISO_8859_1);
  }
}
