package dev.haremote.labkit.demo;

import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.certs.TestPki;
import dev.haremote.labkit.dns.TestDnsServer;
import dev.haremote.labkit.homeassistant.HomeAssistantStandIn;
import dev.haremote.labkit.http.EchoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A small home on loopback for the README's run command, so a first run shows every sensor with
 * real values: Home Assistant over TLS with a certificate that expires in about five days, a public
 * DNS server whose record for the demo name is out of date (DDNS drift), the home's own split-brain
 * DNS, and an address echo that tells the home's "public" address. It writes one configuration file
 * per service into the run directory and stays up until stopped.
 *
 * <p>Addresses come from the documentation ranges (RFC 5737): the home's public address is {@link
 * #PUBLIC_ADDRESS}, the name still points at {@link #PUBLISHED_ADDRESS}.
 */
public final class DemoHome implements AutoCloseable {
  public static final String NAME = "demo-home.duckdns.org";
  public static final String PUBLIC_ADDRESS = "203.0.113.10";
  public static final String PUBLISHED_ADDRESS = "198.51.100.7";
  static final Duration CERT_LIFETIME = Duration.ofDays(45);
  static final Duration CERT_LEFT = Duration.ofDays(5);

  /** Ports of the three services as the run command starts them. */
  public record ServicePorts(int reachability, int certwatch, int ddns) {
    public static final ServicePorts DEFAULT = new ServicePorts(8081, 8082, 8083);
  }

  private final List<AutoCloseable> running = new ArrayList<>();
  private final HomeAssistantStandIn homeAssistant;
  private final TestDnsServer publicDns;
  private final TestDnsServer homeDns;
  private final EchoServer echo;
  private final IssuedCert cert;
  private final Path caFile;
  private final Path certFile;
  private final Path keyFile;

  private DemoHome(Path runDir) throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    Files.createDirectories(runDir);
    TestPki pki = TestPki.create("Demo Home");
    cert = pki.leaf().dns(NAME).lifetime(CERT_LIFETIME, CERT_LIFETIME.minus(CERT_LEFT)).issue();
    caFile = Files.writeString(runDir.resolve("demo-ca.pem"), IssuedCert.pem(List.of(pki.root())));
    certFile = cert.writeChainPem(runDir.resolve("demo-home-fullchain.pem"));
    keyFile = cert.writeKeyPem(runDir.resolve("demo-home-privkey.pem"));
    try {
      homeAssistant = track(HomeAssistantStandIn.options().bind(loopback).tls(cert, true).start());
      // The zone as the world sees it: the record still holds the old address (drift), and an
      // OpenDNS-style "what is my address" name answers the home's current public address.
      publicDns =
          track(TestDnsServer.start(loopback))
              .authoritative(true)
              .add(NAME, "A", 60, PUBLISHED_ADDRESS)
              .add("myip.opendns.com", "A", 0, PUBLIC_ADDRESS);
      // Split-brain DNS inside the home: the name resolves to Home Assistant's LAN address.
      homeDns =
          track(TestDnsServer.start(loopback)).authoritative(true).add(NAME, "A", 60, "127.0.0.1");
      echo = track(EchoServer.start(loopback, 0, PUBLIC_ADDRESS + "\n"));
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  public static DemoHome start(Path runDir) throws IOException {
    return new DemoHome(runDir);
  }

  private <T extends AutoCloseable> T track(T server) {
    running.add(server);
    return server;
  }

  public int homeAssistantPort() {
    return homeAssistant.port();
  }

  public String publicDns() {
    return publicDns.hostPort();
  }

  public String homeDns() {
    return homeDns.hostPort();
  }

  public String echoUrl() {
    return echo.url().toString();
  }

  public Path caFile() {
    return caFile;
  }

  /** The three configuration files, in the contract's keys; returns their paths. */
  public List<Path> writeServiceConfigs(Path runDir, ServicePorts ports) throws IOException {
    DemoConfigs configs = configs(runDir, ports);
    return List.of(
        Files.writeString(runDir.resolve("reachability.yaml"), configs.reachability()),
        Files.writeString(runDir.resolve("certwatch.yaml"), configs.certwatch()),
        Files.writeString(runDir.resolve("ddns.yaml"), configs.ddns()));
  }

  /**
   * One configuration file for the one-process assembly listening on {@code port}: the same
   * sections as the three files; returns its path.
   */
  public Path writeOneProcessConfig(Path runDir, int port) throws IOException {
    // The three services' own ports play no part in the one process's file.
    return Files.writeString(
        runDir.resolve("one-process.yaml"), configs(runDir, ServicePorts.DEFAULT).oneProcess(port));
  }

  private DemoConfigs configs(Path runDir, ServicePorts ports) throws IOException {
    Path stateDir = Files.createDirectories(runDir.resolve("ddns-state"));
    return new DemoConfigs(
        homeAssistant.port(),
        publicDns.hostPort(),
        homeDns.hostPort(),
        echo.url().toString(),
        caFile,
        certFile,
        keyFile,
        stateDir,
        ports);
  }

  @Override
  public void close() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        // Closing loopback servers on the way out: nothing a user could act on.
      }
    }
    running.clear();
  }

  /**
   * {@code DemoHome RUN_DIR [REACHABILITY_PORT CERTWATCH_PORT DDNS_PORT [ONE_PROCESS_PORT]]}:
   * starts the demo home, writes {@code RUN_DIR/{reachability,certwatch,ddns}.yaml} and {@code
   * RUN_DIR/one-process.yaml} (the one-process assembly, port 8080 unless given), then {@code
   * RUN_DIR/demo-ready}, and runs until the process is stopped.
   */
  public static void main(String[] args) throws Exception {
    Path runDir = Path.of(args.length > 0 ? args[0] : ".demo-run").toAbsolutePath();
    Files.deleteIfExists(runDir.resolve("demo-ready"));
    DemoHome home = DemoHome.start(runDir);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  home.close();
                  stopped.countDown();
                }));
    ServicePorts ports =
        args.length >= 4
            ? new ServicePorts(
                Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]))
            : ServicePorts.DEFAULT;
    home.writeServiceConfigs(runDir, ports);
    home.writeOneProcessConfig(runDir, args.length >= 5 ? Integer.parseInt(args[4]) : 8080);
    System.out.printf(
        "demo home: Home Assistant https://%s:%d (127.0.0.1, certificate expires in %d days),"
            + " public DNS %s (%s -> %s, drifted), home DNS %s, echo %s (%s)%n",
        NAME,
        home.homeAssistantPort(),
        CERT_LEFT.toDays(),
        home.publicDns(),
        NAME,
        PUBLISHED_ADDRESS,
        home.homeDns(),
        home.echoUrl(),
        PUBLIC_ADDRESS);
    Files.writeString(runDir.resolve("demo-ready"), "ready\n");
    stopped.await();
  }
}
