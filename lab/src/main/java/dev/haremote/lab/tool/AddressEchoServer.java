package dev.haremote.lab.tool;

import com.sun.net.httpserver.HttpServer;
import dev.haremote.common.net.IpLiterals;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** The "what is my IP" service (ipify, icanhazip): answers the caller's address as plain text. */
public final class AddressEchoServer {

  private final List<HttpServer> servers;

  private AddressEchoServer(List<HttpServer> servers) {
    this.servers = servers;
  }

  /** Listens on each {@code host:port} ({@code [v6]:port} for IPv6). */
  public static AddressEchoServer start(String... listen) throws IOException {
    List<HttpServer> servers = new ArrayList<>();
    for (String hostPort : listen) {
      int colon = hostPort.lastIndexOf(':');
      String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 50);
      server.createContext(
          "/",
          exchange -> {
            byte[] body =
                (literal(exchange.getRemoteAddress().getAddress()) + "\n")
                    .getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      servers.add(server);
    }
    return new AddressEchoServer(servers);
  }

  /** The address as ipify writes it: IPv6 in its short form (RFC 5952), no zone. */
  static String literal(InetAddress address) {
    try {
      // Rebuilt from its bytes: without the scope id that IpLiterals would append as "%N".
      return IpLiterals.format(InetAddress.getByAddress(address.getAddress()));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
    }
  }

  /** The port of the first listener (for tests that bind port 0). */
  int port() {
    return servers.get(0).getAddress().getPort();
  }

  void awaitForever() throws InterruptedException {
    new CountDownLatch(1).await();
  }

  public void stop() {
    servers.forEach(server -> server.stop(0));
  }
}
