package dev.haremote.labkit.globalping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haremote.labkit.http.HttpExchange;
import dev.haremote.labkit.http.MiniHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A stand-in for the Globalping API (jsdelivr/globalping, public/v1/spec.yaml): {@code POST
 * /v1/measurements} answers 202 with {@code {id, probesCount}} and a {@code Location} header,
 * {@code GET /v1/measurements/{id}} answers {@code in-progress} and then {@code finished} with one
 * result per probe. Only {@code type: http} is measured; the request body is validated as the real
 * API does (400 {@code validation_error}), a configured token is checked (401 without a body, as
 * the real API's authenticate middleware), and 429 can be scripted with the real headers.
 *
 * <p>Its probes really measure: each opens a connection to the address the test's "internet" routes
 * the target's host and family to, speaks TLS with the host as SNI (never rejecting a certificate,
 * as the real probe runs with {@code rejectUnauthorized: false}, and reporting Node's authorization
 * error codes), sends the request and keeps at most 10,000 characters of the body.
 */
public final class GlobalpingStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DOWNLOAD_LIMIT = 10_000;
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
  private static final Set<String> LOCATION_KEYS =
      Set.of(
          "continent",
          "region",
          "country",
          "state",
          "city",
          "asn",
          "network",
          "tags",
          "magic",
          "limit");

  /** Where a probe outside reaches {@code host} over one IP family: null = no such address. */
  @FunctionalInterface
  public interface Internet {
    InetSocketAddress route(String host, int ipVersion, int port);

    /**
     * The real thing, for the lab's internet namespace: the host resolved by the system resolver
     * (there, the lab's public DNS), the first address of the family, the requested port.
     */
    static Internet resolving() {
      return (host, ipVersion, port) -> {
        try {
          for (InetAddress a : InetAddress.getAllByName(host)) {
            if ((ipVersion == 6) == (a instanceof java.net.Inet6Address)) {
              return new InetSocketAddress(a, port);
            }
          }
        } catch (java.net.UnknownHostException e) {
          return null;
        }
        return null;
      };
    }
  }

  /** A created measurement as the stand-in received it. */
  public record Created(String id, JsonNode request, String authorization) {}

  private final MiniHttpServer server;
  private final Internet internet;
  private final X509TrustManager trust;
  private final String token;
  private final int probes;
  private final int inProgressPolls;
  private final int connectTimeoutMillis;
  private final Map<String, Measurement> measurements = new ConcurrentHashMap<>();
  private final List<Created> created = new CopyOnWriteArrayList<>();
  private final AtomicInteger rejected429 = new AtomicInteger();
  private final AtomicInteger polls = new AtomicInteger();
  private volatile int rateLimitNext;
  private volatile int retryAfterSeconds = 60;

  private GlobalpingStandIn(Options o) throws IOException {
    this.internet = o.internet;
    this.trust = trustManager(o.trustAnchors);
    this.token = o.token;
    this.probes = o.probes;
    this.inProgressPolls = o.inProgressPolls;
    this.connectTimeoutMillis = o.connectTimeoutMillis;
    this.server = MiniHttpServer.start(o.bind, o.port, this::handle);
  }

  public static Options options() {
    return new Options();
  }

  /** How the stand-in is built. */
  public static final class Options {
    private InetAddress bind = InetAddress.getLoopbackAddress();
    private int port;
    private Internet internet = (h, v, p) -> null;
    private Collection<X509Certificate> trustAnchors = List.of();
    private String token;
    private int probes = 3;
    private int inProgressPolls = 1;
    private int connectTimeoutMillis = 2_000;

    public Options bind(InetAddress address) {
      this.bind = address;
      return this;
    }

    /** A fixed port (the lab); 0, the default, lets the OS choose. */
    public Options port(int port) {
      this.port = port;
      return this;
    }

    /** The CAs in a PEM file (the lab's CA) as the probes' trust anchors. */
    public Options trustPem(java.nio.file.Path pem) throws IOException {
      try (InputStream in = java.nio.file.Files.newInputStream(pem)) {
        List<X509Certificate> anchors = new ArrayList<>();
        for (java.security.cert.Certificate c :
            java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          anchors.add((X509Certificate) c);
        }
        return trust(anchors);
      } catch (CertificateException e) {
        throw new IOException("not a PEM certificate bundle: " + pem, e);
      }
    }

    /** Where the probes' connections go, per host and family. */
    public Options internet(Internet internet) {
      this.internet = internet;
      return this;
    }

    /** The CAs the probes trust (the real probes use Node's bundle). */
    public Options trust(Collection<X509Certificate> anchors) {
      this.trustAnchors = List.copyOf(anchors);
      return this;
    }

    /** Requests must carry {@code Authorization: Bearer <token>}; anything else is 401. */
    public Options token(String token) {
      this.token = token;
      return this;
    }

    /** Probes available per measurement (the result count is min(limit, probes)). */
    public Options probes(int probes) {
      this.probes = probes;
      return this;
    }

    /** How many polls of a measurement answer {@code in-progress} before it is finished. */
    public Options inProgressPolls(int polls) {
      this.inProgressPolls = polls;
      return this;
    }

    /** A probe's connect timeout (the real probe gives a request 10 s). */
    public Options connectTimeoutMillis(int millis) {
      this.connectTimeoutMillis = millis;
      return this;
    }

    public GlobalpingStandIn start() throws IOException {
      return new GlobalpingStandIn(this);
    }
  }

  public String url() {
    return "http://" + hostLiteral(server.address()) + ":" + server.port();
  }

  /** The next {@code count} creations answer 429 with the given reset. */
  public void rateLimitNext(int count, int retryAfterSeconds) {
    this.retryAfterSeconds = retryAfterSeconds;
    this.rateLimitNext = count;
  }

  /** Every measurement created (accepted with 202), in order. */
  public List<Created> created() {
    return List.copyOf(created);
  }

  /** Creations answered with 429. */
  public int rejectedByRateLimit() {
    return rejected429.get();
  }

  /** GET requests for measurements. */
  public int polls() {
    return polls.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    if (token != null && !("Bearer " + token).equals(ex.header("authorization"))) {
      // The real API answers 401 with an empty body to a token it does not know.
      ex.respond(401, Map.of(), new byte[0]);
      return;
    }
    String path = ex.path();
    if ("POST".equals(ex.method()) && "/v1/measurements".equals(path)) {
      create(ex);
    } else if ("GET".equals(ex.method()) && path.startsWith("/v1/measurements/")) {
      poll(ex, path.substring("/v1/measurements/".length()));
    } else {
      error(ex, 404, "not_found", "Couldn't find the requested item.", Map.of());
    }
  }

  private void create(HttpExchange ex) throws IOException {
    JsonNode body;
    try {
      body = JSON.readTree(ex.body());
    } catch (IOException e) {
      error(ex, 400, "invalid_json", "Invalid JSON.", Map.of());
      return;
    }
    String problem = validate(body);
    if (problem != null) {
      error(
          ex,
          400,
          "validation_error",
          "Parameter validation failed.",
          Map.of(problem.substring(0, problem.indexOf(' ')), problem));
      return;
    }
    int limit = body.path("limit").asInt(1);
    if (rateLimitNext > 0) {
      rateLimitNext--;
      rejected429.incrementAndGet();
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", "application/json; charset=utf-8");
      headers.put("X-RateLimit-Limit", "250");
      headers.put("X-RateLimit-Consumed", "0");
      headers.put("X-RateLimit-Remaining", "0");
      headers.put("X-RateLimit-Reset", String.valueOf(retryAfterSeconds));
      headers.put("X-Request-Cost", String.valueOf(limit));
      ex.respond(
          429,
          headers,
          errorBody("too_many_probes", "Too Many Probes Requested", Map.of())
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    int count = Math.min(limit, probes);
    Measurement m = new Measurement(id, body, count);
    measurements.put(id, m);
    created.add(new Created(id, body, ex.header("authorization")));
    Thread runner = new Thread(() -> m.run(this), "globalping-stand-in-" + id);
    runner.setDaemon(true);
    runner.start();
    ObjectNode answer = JSON.createObjectNode().put("id", id).put("probesCount", count);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put("Location", url() + "/v1/measurements/" + id);
    headers.put("X-RateLimit-Limit", "250");
    headers.put("X-RateLimit-Consumed", String.valueOf(count));
    headers.put("X-RateLimit-Remaining", "200");
    headers.put("X-RateLimit-Reset", "3600");
    headers.put("X-Request-Cost", String.valueOf(count));
    ex.respond(202, headers, JSON.writeValueAsBytes(answer));
  }

  /** The http measurement's schema (MeasurementRequest, MeasurementHttpOptions); null when fine. */
  static String validate(JsonNode body) {
    if (!body.isObject()) {
      return "measurement must be an object";
    }
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!Set.of("type", "target", "inProgressUpdates", "locations", "limit", "measurementOptions")
          .contains(f)) {
        return f + " is not allowed";
      }
    }
    if (!"http".equals(body.path("type").asText(null))) {
      return "type must be http (the only type this stand-in measures)";
    }
    String target = body.path("target").asText("");
    JsonNode options = body.path("measurementOptions");
    boolean isIp = target.matches("[0-9.]+") || target.contains(":");
    if (target.isEmpty() || !isIp && !DOMAIN.matcher(target).matches()) {
      return "target must be a valid hostname or IP address";
    }
    JsonNode limit = body.path("limit");
    if (!limit.isMissingNode() && (!limit.isInt() || limit.asInt() < 1 || limit.asInt() > 500)) {
      return "limit must be between 1 and 500";
    }
    JsonNode locations = body.path("locations");
    if (!locations.isMissingNode()) {
      if (!locations.isArray()) {
        return "locations must be an array";
      }
      for (JsonNode l : locations) {
        if (!l.isObject() || l.isEmpty()) {
          return "locations must hold objects";
        }
        for (var it = l.fieldNames(); it.hasNext(); ) {
          String key = it.next();
          if (!LOCATION_KEYS.contains(key)) {
            return "locations." + key + " is not allowed";
          }
        }
        if (l.has("limit") && !limit.isMissingNode()) {
          return "limit is mutually exclusive with locations[].limit";
        }
      }
    }
    if (!options.isMissingNode()) {
      for (var it = options.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!Set.of("request", "resolver", "port", "protocol", "ipVersion").contains(f)) {
          return "measurementOptions." + f + " is not allowed";
        }
      }
      String protocol = options.path("protocol").asText("HTTPS");
      if (!Set.of("HTTP", "HTTPS", "HTTP2").contains(protocol)) {
        return "measurementOptions.protocol must be one of HTTP, HTTPS, HTTP2";
      }
      JsonNode port = options.path("port");
      if (!port.isMissingNode() && (!port.isInt() || port.asInt() < 0 || port.asInt() > 65535)) {
        return "measurementOptions.port must be between 0 and 65535";
      }
      JsonNode ip = options.path("ipVersion");
      if (!ip.isMissingNode()) {
        if (!ip.isInt() || ip.asInt() != 4 && ip.asInt() != 6) {
          return "measurementOptions.ipVersion must be 4 or 6";
        }
        if (isIp) {
          return "measurementOptions.ipVersion is only allowed when the target is a hostname";
        }
      }
      JsonNode request = options.path("request");
      if (!request.isMissingNode()) {
        for (var it = request.fieldNames(); it.hasNext(); ) {
          String f = it.next();
          if (!Set.of("host", "path", "query", "method", "headers").contains(f)) {
            return "measurementOptions.request." + f + " is not allowed";
          }
        }
        String method = request.path("method").asText("HEAD");
        if (!Set.of("HEAD", "GET", "OPTIONS").contains(method)) {
          return "measurementOptions.request.method must be one of HEAD, GET, OPTIONS";
        }
      }
    }
    return null;
  }

  private void poll(HttpExchange ex, String id) throws IOException {
    polls.incrementAndGet();
    Measurement m = measurements.get(id);
    if (m == null) {
      error(ex, 404, "not_found", "Couldn't find the requested item.", Map.of());
      return;
    }
    ex.respond(
        200,
        Map.of("Content-Type", "application/json; charset=utf-8"),
        JSON.writeValueAsBytes(m.view(inProgressPolls)));
  }

  private static void error(
      HttpExchange ex, int status, String type, String message, Map<String, String> params)
      throws IOException {
    ex.respond(status, "application/json; charset=utf-8", errorBody(type, message, params));
  }

  private static String errorBody(String type, String message, Map<String, String> params) {
    ObjectNode error = JSON.createObjectNode().put("type", type).put("message", message);
    if (!params.isEmpty()) {
      ObjectNode p = error.putObject("params");
      params.forEach(p::put);
    }
    ObjectNode root = JSON.createObjectNode();
    root.set("error", error);
    return root.toString();
  }

  /** One measurement: its probes run on their own thread; polls see their progress. */
  private static final class Measurement {
    private final String id;
    private final JsonNode request;
    private final int count;
    private final Instant createdAt = Instant.now();
    private final List<ObjectNode> results = new CopyOnWriteArrayList<>();
    private final AtomicInteger seen = new AtomicInteger();
    private volatile boolean done;

    Measurement(String id, JsonNode request, int count) {
      this.id = id;
      this.request = request;
      this.count = count;
    }

    void run(GlobalpingStandIn standIn) {
      for (int i = 0; i < count; i++) {
        results.add(standIn.measure(request, i));
      }
      done = true;
    }

    ObjectNode view(int inProgressPolls) {
      boolean finished = done && seen.incrementAndGet() > inProgressPolls;
      ObjectNode root = JSON.createObjectNode();
      root.put("id", id);
      root.put("type", "http");
      root.put("status", finished ? "finished" : "in-progress");
      root.put("createdAt", createdAt.toString());
      root.put("updatedAt", Instant.now().toString());
      root.put("target", request.path("target").asText());
      root.put("probesCount", count);
      if (request.has("locations")) {
        root.set("locations", request.get("locations"));
      }
      if (request.has("limit")) {
        root.set("limit", request.get("limit"));
      }
      if (request.has("measurementOptions")) {
        root.set("measurementOptions", request.get("measurementOptions"));
      }
      ArrayNode items = root.putArray("results");
      for (int i = 0; i < count; i++) {
        ObjectNode item = items.addObject();
        item.set("probe", probe(i));
        if (finished) {
          item.set("result", results.get(i));
        } else {
          item.putObject("result").put("status", "in-progress").put("rawOutput", "");
        }
      }
      return root;
    }

    private static ObjectNode probe(int i) {
      String[][] places = {
        {"EU", "Western Europe", "DE", "Frankfurt", "3320", "Deutsche Telekom AG"},
        {"EU", "Northern Europe", "GB", "London", "2856", "British Telecommunications PLC"},
        {"NA", "Northern America", "US", "Ashburn", "7922", "Comcast Cable Communications, LLC"},
      };
      String[] p = places[i % places.length];
      ObjectNode probe = JSON.createObjectNode();
      probe.put("continent", p[0]).put("region", p[1]).put("country", p[2]);
      probe.putNull("state");
      probe.put("city", p[3]).put("asn", Integer.parseInt(p[4])).put("network", p[5]);
      probe.put("latitude", 50.0 + i).put("longitude", 8.0 + i);
      probe.putArray("tags").add("eyeball-network");
      probe.putArray("resolvers").add("private");
      return probe;
    }
  }

  /** One probe's test: a real HTTP(S) request to where the internet routes the target. */
  ObjectNode measure(JsonNode request, int probeIndex) {
    JsonNode o = request.path("measurementOptions");
    String target = request.path("target").asText();
    String protocol = o.path("protocol").asText("HTTPS");
    boolean https = !"HTTP".equals(protocol);
    int port = o.path("port").asInt(https ? 443 : 80);
    int ipVersion = o.path("ipVersion").asInt(4);
    JsonNode req = o.path("request");
    String method = req.path("method").asText("HEAD");
    String path = "/" + req.path("path").asText("/").replaceFirst("^/", "");
    String host = req.path("host").asText(target);
    InetSocketAddress where = internet.route(target, ipVersion, port);
    if (where == null) {
      return failed("getaddrinfo ENOTFOUND " + target);
    }
    long start = System.nanoTime();
    try (Socket tcp = new Socket()) {
      tcp.connect(where, connectTimeoutMillis);
      tcp.setSoTimeout(connectTimeoutMillis * 2);
      Socket socket = tcp;
      ObjectNode tls = null;
      if (https) {
        Recorder recorder = new Recorder();
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {recorder}, null);
        SSLSocket ssl =
            (SSLSocket)
                ctx.getSocketFactory()
                    .createSocket(tcp, where.getAddress().getHostAddress(), where.getPort(), false);
        SSLParameters params = ssl.getSSLParameters();
        params.setServerNames(List.of(new SNIHostName(host)));
        ssl.setSSLParameters(params);
        ssl.setUseClientMode(true);
        ssl.startHandshake();
        tls = tlsFacts(ssl, recorder.chain, host);
        socket = ssl;
      }
      OutputStream out = socket.getOutputStream();
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      head.append("Host: ").append(host).append("\r\n");
      head.append("User-Agent: globalping probe (https://github.com/jsdelivr/globalping)\r\n");
      req.path("headers")
          .fields()
          .forEachRemaining(
              h -> {
                if (!h.getKey().equalsIgnoreCase("host")
                    && !h.getKey().equalsIgnoreCase("user-agent")) {
                  head.append(h.getKey()).append(": ").append(h.getValue().asText()).append("\r\n");
                }
              });
      head.append("Connection: close\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return response(socket.getInputStream(), method, where, tls, start);
    } catch (ConnectException e) {
      return failed("connect ECONNREFUSED " + hostPort(where));
    } catch (SocketTimeoutException e) {
      return failed("Request timeout.");
    } catch (javax.net.ssl.SSLException e) {
      return failed(
          "Client network socket disconnected before secure TLS connection was established");
    } catch (IOException | java.security.GeneralSecurityException e) {
      return failed("read ECONNRESET");
    }
  }

  private static ObjectNode response(
      InputStream in, String method, InetSocketAddress where, ObjectNode tls, long start)
      throws IOException {
    String status = readLine(in);
    if (status == null || !status.startsWith("HTTP/")) {
      return failed("Parse Error: Expected HTTP/");
    }
    String[] parts = status.split(" ", 3);
    int code = Integer.parseInt(parts[1]);
    ObjectNode result = JSON.createObjectNode();
    result.put("status", "finished");
    result.put("resolvedAddress", where.getAddress().getHostAddress());
    ObjectNode headers = result.putObject("headers");
    StringBuilder raw = new StringBuilder();
    int contentLength = -1;
    String line;
    while ((line = readLine(in)) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      headers.put(name.toLowerCase(Locale.ROOT), value);
      raw.append(raw.length() == 0 ? "" : "\n").append(name).append(": ").append(value);
      if (name.equalsIgnoreCase("content-length")) {
        contentLength = Integer.parseInt(value);
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean truncated = false;
    if (!"HEAD".equals(method)) {
      int want = contentLength < 0 ? Integer.MAX_VALUE : contentLength;
      byte[] buf = new byte[4096];
      int n;
      while (body.size() < want
          && (n = in.read(buf, 0, Math.min(buf.length, want - body.size()))) > 0) {
        body.write(buf, 0, n);
        if (body.size() > DOWNLOAD_LIMIT) {
          truncated = true;
          break;
        }
      }
    }
    String text = body.toString(StandardCharsets.UTF_8);
    if (text.length() > DOWNLOAD_LIMIT) {
      text = text.substring(0, DOWNLOAD_LIMIT);
    }
    long total = (System.nanoTime() - start) / 1_000_000;
    result.put("rawHeaders", raw.toString());
    if (text.isEmpty()) {
      result.putNull("rawBody");
    } else {
      result.put("rawBody", text);
    }
    result.put("truncated", truncated);
    result.put("statusCode", code);
    result.put("statusCodeName", parts.length > 2 ? parts[2] : "");
    ObjectNode timings = result.putObject("timings");
    timings.put("total", total).put("dns", 0).put("tcp", 0);
    timings.putNull("tls");
    timings.put("firstByte", 0).put("download", 0);
    if (tls == null) {
      result.putNull("tls");
    } else {
      result.set("tls", tls);
    }
    result.put(
        "rawOutput",
        "HTTP/1.1 "
            + code
            + "\n"
            + raw
            + ("HEAD".equals(method) || text.isEmpty() ? "" : "\n\n" + text));
    return result;
  }

  /** A failed test: the real probe sends the error message as rawOutput and nothing else. */
  private static ObjectNode failed(String message) {
    ObjectNode r = JSON.createObjectNode();
    r.put("status", "failed");
    r.putNull("resolvedAddress");
    r.putObject("headers");
    r.putNull("rawHeaders");
    r.putNull("rawBody");
    r.put("rawOutput", message);
    r.put("truncated", false);
    r.putNull("statusCode");
    r.putNull("statusCodeName");
    ObjectNode t = r.putObject("timings");
    for (String k : List.of("total", "dns", "tcp", "tls", "firstByte", "download")) {
      t.putNull(k);
    }
    r.putNull("tls");
    return r;
  }

  /** The probe's {@code tls} object (TlsCertificate) with Node's authorization error codes. */
  private ObjectNode tlsFacts(SSLSocket ssl, X509Certificate[] chain, String host) {
    ObjectNode tls = JSON.createObjectNode();
    X509Certificate leaf = chain == null || chain.length == 0 ? null : chain[0];
    String error =
        leaf == null ? "UNABLE_TO_VERIFY_LEAF_SIGNATURE" : authorizationError(chain, host);
    tls.put("authorized", error == null);
    if (error != null) {
      tls.put("error", error);
    }
    tls.put("protocol", ssl.getSession().getProtocol());
    tls.put("cipherName", ssl.getSession().getCipherSuite());
    if (leaf != null) {
      tls.put("createdAt", leaf.getNotBefore().toInstant().toString());
      tls.put("expiresAt", leaf.getNotAfter().toInstant().toString());
      tls.putObject("subject")
          .put("CN", cn(leaf.getSubjectX500Principal().getName()))
          .put("alt", altNames(leaf));
      tls.putObject("issuer").put("CN", cn(leaf.getIssuerX500Principal().getName()));
      tls.put("keyType", leaf.getPublicKey().getAlgorithm().startsWith("EC") ? "EC" : "RSA");
      tls.putNull("keyBits");
      tls.put("serialNumber", colons(leaf.getSerialNumber().toByteArray()));
      try {
        tls.put(
            "fingerprint256",
            colons(java.security.MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded())));
      } catch (java.security.GeneralSecurityException e) {
        tls.put("fingerprint256", "");
      }
      tls.putNull("publicKey");
    }
    return tls;
  }

  /** Node's {@code tlsSocket.authorizationError} for this chain and name, or null. */
  private String authorizationError(X509Certificate[] chain, String host) {
    X509Certificate leaf = chain[0];
    try {
      leaf.checkValidity();
    } catch (CertificateExpiredException e) {
      return "CERT_HAS_EXPIRED";
    } catch (CertificateNotYetValidException e) {
      return "CERT_NOT_YET_VALID";
    }
    try {
      trust.checkServerTrusted(
          chain, leaf.getPublicKey().getAlgorithm().startsWith("EC") ? "ECDHE_ECDSA" : "ECDHE_RSA");
    } catch (CertificateException e) {
      if (chain.length == 1
          && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
        return "DEPTH_ZERO_SELF_SIGNED_CERT";
      }
      return "UNABLE_TO_VERIFY_LEAF_SIGNATURE";
    }
    if (!altNames(leaf).toLowerCase(Locale.ROOT).contains("dns:" + host.toLowerCase(Locale.ROOT))) {
      return "ERR_TLS_CERT_ALTNAME_INVALID";
    }
    return null;
  }

  private static String altNames(X509Certificate cert) {
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans == null) {
        return "";
      }
      List<String> out = new ArrayList<>();
      for (List<?> san : sans) {
        if (Integer.valueOf(2).equals(san.get(0))) {
          out.add("DNS:" + san.get(1));
        } else if (Integer.valueOf(7).equals(san.get(0))) {
          out.add("IP Address:" + san.get(1));
        }
      }
      return String.join(", ", out);
    } catch (CertificateException e) {
      return "";
    }
  }

  private static String cn(String dn) {
    for (String part : dn.split(",")) {
      if (part.trim().startsWith("CN=")) {
        return part.trim().substring(3);
      }
    }
    return dn;
  }

  private static String colons(byte[] bytes) {
    String hex = HexFormat.of().withUpperCase().formatHex(bytes);
    return String.join(":", hex.split("(?<=\\G..)"));
  }

  private static X509TrustManager trustManager(Collection<X509Certificate> anchors)
      throws IOException {
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (X509Certificate c : anchors) {
        ks.setCertificateEntry("anchor-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(anchors.isEmpty() ? null : ks);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return x;
        }
      }
      throw new IOException("no X509TrustManager");
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("trust store: " + e.getMessage(), e);
    }
  }

  /** Accepts every chain (as {@code rejectUnauthorized: false}) and keeps it for the facts. */
  private static final class Recorder implements X509TrustManager {
    private volatile X509Certificate[] chain;

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      this.chain = chain.clone();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      if (line.size() > 16 * 1024) {
        throw new IOException("header line too long");
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  private static String hostPort(InetSocketAddress a) {
    return hostLiteral(a.getAddress()) + ":" + a.getPort();
  }

  private static String hostLiteral(InetAddress a) {
    String h = a.getHostAddress();
    return h.contains(":") ? "[" + h + "]" : h;
  }

  @Override
  public void close() {
    server.close();
  }
}
