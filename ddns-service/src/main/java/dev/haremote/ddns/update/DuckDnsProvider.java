package dev.haremote.ddns.update;

import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.HttpProbeRequest;
import dev.haremote.common.http.HttpProbeResult;
import dev.haremote.common.net.IpFamily;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * DuckDNS: {@code GET update?domains=LABEL&token=T&ip=V4&ipv6=V6&verbose=true}. Both families are
 * sent explicitly when known: a blank {@code ip} makes DuckDNS guess from the request's source. The
 * token travels in the URL, so no URL of this class ever leaves it.
 */
public final class DuckDnsProvider implements DdnsProvider {
  private static final int BODY_CAP = 1024;
  private static final Duration RATE_LIMIT_WAIT = Duration.ofMinutes(5);

  /** DuckDNS answers KO for a wrong token and a wrong domain alike, and never says which. */
  private static final UpdateOutcome KO =
      UpdateOutcome.of(UpdateResult.FAILED, "duckdns answered KO");

  /** KO this many times in a row is treated like badauth: updates stop until the token changes. */
  static final int KO_LIMIT = 3;

  private final URI endpoint;
  private final Supplier<String> token;
  private final HttpProbe http;
  private final Duration timeout;

  public DuckDnsProvider(URI endpoint, String token, HttpProbe http, Duration timeout) {
    this(endpoint, () -> token, http, timeout);
  }

  /**
   * @param token read at every update, so a corrected token file is used without a restart
   */
  public DuckDnsProvider(URI endpoint, Supplier<String> token, HttpProbe http, Duration timeout) {
    this.endpoint = endpoint;
    this.token = token;
    this.http = http;
    this.timeout = timeout;
  }

  /** {@code my-home} for {@code my-home.duckdns.org} and {@code www.my-home.duckdns.org}. */
  static String domainLabel(String name) {
    String n = name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    String withoutSuffix = n.substring(0, n.length() - ".duckdns.org".length());
    int dot = withoutSuffix.lastIndexOf('.');
    return dot < 0 ? withoutSuffix : withoutSuffix.substring(dot + 1);
  }

  @Override
  public UpdateOutcome update(UpdateRequest request) {
    String v4 =
        request.family() == IpFamily.IPV4
            ? request.address()
            : request.otherFamilies().get(IpFamily.IPV4);
    String v6 =
        request.family() == IpFamily.IPV6
            ? request.address()
            : request.otherFamilies().get(IpFamily.IPV6);
    StringBuilder query = new StringBuilder();
    query.append("domains=").append(enc(domainLabel(request.name())));
    query.append("&token=").append(enc(token.get()));
    if (v4 != null) {
      // Never a blank ip: DuckDNS would put the request's own source address there.
      query.append("&ip=").append(enc(v4));
    }
    if (v6 != null) {
      query.append("&ipv6=").append(enc(v6));
    }
    query.append("&verbose=true");
    String base = endpoint.toString();
    URI url = URI.create(base + (base.contains("?") ? "&" : "?") + query);
    HttpProbeResult r =
        http.execute(new HttpProbeRequest(url, null, "GET", Map.of(), null, BODY_CAP, timeout, 0));
    return interpret(r);
  }

  private UpdateOutcome interpret(HttpProbeResult r) {
    if (!r.responded()) {
      return UpdateOutcome.of(UpdateResult.FAILED, "duckdns: " + r.failure());
    }
    if (r.status() == 429) {
      return new UpdateOutcome(
          UpdateResult.RATE_LIMITED, "duckdns: http 429", RetryAfter.of(r, RATE_LIMIT_WAIT));
    }
    if (r.status() != 200) {
      Duration retry = r.header("retry-after") == null ? null : RetryAfter.of(r, null);
      return new UpdateOutcome(UpdateResult.FAILED, "duckdns: http status " + r.status(), retry);
    }
    String[] lines = r.bodyText().trim().split("\r?\n");
    String first = lines[0].trim();
    if (first.equals("KO")) {
      return KO;
    }
    if (!first.equals("OK")) {
      return UpdateOutcome.of(
          UpdateResult.FAILED,
          "duckdns: unexpected answer '"
              + Secrets.excerpt(r.bodyText(), List.of(token.get()))
              + "'");
    }
    if (lines.length >= 4 && lines[3].trim().equals("NOCHANGE")) {
      return UpdateOutcome.of(UpdateResult.NOCHG, "duckdns answered OK NOCHANGE");
    }
    return UpdateOutcome.of(UpdateResult.SUCCESS, "duckdns answered OK");
  }

  @Override
  public Optional<String> stopAfter(UpdateOutcome failed, int sameAnswerInARow) {
    return failed.equals(KO) && sameAnswerInARow >= KO_LIMIT
        ? Optional.of("duckdns answered KO " + sameAnswerInARow + " times in a row")
        : Optional.empty();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
