package dev.haremote.certwatch.renewal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.HttpProbeRequest;
import dev.haremote.common.http.HttpProbeResult;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Asks the configured ACME directories for a certificate's renewal window (RFC 9773). Answers are
 * cached until their {@code Retry-After}; errors back off exponentially; a 404 means "not issued by
 * this CA". Called from the check rounds only, never on a request path.
 */
public class AriClient {
  private static final Logger LOG = Logger.getLogger(AriClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** RFC 9773 asks clients to bound their polling; these are the bounds we apply. */
  private static final Duration MIN_RETRY = Duration.ofMinutes(1);

  private static final Duration MAX_RETRY = Duration.ofDays(1);
  private static final Duration DIRECTORY_TTL = Duration.ofHours(24);

  private final HttpProbe http;
  private final List<URI> directories;
  private final Duration timeout;
  private final Duration defaultRetryAfter;
  private final Duration errorBackoff;
  private final Clock clock;

  private final Map<URI, DirectoryEntry> directoryCache = new ConcurrentHashMap<>();
  private final Map<String, WindowEntry> windowCache = new ConcurrentHashMap<>();

  public AriClient(
      HttpProbe http,
      List<URI> directories,
      Duration timeout,
      Duration defaultRetryAfter,
      Duration errorBackoff,
      Clock clock) {
    this.http = http;
    this.directories = List.copyOf(directories);
    this.timeout = timeout;
    this.defaultRetryAfter = defaultRetryAfter;
    this.errorBackoff = errorBackoff;
    this.clock = clock;
  }

  /** The CA's window for this certificate, from cache when still fresh; empty when none. */
  public Optional<RenewalWindow> window(X509Certificate leaf) {
    Optional<String> certId = AriCertId.of(leaf);
    if (certId.isEmpty() || directories.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    WindowEntry cached = windowCache.get(certId.get());
    if (cached != null && now.isBefore(cached.nextFetch())) {
      return Optional.ofNullable(cached.window());
    }
    int failures = cached == null ? 0 : cached.failures();
    boolean anyError = false;
    for (URI directory : directories) {
      URI renewalInfo = renewalInfoUrl(directory, now);
      if (renewalInfo == null) {
        anyError = true;
        continue;
      }
      URI url = URI.create(stripSlash(renewalInfo.toString()) + "/" + certId.get());
      HttpProbeResult result = fetch(url);
      if (result == null || !result.responded()) {
        anyError = true;
        continue;
      }
      if (result.status() == 404) {
        continue; // not this CA's certificate
      }
      Optional<RenewalWindow> window =
          result.status() == 200 ? parseWindow(result.bodyText()) : Optional.empty();
      if (window.isEmpty()) {
        LOG.debugf("ARI %s answered %d without a usable window", directory, result.status());
        anyError = true;
        continue;
      }
      Duration retry = clamp(retryAfter(result.header("Retry-After"), now));
      windowCache.put(certId.get(), new WindowEntry(window.get(), now.plus(retry), 0));
      return window;
    }
    WindowEntry previous = cached;
    if (anyError) {
      // Keep the last known window while backing off: a CA outage does not erase what it said.
      Duration backoff = backoff(failures + 1);
      windowCache.put(
          certId.get(),
          new WindowEntry(
              previous == null ? null : previous.window(), now.plus(backoff), failures + 1));
      return Optional.ofNullable(previous == null ? null : previous.window());
    }
    windowCache.put(certId.get(), new WindowEntry(null, now.plus(MAX_RETRY), 0));
    return Optional.empty();
  }

  private URI renewalInfoUrl(URI directory, Instant now) {
    DirectoryEntry cached = directoryCache.get(directory);
    if (cached != null && now.isBefore(cached.nextFetch())) {
      return cached.renewalInfo();
    }
    int failures = cached == null ? 0 : cached.failures();
    HttpProbeResult result = fetch(directory);
    URI renewalInfo = null;
    if (result != null && result.responded() && result.status() == 200) {
      try {
        JsonNode node = JSON.readTree(result.bodyText()).path("renewalInfo");
        if (node.isTextual()) {
          renewalInfo = URI.create(node.asText());
        }
      } catch (IOException | IllegalArgumentException e) {
        renewalInfo = null;
      }
    }
    if (renewalInfo != null && !onDirectoryHost(directory, renewalInfo)) {
      // A directory naming a renewalInfo elsewhere would make us fetch any URL it likes (SSRF).
      String note =
          "ACME directory "
              + directory
              + " names a renewalInfo URL that is not https on its own host; it is not fetched";
      LOG.warn(note);
      directoryCache.put(directory, new DirectoryEntry(null, now.plus(DIRECTORY_TTL), 0, note));
      return null;
    }
    if (renewalInfo == null && result != null && result.responded() && result.status() == 200) {
      // A directory without renewalInfo: this CA has no ARI; ask again a day later.
      directoryCache.put(directory, new DirectoryEntry(null, now.plus(DIRECTORY_TTL), 0, null));
      return null;
    }
    if (renewalInfo == null) {
      directoryCache.put(
          directory, new DirectoryEntry(null, now.plus(backoff(failures + 1)), failures + 1, null));
      return null;
    }
    directoryCache.put(
        directory, new DirectoryEntry(renewalInfo, now.plus(DIRECTORY_TTL), 0, null));
    return renewalInfo;
  }

  private HttpProbeResult fetch(URI url) {
    try {
      return http.execute(HttpProbeRequest.get(url, null, timeout));
    } catch (RuntimeException e) {
      // HttpProbe promises values, not exceptions; if one slips through, treat it as an error.
      LOG.debugf("ARI request to %s failed: %s", url, e.getClass().getSimpleName());
      return null;
    }
  }

  static Optional<RenewalWindow> parseWindow(String body) {
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode window = root.path("suggestedWindow");
      Instant start = OffsetDateTime.parse(window.path("start").asText()).toInstant();
      Instant end = OffsetDateTime.parse(window.path("end").asText()).toInstant();
      if (end.isBefore(start)) {
        return Optional.empty();
      }
      JsonNode explanation = root.path("explanationURL");
      String url = null;
      String note = null;
      if (explanation.isTextual()) {
        if (isHttpUrl(explanation.asText())) {
          url = explanation.asText();
        } else {
          // Shown to users as a link (Home Assistant attributes): javascript: and the like never.
          note = "the CA's explanationURL was dropped: it is not an http(s) URL";
        }
      }
      return Optional.of(new RenewalWindow(start, end, RenewalWindow.ARI, url, note));
    } catch (IOException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Retry-After as delta-seconds or HTTP-date; the configured default when absent or invalid. */
  Duration retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return defaultRetryAfter;
    }
    String value = header.trim();
    if (value.chars().allMatch(Character::isDigit) && value.length() < 12) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Duration.between(now, at);
    } catch (DateTimeParseException e) {
      return defaultRetryAfter;
    }
  }

  private static Duration clamp(Duration retry) {
    if (retry.compareTo(MIN_RETRY) < 0) {
      return MIN_RETRY;
    }
    return retry.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry;
  }

  private Duration backoff(int failures) {
    Duration backoff = errorBackoff.multipliedBy(1L << Math.min(failures - 1, 16));
    return backoff.compareTo(defaultRetryAfter) > 0 ? defaultRetryAfter : backoff;
  }

  /** When the next request for this certificate may be made (tests, status). */
  public Optional<Instant> nextFetch(X509Certificate leaf) {
    return AriCertId.of(leaf).map(windowCache::get).map(WindowEntry::nextFetch);
  }

  /**
   * A renewalInfo URL is fetched only when it is on the directory's own host and https (or plain
   * http on the same host and port when the configured directory itself is plain http: a lab
   * stand-in the operator chose; an https directory can never send us to http).
   */
  static boolean onDirectoryHost(URI directory, URI renewalInfo) {
    if (renewalInfo.getHost() == null
        || directory.getHost() == null
        || !renewalInfo.getHost().equalsIgnoreCase(directory.getHost())
        || renewalInfo.getRawUserInfo() != null) {
      return false;
    }
    if ("https".equalsIgnoreCase(renewalInfo.getScheme())) {
      return true;
    }
    return "http".equalsIgnoreCase(renewalInfo.getScheme())
        && "http".equalsIgnoreCase(directory.getScheme())
        && port(renewalInfo) == port(directory);
  }

  private static int port(URI uri) {
    return uri.getPort() != -1
        ? uri.getPort()
        : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text.strip());
      return uri.getScheme() != null
          && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
          && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** Why a configured directory's renewal information is not used, or null (for the status). */
  public String note() {
    for (URI directory : directories) {
      DirectoryEntry entry = directoryCache.get(directory);
      if (entry != null && entry.note() != null) {
        return entry.note();
      }
    }
    return null;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private record DirectoryEntry(URI renewalInfo, Instant nextFetch, int failures, String note) {}

  private record WindowEntry(RenewalWindow window, Instant nextFetch, int failures) {}
}
