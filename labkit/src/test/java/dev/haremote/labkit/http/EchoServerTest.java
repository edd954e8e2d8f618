package dev.haremote.labkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class EchoServerTest {
  private final HttpClient client = HttpClient.newHttpClient();

  private String get(EchoServer s) throws Exception {
    return client
        .send(HttpRequest.newBuilder(s.url()).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void answersTheConfiguredAddressOrTheCaller() throws Exception {
    try (EchoServer fixed = EchoServer.start("198.51.100.20")) {
      assertThat(get(fixed)).isEqualTo("198.51.100.20\n");
      fixed.answer("198.51.100.21");
      assertThat(get(fixed)).isEqualTo("198.51.100.21\n");
      assertThat(fixed.requests()).isEqualTo(2);
    }
    try (EchoServer caller = EchoServer.start(null)) {
      assertThat(get(caller)).isEqualTo("127.0.0.1\n");
    }
  }
}
