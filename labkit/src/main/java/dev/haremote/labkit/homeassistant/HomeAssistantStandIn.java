package dev.haremote.labkit.homeassistant;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.labkit.certs.IssuedCert;
import dev.haremote.labkit.http.HttpExchange;
import dev.haremote.labkit.http.MiniHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Behaves like Home Assistant's HTTP server as far as the probes see it: {@code /manifest.json}
 * (HA's real manifest shape), {@code /api/} answering {@code 401: Unauthorized} without a token,
 * {@code /api/websocket} upgrading and sending {@code {"type": "auth_required", "ha_version": ...}}
 * first, {@code /} a frontend-like page. Plain or TLS, on any given address.
 *
 * <p>The reverse-proxy rules mimic HA's {@code http/forwarded.py}: a request carrying {@code
 * X-Forwarded-For} gets {@code 400: Bad Request} when {@code use_x_forwarded_for} is off, or when
 * it comes from an address outside {@code trusted_proxies} (HA logs "A request from a reverse proxy
 * was received from ..., but your HTTP integration is not set-up for reverse proxies").
 */
public final class HomeAssistantStandIn implements AutoCloseable {
  public static final String DEFAULT_VERSION = "2026.11.0";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final MiniHttpServer server;
  private final Options options;
  private volatile String externalUrl;
  private volatile String internalUrl;
  private final AtomicInteger rejectedForwarded = new AtomicInteger();
  private final AtomicInteger websocketsOpened = new AtomicInteger();
  private final AtomicInteger failedLogins = new AtomicInteger();
  private final AtomicInteger authenticated = new AtomicInteger();
  private final AtomicReference<String> lastForwardedFor = new AtomicReference<>();

  private HomeAssistantStandIn(Options options) throws IOException {
    this.options = options;
    this.externalUrl = options.externalUrl;
    this.internalUrl = options.internalUrl;
    MiniHttpServer.Handler handler = this::handle;
    this.server =
        options.cert == null
            ? MiniHttpServer.start(options.bind, options.port, handler)
            : MiniHttpServer.startTls(
                options.bind,
                options.port,
                options.cert.serverContext(options.withIntermediate),
                handler);
  }

  public static Options options() {
    return new Options();
  }

  /** Plain HTTP on loopback, port chosen by the OS, no proxy support (HA's defaults). */
  public static HomeAssistantStandIn start() throws IOException {
    return options().start();
  }

  /** What to start; every setter returns this. */
  public static final class Options {
    private InetAddress bind = InetAddress.getLoopbackAddress();
    private int port;
    private IssuedCert cert;
    private boolean withIntermediate = true;
    private boolean useXForwardedFor;
    private final List<String> trustedProxies = new ArrayList<>();
    private String version = DEFAULT_VERSION;
    private String accessToken;
    private String externalUrl;
    private String internalUrl;

    public Options bind(InetAddress address) {
      this.bind = address;
      return this;
    }

    public Options port(int port) {
      this.port = port;
      return this;
    }

    /** Serve TLS with this certificate, presenting the intermediate or not. */
    public Options tls(IssuedCert cert, boolean withIntermediate) {
      this.cert = cert;
      this.withIntermediate = withIntermediate;
      return this;
    }

    /** HA's {@code http.use_x_forwarded_for} and {@code http.trusted_proxies} (CIDRs or IPs). */
    public Options behindProxy(boolean useXForwardedFor, String... trustedProxies) {
      this.useXForwardedFor = useXForwardedFor;
      this.trustedProxies.addAll(List.of(trustedProxies));
      return this;
    }

    /** The access token the WebSocket auth phase accepts (none: every token is refused). */
    public Options accessToken(String token) {
      this.accessToken = token;
      return this;
    }

    /**
     * HA's External and Internal URL settings (null: not set), answered to {@code get_config} after
     * {@code auth_ok}, as HA's WebSocket API does.
     */
    public Options urls(String external, String internal) {
      this.externalUrl = external;
      this.internalUrl = internal;
      return this;
    }

    public Options version(String haVersion) {
      this.version = haVersion;
      return this;
    }

    public HomeAssistantStandIn start() throws IOException {
      return new HomeAssistantStandIn(this);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String forwardedFor = ex.header("x-forwarded-for");
    if (forwardedFor != null) {
      lastForwardedFor.set(forwardedFor);
      if (!options.useXForwardedFor || !trusted(ex.remoteAddress())) {
        rejectedForwarded.incrementAndGet();
        text(ex, 400, "400: Bad Request");
        return;
      }
    }
    String path = ex.path();
    if (!ex.method().equals("GET") && !ex.method().equals("HEAD")) {
      text(ex, 405, "405: Method Not Allowed");
      return;
    }
    switch (path) {
      case "/manifest.json" -> answer(ex, 200, "application/manifest+json", manifest());
      case "/api/", "/api" -> {
        failedLogins.incrementAndGet(); // as HA's ban middleware counts it
        text(ex, 401, "401: Unauthorized");
      }
      case "/api/websocket" -> websocket(ex);
      case "/" -> answer(ex, 200, "text/html; charset=utf-8", frontendPage());
      default -> text(ex, 404, "404: Not Found");
    }
  }

  private void websocket(HttpExchange ex) throws IOException {
    String upgrade = ex.header("upgrade");
    String key = ex.header("sec-websocket-key");
    if (upgrade == null || !upgrade.equalsIgnoreCase("websocket") || key == null) {
      // aiohttp's answer to a GET without a WebSocket upgrade.
      text(
          ex,
          400,
          "No WebSocket UPGRADE hdr: " + upgrade + "\n Can \"Upgrade\" only to \"WebSocket\".");
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Upgrade", "websocket");
    headers.put("Connection", "upgrade");
    headers.put("Sec-WebSocket-Accept", accept(key));
    ex.writeHead(101, headers);
    websocketsOpened.incrementAndGet();
    OutputStream out = ex.out();
    String hello = "{\"type\": \"auth_required\", \"ha_version\": \"" + options.version + "\"}";
    writeFrame(out, 0x1, hello.getBytes(StandardCharsets.UTF_8));
    // Wait for the client's frames; answer a close with a close, as aiohttp does.
    InputStream in = ex.in();
    boolean authenticated = false;
    while (true) {
      int b0 = in.read();
      int b1 = in.read();
      if (b0 < 0 || b1 < 0) {
        return;
      }
      long length = b1 & 0x7f;
      if (length == 126) {
        length = (in.read() << 8) | in.read();
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) {
          length = (length << 8) | in.read();
        }
      }
      byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
      if ((b0 & 0x0f) == 0x8) {
        in.skipNBytes(length);
        writeFrame(out, 0x8, new byte[] {0x03, (byte) 0xE8});
        return;
      }
      if ((b0 & 0x0f) == 0x1 && length <= 16 * 1024) {
        byte[] payload = in.readNBytes((int) length);
        for (int i = 0; mask != null && i < payload.length; i++) {
          payload[i] ^= mask[i % 4];
        }
        String message = new String(payload, StandardCharsets.UTF_8);
        if (authenticated) {
          writeFrame(out, 0x1, commandAnswer(message));
          continue;
        }
        byte[] answer = authAnswer(message);
        authenticated = new String(answer, StandardCharsets.UTF_8).contains("\"auth_ok\"");
        writeFrame(out, 0x1, answer);
        continue;
      }
      in.skipNBytes(length);
    }
  }

  /** Changes HA's External and Internal URL settings (null: not set), as a user would. */
  public void urls(String external, String internal) {
    this.externalUrl = external;
    this.internalUrl = internal;
  }

  /** After auth_ok: HA's {@code get_config} result, or an error result for anything else. */
  private byte[] commandAnswer(String message) {
    int id = 0;
    String type = null;
    try {
      com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(message);
      id = node.path("id").asInt();
      type = node.path("type").asText(null);
    } catch (IOException e) {
      // not JSON: an error result below
    }
    com.fasterxml.jackson.databind.node.ObjectNode answer =
        JSON.createObjectNode().put("id", id).put("type", "result");
    if ("get_config".equals(type)) {
      answer.put("success", true);
      answer
          .putObject("result")
          .put("version", options.version)
          .put("location_name", "Home")
          .put("external_url", externalUrl)
          .put("internal_url", internalUrl);
    } else {
      answer.put("success", false).putObject("error").put("code", "unknown_command");
    }
    return answer.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** HA's auth phase: auth_ok for the configured token, else auth_invalid (a failed login). */
  private byte[] authAnswer(String message) {
    String token = null;
    try {
      token = JSON.readTree(message).path("access_token").asText(null);
    } catch (IOException e) {
      // not JSON: refused like a wrong token
    }
    String answer;
    if (token != null && token.equals(options.accessToken)) {
      authenticated.incrementAndGet();
      answer = "{\"type\":\"auth_ok\",\"ha_version\":\"" + options.version + "\"}";
    } else {
      failedLogins.incrementAndGet();
      answer = "{\"type\":\"auth_invalid\",\"message\":\"Invalid access token or password\"}";
    }
    return answer.getBytes(StandardCharsets.UTF_8);
  }

  static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
    out.write(0x80 | opcode);
    if (payload.length < 126) {
      out.write(payload.length);
    } else if (payload.length < 65536) {
      out.write(126);
      out.write(payload.length >>> 8);
      out.write(payload.length & 0xff);
    } else {
      out.write(127);
      long len = payload.length;
      for (int i = 7; i >= 0; i--) {
        out.write((int) (len >>> (8 * i)) & 0xff);
      }
    }
    out.write(payload);
    out.flush();
  }

  static String accept(String key) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-1")
                  .digest((key.trim() + WS_GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean trusted(InetAddress remote) {
    for (String proxy : options.trustedProxies) {
      if (inNetwork(remote, proxy)) {
        return true;
      }
    }
    return false;
  }

  static boolean inNetwork(InetAddress address, String cidr) {
    try {
      String[] parts = cidr.trim().split("/");
      byte[] net = InetAddress.getByName(parts[0]).getAddress();
      byte[] addr = address.getAddress();
      if (net.length != addr.length) {
        return false;
      }
      int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : net.length * 8;
      for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
        int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
        if ((net[i] & mask) != (addr[i] & mask)) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException | NumberFormatException e) {
      return false;
    }
  }

  /** HA's response headers from its security middleware (no Server header). */
  private static Map<String, String> haHeaders(String contentType) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", contentType);
    h.put("Referrer-Policy", "no-referrer");
    h.put("X-Content-Type-Options", "nosniff");
    h.put("X-Frame-Options", "SAMEORIGIN");
    return h;
  }

  private static void text(HttpExchange ex, int status, String body) throws IOException {
    answer(ex, status, "text/plain; charset=utf-8", body);
  }

  private static void answer(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    ex.respond(status, haHeaders(contentType), body.getBytes(StandardCharsets.UTF_8));
  }

  /** The shape of HA's frontend MANIFEST_JSON. */
  static String manifest() {
    StringBuilder icons = new StringBuilder();
    int[] sizes = {192, 384, 512, 1024};
    for (int i = 0; i < sizes.length; i++) {
      int s = sizes[i];
      icons
          .append(i == 0 ? "" : ", ")
          .append("{\"src\": \"/static/icons/favicon-")
          .append(s)
          .append('x')
          .append(s)
          .append(".png\", \"sizes\": \"")
          .append(s)
          .append('x')
          .append(s)
          .append("\", \"type\": \"image/png\", \"purpose\": \"any\"}");
    }
    return "{\"background_color\": \"#FFFFFF\", "
        + "\"description\": \"Home automation platform that puts local control and privacy first.\", "
        + "\"dir\": \"ltr\", \"display\": \"standalone\", \"icons\": ["
        + icons
        + "], \"lang\": \"en-US\", \"name\": \"Home Assistant\", "
        + "\"prefer_related_applications\": true, \"related_applications\": "
        + "[{\"platform\": \"play\", \"id\": \"io.homeassistant.companion.android\"}], "
        + "\"scope\": \"/\", \"short_name\": \"Home Assistant\", \"start_url\": \"/?homescreen=1\", "
        + "\"id\": \"/?homescreen=1\", \"theme_color\": \"#03A9F4\"}";
  }

  private static String frontendPage() {
    return "<!DOCTYPE html><html><head><title>Home Assistant</title>"
        + "<link rel=\"manifest\" href=\"/manifest.json\" crossorigin=\"use-credentials\">"
        + "<meta name=\"viewport\" content=\"width=device-width, viewport-fit=cover\">"
        + "</head><body><home-assistant></home-assistant></body></html>";
  }

  public int port() {
    return server.port();
  }

  public InetSocketAddress socketAddress() {
    return server.socketAddress();
  }

  /** http(s)://host:port/path; {@code host} null means the bound address. */
  public URI url(String host, String path) {
    return server.url(host, path);
  }

  public int requests() {
    return server.requests();
  }

  /** Requests answered 400 because of an untrusted X-Forwarded-For. */
  public int rejectedForwarded() {
    return rejectedForwarded.get();
  }

  public int websocketsOpened() {
    return websocketsOpened.get();
  }

  /** Requests HA would count as failed logins: 401 on /api/, a refused WebSocket token. */
  public int failedLogins() {
    return failedLogins.get();
  }

  /** WebSocket auth phases that ended with auth_ok. */
  public int authenticated() {
    return authenticated.get();
  }

  public String lastForwardedFor() {
    return lastForwardedFor.get();
  }

  @Override
  public void close() {
    server.close();
  }
}
