package dev.haremote.labkit.homeassistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real Home Assistant Core process: started with {@code hass -c <dir> --skip-pip} on a free port,
 * waited for until it serves {@code /manifest.json}, onboarded through its REST API to get an
 * access token, read through {@code /api/states}, and stopped with SIGTERM (HA's clean shutdown).
 *
 * <pre>{@code
 * try (HomeAssistantCore ha = HomeAssistantCore.start(install, HomeAssistantConfig.plain(), dir)) {
 *   ha.onboard();
 *   List<HaState> states = ha.states();
 * }
 * }</pre>
 */
public final class HomeAssistantCore implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*m");
  private static final int START_ATTEMPTS = 3;
  private static final Pattern TIMESTAMPED = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:");

  private final Process process;
  private final Path configDir;
  private final Path logFile;
  private final URI baseUrl;
  private final HttpClient http;
  private String accessToken;
  private String refreshToken;
  private Instant accessTokenExpires = Instant.MIN;

  private HomeAssistantCore(
      Process process, Path configDir, Path logFile, URI baseUrl, HttpClient http) {
    this.process = process;
    this.configDir = configDir;
    this.logFile = logFile;
    this.baseUrl = baseUrl;
    this.http = http;
  }

  /** Starts HA over plain HTTP or with the configuration's own TLS files, trusting no CA. */
  public static HomeAssistantCore start(
      HomeAssistantInstall install, HomeAssistantConfig config, Path configDir) {
    return start(install, config, configDir, List.of());
  }

  /**
   * Starts HA in {@code configDir} (created; must not hold another configuration) and waits until
   * it answers. Retries on another port when the chosen one was taken in between.
   *
   * @param trustAnchors the CA that issued HA's certificate, for this runner's own requests when
   *     the configuration serves TLS
   */
  public static HomeAssistantCore start(
      HomeAssistantInstall install,
      HomeAssistantConfig config,
      Path configDir,
      List<X509Certificate> trustAnchors) {
    return start(install, config, configDir, trustAnchors, List.of());
  }

  /**
   * As {@link #start(HomeAssistantInstall, HomeAssistantConfig, Path, List)}, with a command
   * prefix, e.g. {@code ip netns exec home} to run HA inside a lab namespace. The configuration
   * then needs that namespace's address and a fixed port (a free port can only be chosen here), and
   * the address must be routable from where this JVM runs.
   */
  public static HomeAssistantCore start(
      HomeAssistantInstall install,
      HomeAssistantConfig config,
      Path configDir,
      List<X509Certificate> trustAnchors,
      List<String> commandPrefix) {
    if (!commandPrefix.isEmpty() && config.serverPort() == 0) {
      throw new IllegalArgumentException("a command prefix needs a fixed server_port");
    }
    HttpClient http = client(trustAnchors);
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = config.serverPort() != 0 ? config.serverPort() : freePort(config.serverHost());
      try {
        config.writeTo(configDir, port);
        Path logFile = configDir.resolve("hass.out");
        List<String> command = new ArrayList<>(commandPrefix);
        command.addAll(
            List.of(install.hass().toString(), "-c", configDir.toString(), "--skip-pip"));
        Process process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        URI base =
            URI.create((config.tls() ? "https" : "http") + "://" + hostPart(config) + ":" + port);
        HomeAssistantCore core = new HomeAssistantCore(process, configDir, logFile, base, http);
        Optional<String> failure = core.awaitServing(START_TIMEOUT);
        if (failure.isEmpty()) {
          return core;
        }
        core.close();
        last = new IllegalStateException(failure.get() + "\n" + core.errorLines(30));
        if (config.serverPort() != 0 || !core.log().contains("address already in use")) {
          break;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start Home Assistant in " + configDir, e);
      }
    }
    throw last;
  }

  /**
   * Runs {@code hass --script check_config -c <dir>} on a configuration directory, as a user does
   * before restarting.
   */
  public static CheckConfigResult checkConfig(HomeAssistantInstall install, Path configDir) {
    try {
      Process process =
          new ProcessBuilder(
                  install.hass().toString(), "--script", "check_config", "-c", configDir.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("check_config did not finish within 120 s");
      }
      return new CheckConfigResult(process.exitValue(), ANSI_ESCAPE.matcher(output).replaceAll(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** {@code http(s)://host:port} of this instance. */
  public URI baseUrl() {
    return baseUrl;
  }

  public int port() {
    return baseUrl.getPort();
  }

  public Path configDir() {
    return configDir;
  }

  /**
   * Creates the owner account through onboarding ({@code POST /api/onboarding/users}) and trades
   * the auth code for tokens ({@code POST /auth/token}), as the frontend does at first start.
   *
   * @return the access token (valid 30 minutes; {@link #accessToken()} refreshes it)
   */
  public String onboard() {
    String clientId = clientId();
    String password = HexFormat.of().formatHex(randomBytes(16));
    String body =
        JSON.createObjectNode()
            .put("client_id", clientId)
            .put("name", "Lab Owner")
            .put("username", "lab")
            .put("password", password)
            .put("language", "en")
            .toString();
    HttpResponse<String> created =
        send(
            HttpRequest.newBuilder(baseUrl.resolve("/api/onboarding/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    requireStatus(created, 200, "onboarding user");
    String authCode = readJson(created.body()).path("auth_code").asText();
    tokenRequest(
        Map.of("grant_type", "authorization_code", "code", authCode, "client_id", clientId));
    return accessToken;
  }

  /** A valid access token; refreshed when less than a minute is left. Requires {@link #onboard}. */
  public synchronized String accessToken() {
    if (refreshToken == null) {
      throw new IllegalStateException("onboard() first");
    }
    if (Instant.now().plusSeconds(60).isAfter(accessTokenExpires)) {
      tokenRequest(
          Map.of(
              "grant_type",
              "refresh_token",
              "refresh_token",
              refreshToken,
              "client_id",
              clientId()));
    }
    return accessToken;
  }

  /** Every entity's state ({@code GET /api/states}). */
  public List<HaState> states() {
    HttpResponse<String> response = send(authorized("/api/states").GET());
    requireStatus(response, 200, "GET /api/states");
    List<HaState> states = new ArrayList<>();
    readJson(response.body()).forEach(node -> states.add(HaState.fromJson(node)));
    return states;
  }

  /** One entity's state, or empty when HA does not know the entity (404). */
  public Optional<HaState> state(String entityId) {
    HttpResponse<String> response = send(authorized("/api/states/" + entityId).GET());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    requireStatus(response, 200, "GET /api/states/" + entityId);
    return Optional.of(HaState.fromJson(readJson(response.body())));
  }

  /**
   * Renders a Jinja template inside HA ({@code POST /api/template}), with HA's own filters such as
   * {@code from_json}: how a test computes what a {@code value_template} should give.
   */
  public String renderTemplate(String template) {
    String body = JSON.createObjectNode().put("template", template).toString();
    HttpResponse<String> response =
        send(
            authorized("/api/template")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    requireStatus(response, 200, "POST /api/template");
    return response.body();
  }

  /** Calls a service, e.g. {@code homeassistant.update_entity} ({@code POST /api/services/..}). */
  public void callService(String domain, String service, Map<String, Object> data) {
    String body;
    try {
      body = JSON.writeValueAsString(data);
    } catch (IOException e) {
      throw new IllegalArgumentException("service data is not serialisable", e);
    }
    HttpResponse<String> response =
        send(
            authorized("/api/services/" + domain + "/" + service)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    requireStatus(response, 200, "POST /api/services/" + domain + "/" + service);
  }

  /** Polls one entity until its state matches, or returns the last one seen at the timeout. */
  public Optional<HaState> awaitState(
      String entityId, Predicate<HaState> condition, Duration timeout) {
    Instant end = Instant.now().plus(timeout);
    Optional<HaState> last = Optional.empty();
    while (true) {
      last = state(entityId);
      if (last.isPresent() && condition.test(last.get())) {
        return last;
      }
      if (Instant.now().isAfter(end)) {
        return last;
      }
      sleep(Duration.ofMillis(250));
    }
  }

  /** The last lines HA wrote to stdout/stderr, for failure messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * HA's ERROR and CRITICAL log entries (with their tracebacks, which follow on lines without a
   * timestamp), at most {@code max} lines, for failure messages.
   */
  public String errorLines(int max) {
    List<String> out = new ArrayList<>();
    boolean inError = false;
    for (String line : log().lines().toList()) {
      boolean entryStart =
          TIMESTAMPED.matcher(ANSI_ESCAPE.matcher(line).replaceAll("")).lookingAt();
      if (entryStart) {
        inError = line.contains(" ERROR (") || line.contains(" CRITICAL (");
      }
      if (inError && out.size() < max) {
        out.add(line);
      }
    }
    return String.join("\n", out);
  }

  /** Everything HA logged so far. */
  public String log() {
    try {
      return Files.readString(logFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** SIGTERM, which HA handles as a clean stop; SIGKILL only if it has not ended in 30 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Exit code after {@link #close()}; HA exits 0 after a clean stop. */
  public int exitValue() {
    return process.exitValue();
  }

  private Optional<String> awaitServing(Duration timeout) {
    Instant end = Instant.now().plus(timeout);
    String lastProblem = "no answer yet";
    while (Instant.now().isBefore(end)) {
      if (!process.isAlive()) {
        return Optional.of("Home Assistant exited with " + process.exitValue() + " during start");
      }
      // Without http (bad certificate files, port taken) HA keeps running but never listens.
      if (log().contains("Error during setup of component http")) {
        return Optional.of("Home Assistant could not set up http");
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(baseUrl.resolve("/manifest.json"))
                    .timeout(Duration.ofSeconds(5))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return Optional.empty();
        }
        lastProblem = "manifest.json answered " + response.statusCode();
      } catch (IOException e) {
        lastProblem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted");
      }
      sleep(Duration.ofMillis(200));
    }
    return Optional.of(
        "Home Assistant did not serve " + baseUrl + " within " + timeout + ": " + lastProblem);
  }

  private void tokenRequest(Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (key, value) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(key)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(baseUrl.resolve("/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    requireStatus(response, 200, "POST /auth/token (" + form.get("grant_type") + ")");
    JsonNode token = readJson(response.body());
    accessToken = token.path("access_token").asText();
    if (token.hasNonNull("refresh_token")) {
      refreshToken = token.path("refresh_token").asText();
    }
    accessTokenExpires = Instant.now().plusSeconds(token.path("expires_in").asLong(1800));
  }

  private HttpRequest.Builder authorized(String path) {
    return HttpRequest.newBuilder(baseUrl.resolve(path))
        .header("Authorization", "Bearer " + accessToken());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("Home Assistant at " + baseUrl + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  // The messages name the step and the status, never the body: a token endpoint's body is secret.
  private static void requireStatus(HttpResponse<String> response, int expected, String step) {
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          step + " answered " + response.statusCode() + ", expected " + expected);
    }
  }

  private static JsonNode readJson(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("Home Assistant answered something that is not JSON", e);
    }
  }

  /** HA's IndieAuth client id: a URL; the instance's own base URL is always accepted. */
  private String clientId() {
    return baseUrl + "/";
  }

  private static String hostPart(HomeAssistantConfig config) {
    String host = config.serverHost();
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  private static HttpClient client(List<X509Certificate> trustAnchors) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER);
    if (!trustAnchors.isEmpty()) {
      builder.sslContext(sslContextTrusting(trustAnchors));
    }
    return builder.build();
  }

  private static SSLContext sslContextTrusting(List<X509Certificate> anchors) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < anchors.size(); i++) {
        store.setCertificateEntry("anchor-" + i, anchors.get(i));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store from the given anchors", e);
    }
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
