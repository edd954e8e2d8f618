package dev.haremote.ddns.update;

import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.HttpProbeRequest;
import dev.haremote.common.http.HttpProbeResult;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The dyndns2 protocol (No-IP, Dynu, DynDNS and many routers): {@code GET
 * nic/update?hostname=NAME&myip=ADDR} with basic auth. Every documented answer code is mapped;
 * fatal ones stop updates until the configuration changes. {@code 911} and {@code dnserr} are the
 * provider's own trouble: the protocol asks clients to wait 30 minutes before trying again. Dyn
 * answers {@code good 127.0.0.1} to a request it ignored (a client it does not accept): a refusal
 * like {@code badagent}, never a success, unless 127.0.0.1 was asked for.
 */
public final class Dyndns2Provider implements DdnsProvider {
  static final String USER_AGENT = "ha-remote-access ddns-service/0.1 (+https://github.com/)";
  private static final int BODY_CAP = 1024;

  /** The dyndns2 specification and No-IP: after {@code 911} or {@code dnserr}, wait 30 minutes. */
  static final Duration PROVIDER_TROUBLE_WAIT = Duration.ofMinutes(30);

  /** Dyn's "request ignored" answer: {@code good} with the loopback address. */
  private static final String IGNORED_ADDRESS = "127.0.0.1";

  private static final Duration RATE_LIMIT_WAIT = Duration.ofMinutes(5);

  /** nochg this many times while the name says otherwise counts as abuse at dyndns2 providers. */
  static final int NOCHG_LIMIT = 2;

  private final URI endpoint;
  private final String username;
  private final Supplier<String> password;
  private final HttpProbe http;
  private final Duration timeout;

  public Dyndns2Provider(
      URI endpoint, String username, String password, HttpProbe http, Duration timeout) {
    this(endpoint, username, () -> password, http, timeout);
  }

  /**
   * @param password read at every update, so a corrected password file is used without a restart
   */
  public Dyndns2Provider(
      URI endpoint, String username, Supplier<String> password, HttpProbe http, Duration timeout) {
    this.endpoint = endpoint;
    this.username = username;
    this.password = password;
    this.http = http;
    this.timeout = timeout;
  }

  @Override
  public UpdateOutcome update(UpdateRequest request) {
    String base = endpoint.toString();
    URI url =
        URI.create(
            base
                + (base.contains("?") ? "&" : "?")
                + "hostname="
                + URLEncoder.encode(request.name(), StandardCharsets.UTF_8)
                + "&myip="
                + URLEncoder.encode(request.address(), StandardCharsets.UTF_8));
    String basic =
        Base64.getEncoder()
            .encodeToString((username + ":" + password.get()).getBytes(StandardCharsets.UTF_8));
    HttpProbeResult r =
        http.execute(
            new HttpProbeRequest(
                url,
                null,
                "GET",
                Map.of("Authorization", "Basic " + basic, "User-Agent", USER_AGENT),
                null,
                BODY_CAP,
                timeout,
                0));
    return interpret(r, basic, request.address());
  }

  private UpdateOutcome interpret(HttpProbeResult r, String basic, String asked) {
    if (!r.responded()) {
      return UpdateOutcome.of(UpdateResult.FAILED, "dyndns2: " + r.failure());
    }
    if (r.status() == 429) {
      return new UpdateOutcome(
          UpdateResult.RATE_LIMITED, "dyndns2: http 429", RetryAfter.of(r, RATE_LIMIT_WAIT));
    }
    if (r.status() == 401 || r.status() == 403) {
      return UpdateOutcome.of(UpdateResult.FATAL, "dyndns2: http " + r.status() + " (badauth)");
    }
    String body = r.bodyText().trim();
    String code = body.isEmpty() ? "" : body.split("\\s+")[0].toLowerCase(Locale.ROOT);
    String said = "dyndns2 answered " + code;
    UpdateOutcome outcome =
        switch (code) {
          case "good" ->
              ignored(body, asked) ? refusedClient() : UpdateOutcome.of(UpdateResult.SUCCESS, said);
          case "nochg" -> UpdateOutcome.of(UpdateResult.NOCHG, said);
          case "badauth", "!donator", "notfqdn", "nohost", "numhost", "abuse" ->
              UpdateOutcome.of(UpdateResult.FATAL, said);
          case "badagent", "badsys" ->
              UpdateOutcome.fatalNotTheSecret(
                  said + ": the provider refuses this client's requests");
          case "dnserr", "911" ->
              new UpdateOutcome(UpdateResult.FAILED, said, PROVIDER_TROUBLE_WAIT);
          default ->
              UpdateOutcome.of(
                  UpdateResult.FAILED,
                  "dyndns2: unexpected answer (http "
                      + r.status()
                      + ") '"
                      + Secrets.excerpt(body, List.of(password.get(), basic))
                      + "'");
        };
    return honourRetryAfterOn5xx(r, outcome);
  }

  /** {@code good 127.0.0.1} when another address was asked for: Dyn ignored the request. */
  private static boolean ignored(String body, String asked) {
    String[] words = body.split("\\s+");
    return words.length > 1 && words[1].equals(IGNORED_ADDRESS) && !IGNORED_ADDRESS.equals(asked);
  }

  private static UpdateOutcome refusedClient() {
    return UpdateOutcome.fatalNotTheSecret(
        "dyndns2 answered good "
            + IGNORED_ADDRESS
            + ": the provider ignored the request (it refuses this client, like badagent);"
            + " nothing was changed");
  }

  /** A 5xx is the provider's own trouble: wait at least as long as its Retry-After asks. */
  private static UpdateOutcome honourRetryAfterOn5xx(HttpProbeResult r, UpdateOutcome outcome) {
    if (r.status() < 500 || outcome.result() != UpdateResult.FAILED) {
      return outcome;
    }
    Duration asked = RetryAfter.of(r, null);
    if (asked == null
        || (outcome.retryAfter() != null && outcome.retryAfter().compareTo(asked) >= 0)) {
      return outcome;
    }
    return new UpdateOutcome(outcome.result(), outcome.detail(), asked);
  }

  @Override
  public Optional<String> stopAfter(UpdateOutcome failed, int sameAnswerInARow) {
    return failed.result() == UpdateResult.NOCHG && sameAnswerInARow >= NOCHG_LIMIT
        ? Optional.of(
            "dyndns2 answered nochg repeatedly while the name says otherwise (abuse risk)")
        : Optional.empty();
  }
}
