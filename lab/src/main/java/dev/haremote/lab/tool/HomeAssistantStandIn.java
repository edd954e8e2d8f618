package dev.haremote.lab.tool;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A Home Assistant stand-in that answers the way Home Assistant's HTTP server does where it matters
 * for remote access: {@code /manifest.json}, {@code /api/} with 401, {@code /api/websocket} with a
 * WebSocket upgrade and the {@code auth_required} frame (400 without the upgrade headers), and 400
 * for an {@code X-Forwarded-For} header from a proxy that is not in {@code trusted_proxies}.
 */
public final class HomeAssistantStandIn {

  static final String AUTH_REQUIRED = "{\"type\":\"auth_required\",\"ha_version\":\"2026.11.3\"}";
  private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final InetAddress bind;
  private final int port;
  private final Set<InetAddress> trustedProxies;
  private final SSLContext tls;
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private ServerSocket server;

  /** {@code bind} null: the wildcard (IPv4 and IPv6), as Home Assistant listens by default. */
  HomeAssistantStandIn(
      InetAddress bind, int port, Set<InetAddress> trustedProxies, SSLContext tls) {
    this.bind = bind;
    this.port = port;
    this.trustedProxies = trustedProxies;
    this.tls = tls;
  }

  static HomeAssistantStandIn fromArgs(String[] args) throws IOException, GeneralSecurityException {
    int port = 8123;
    Set<InetAddress> trusted = Set.of();
    SSLContext tls = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--tls" -> {
          tls = sslContext(Path.of(args[i + 1]), Path.of(args[i + 2]));
          i += 2;
        }
        case "--trusted-proxies" -> {
          Set<InetAddress> addresses = new java.util.HashSet<>();
          for (String address : args[++i].split(",")) {
            addresses.add(InetAddress.getByName(address.trim()));
          }
          trusted = addresses;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new HomeAssistantStandIn(null, port, trusted, tls);
  }

  HomeAssistantStandIn start() throws IOException {
    server = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
    server.setReuseAddress(true);
    // The wildcard on a dual-stack socket: IPv4 and IPv6, like Home Assistant's default.
    server.bind(
        bind == null ? new InetSocketAddress(port) : new InetSocketAddress(bind, port), 100);
    Thread acceptor = new Thread(this::acceptLoop, "ha-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return this;
  }

  int port() {
    return server.getLocalPort();
  }

  void stop() throws IOException {
    server.close();
    workers.shutdownNow();
  }

  void awaitForever() throws InterruptedException {
    new CountDownLatch(1).await();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        workers.execute(() -> serve(socket));
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(10_000);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      List<String> head = readHead(in);
      if (head.isEmpty()) {
        return;
      }
      String[] requestLine = head.get(0).split(" ");
      String path = requestLine.length > 1 ? requestLine[1] : "/";
      Map<String, String> headers = new HashMap<>();
      for (String line : head.subList(1, head.size())) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(
              line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              line.substring(colon + 1).trim());
        }
      }
      InetAddress peer = socket.getInetAddress();
      if (headers.containsKey("x-forwarded-for") && !trustedProxies.contains(peer)) {
        // Home Assistant's http integration: a forwarded request from a proxy it does not trust.
        respond(out, 400, "text/plain", "400: Bad Request");
        return;
      }
      int query = path.indexOf('?');
      String route = query < 0 ? path : path.substring(0, query);
      switch (route) {
        case "/manifest.json" ->
            respond(
                out,
                200,
                "application/manifest+json",
                "{\"name\":\"Home Assistant\",\"short_name\":\"Home Assistant\","
                    + "\"start_url\":\"/?homescreen=1\",\"display\":\"standalone\"}");
        case "/api", "/api/" -> respond(out, 401, "text/plain", "401: Unauthorized");
        case "/api/websocket" -> websocket(in, out, headers);
        case "/" ->
            respond(
                out,
                200,
                "text/html",
                "<!DOCTYPE html><html><head><title>Home Assistant</title></head><body></body></html>");
        default -> respond(out, 404, "text/plain", "404: Not Found");
      }
    } catch (IOException e) {
      // A client that goes away mid-request is normal for probes.
    }
  }

  private void websocket(InputStream in, OutputStream out, Map<String, String> headers)
      throws IOException {
    String key = headers.get("sec-websocket-key");
    boolean upgrade = "websocket".equalsIgnoreCase(headers.getOrDefault("upgrade", ""));
    boolean connectionUpgrade =
        headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("upgrade");
    if (!upgrade || !connectionUpgrade || key == null) {
      // What aiohttp answers when the proxy dropped the upgrade headers.
      respond(
          out,
          400,
          "text/plain",
          "No WebSocket UPGRADE hdr: "
              + headers.get("upgrade")
              + "\n Can \"Upgrade\" only to \"WebSocket\".");
      return;
    }
    String accept;
    try {
      accept =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-1")
                      .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 is always there", e);
    }
    out.write(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + accept
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    byte[] payload = AUTH_REQUIRED.getBytes(StandardCharsets.UTF_8);
    out.write(0x81);
    out.write(payload.length);
    out.write(payload);
    out.flush();
    try {
      // Wait for the client's close (or anything) before hanging up, as HA waits for auth.
      in.read();
    } catch (SocketTimeoutException e) {
      // HA closes unauthenticated connections after a while as well.
    }
  }

  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    int b;
    while ((b = in.read()) >= 0 && total++ < 16_384) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
        line.reset();
      } else {
        line.write(b);
      }
    }
    return lines;
  }

  private static void respond(OutputStream out, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String reason =
        switch (status) {
          case 200 -> "OK";
          case 400 -> "Bad Request";
          case 401 -> "Unauthorized";
          default -> "Not Found";
        };
    out.write(
        ("HTTP/1.1 "
                + status
                + " "
                + reason
                + "\r\nContent-Type: "
                + type
                + "; charset=utf-8\r\nContent-Length: "
                + bytes.length
                + "\r\nServer: Python/3.13 aiohttp/3.12.15\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  private static SSLContext sslContext(Path certFile, Path keyFile)
      throws IOException, GeneralSecurityException {
    List<Certificate> chain;
    try (InputStream in = Files.newInputStream(certFile)) {
      chain = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
    PrivateKey key;
    try (Reader reader = Files.newBufferedReader(keyFile);
        PEMParser parser = new PEMParser(reader)) {
      Object parsed = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      key =
          parsed instanceof PEMKeyPair pair
              ? converter.getKeyPair(pair).getPrivate()
              : converter.getPrivateKey((PrivateKeyInfo) parsed);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = "lab".toCharArray();
    store.setKeyEntry("ha", key, password, chain.toArray(Certificate[]::new));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }
}
