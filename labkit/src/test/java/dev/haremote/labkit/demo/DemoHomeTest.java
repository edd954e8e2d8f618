package dev.haremote.labkit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class DemoHomeTest {
  @TempDir Path runDir;
  private DemoHome home;

  @BeforeEach
  void start() throws Exception {
    home = DemoHome.start(runDir);
  }

  @AfterEach
  void stop() {
    home.close();
  }

  private static String resolveA(String hostPort) throws Exception {
    int colon = hostPort.lastIndexOf(':');
    SimpleResolver resolver = new SimpleResolver(hostPort.substring(0, colon));
    resolver.setPort(Integer.parseInt(hostPort.substring(colon + 1)));
    resolver.setTimeout(Duration.ofSeconds(5));
    Message answer =
        resolver.send(
            Message.newQuery(
                Record.newRecord(Name.fromString(DemoHome.NAME + "."), Type.A, DClass.IN)));
    return ((ARecord) answer.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress();
  }

  @Test
  void thePublicNameHasDriftedWhileTheHomeDnsPointsAtHomeAssistant() throws Exception {
    assertThat(resolveA(home.publicDns())).isEqualTo(DemoHome.PUBLISHED_ADDRESS);
    assertThat(resolveA(home.homeDns())).isEqualTo("127.0.0.1");
  }

  @Test
  void theEchoTellsTheOtherPublicAddress() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(home.echoUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.body().strip()).isEqualTo(DemoHome.PUBLIC_ADDRESS);
  }

  @Test
  void theCertificateFileExpiresInAboutFiveDays() throws Exception {
    home.writeServiceConfigs(runDir, DemoHome.ServicePorts.DEFAULT);
    X509Certificate leaf =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificates(
                    new ByteArrayInputStream(
                        Files.readAllBytes(runDir.resolve("demo-home-fullchain.pem"))))
                .iterator()
                .next();
    Duration left = Duration.between(Instant.now(), leaf.getNotAfter().toInstant());
    assertThat(left).isBetween(Duration.ofDays(4), Duration.ofDays(5));
    assertThat(leaf.getSubjectAlternativeNames())
        .anySatisfy(san -> assertThat(san).isEqualTo(List.of(2, DemoHome.NAME)));
  }

  @Test
  void homeAssistantAnswersOnLoopback() throws Exception {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", home.homeAssistantPort()), 5000);
      assertThat(socket.isConnected()).isTrue();
    }
  }

  @Test
  void theConfigsPointEachServiceAtTheStandIns() throws Exception {
    List<Path> files = home.writeServiceConfigs(runDir, DemoHome.ServicePorts.DEFAULT);
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .containsExactly("reachability.yaml", "certwatch.yaml", "ddns.yaml");
    String reachability = Files.readString(files.get(0));
    String certwatch = Files.readString(files.get(1));
    String ddns = Files.readString(files.get(2));
    String haUrl = "https://" + DemoHome.NAME + ":" + home.homeAssistantPort();

    assertThat(reachability)
        .contains("url: \"" + haUrl + "\"")
        .contains("internal: [\"" + home.homeDns() + "\"]")
        .contains("extra-ca-file: \"" + home.caFile() + "\"")
        .contains("port: 8081");
    assertThat(certwatch)
        .contains("address: 127.0.0.1")
        .contains("sni: " + DemoHome.NAME)
        .contains("port: " + home.homeAssistantPort())
        .contains("served-by: demo-home")
        .contains("port: 8082");
    assertThat(ddns)
        .contains("provider: none")
        .contains("update: false")
        .contains("url: \"" + home.echoUrl() + "\"")
        .contains("authoritative: [\"" + home.publicDns() + "\"]")
        .contains("port: 8083");
  }
}
