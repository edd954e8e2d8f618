package dev.haremote.reachability.config;

import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.suite.ConfigCheck;
import dev.haremote.common.suite.ConfigProblem;
import dev.haremote.common.suite.config.ConfigFiles;
import dev.haremote.common.suite.config.ConfigRules;
import dev.haremote.common.suite.config.UnmappedKeys;
import dev.haremote.reachability.peer.ProbeUrl;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks {@code reachability.*} beyond types: every problem names its key, with indices. */
@ApplicationScoped
public class ReachabilityConfigCheck implements ConfigCheck {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private final ReachabilityConfig config;

  public ReachabilityConfigCheck(ReachabilityConfig config) {
    this.config = config;
  }

  @Override
  public List<ConfigProblem> problems() {
    List<ConfigProblem> out = new ArrayList<>(problems(config));
    out.addAll(
        UnmappedKeys.problems(
            ConfigFiles.ofThisProcess(), "reachability", ReachabilityConfig.class));
    return out;
  }

  /** Static so tests can check a hand-built configuration. */
  public static List<ConfigProblem> problems(ReachabilityConfig c) {
    List<ConfigProblem> out = new ArrayList<>();
    ConfigRules.interval(out, "reachability.interval", c.interval());
    ConfigRules.timeout(out, "reachability.timeout", c.timeout());
    ConfigRules.port(out, "reachability.plain-http-port", c.plainHttpPort());
    atLeastOne(out, "reachability.failure-threshold", c.failureThreshold());
    atLeastOne(out, "reachability.success-threshold", c.successThreshold());
    atLeastOne(out, "reachability.max-concurrency", c.maxConcurrency());

    Set<String> ids = new HashSet<>();
    for (int i = 0; i < c.targets().size(); i++) {
      ReachabilityConfig.Target t = c.targets().get(i);
      String key = "reachability.targets[" + i + "]";
      if (!ID.matcher(t.id()).matches()) {
        out.add(
            new ConfigProblem(
                key + ".id",
                "must be lower-case letters, digits, '-' or '_', not '" + t.id() + "'"));
      } else if (!ids.add(t.id())) {
        out.add(new ConfigProblem(key + ".id", "'" + t.id() + "' is used by another target"));
      }
      targetUrl(out, key + ".url", t.url());
      t.internalUrl().ifPresent(u -> targetUrl(out, key + ".internal-url", u));
      t.haTokenFile().ifPresent(f -> readable(out, key + ".ha-token-file", f));
      if (t.families().isEmpty()) {
        out.add(new ConfigProblem(key + ".families", "must name at least one of ipv4, ipv6"));
      }
      for (int j = 0; j < t.families().size(); j++) {
        try {
          IpFamily.parse(t.families().get(j));
        } catch (IllegalArgumentException e) {
          out.add(new ConfigProblem(key + ".families[" + j + "]", e.getMessage()));
        }
      }
    }

    List<String> internal = c.resolvers().internal().orElse(List.of());
    for (int i = 0; i < internal.size(); i++) {
      resolver(out, "reachability.resolvers.internal[" + i + "]", internal.get(i));
    }
    List<String> pub = c.resolvers().publicResolvers();
    if (pub.isEmpty()) {
      out.add(
          new ConfigProblem("reachability.resolvers.public", "must name at least one resolver"));
    }
    for (int i = 0; i < pub.size(); i++) {
      resolver(out, "reachability.resolvers.public[" + i + "]", pub.get(i));
    }
    c.ddnsUrl().ifPresent(u -> httpUrl(out, "reachability.ddns-url", u));
    c.trust().extraCaFile().ifPresent(p -> readable(out, "reachability.trust.extra-ca-file", p));

    for (int i = 0; i < c.peers().size(); i++) {
      String key = "reachability.peers[" + i + "]";
      httpUrl(out, key + ".url", c.peers().get(i).url());
      readable(out, key + ".token-file", c.peers().get(i).tokenFile());
    }

    ReachabilityConfig.PeerService peer = c.peer();
    if (peer.enabled()) {
      if (peer.tokenFile().isEmpty()) {
        out.add(
            new ConfigProblem(
                "reachability.peer.token-file", "is required when reachability.peer.enabled=true"));
      } else {
        readable(out, "reachability.peer.token-file", peer.tokenFile().get());
      }
      List<String> allow = peer.allowList().orElse(List.of());
      if (allow.isEmpty()) {
        out.add(
            new ConfigProblem(
                "reachability.peer.allow-list",
                "must list the URLs this peer may probe when reachability.peer.enabled=true"));
      }
      for (int i = 0; i < allow.size(); i++) {
        ProbeUrl.Result r = ProbeUrl.parse(allow.get(i));
        if (!r.ok()) {
          out.add(new ConfigProblem("reachability.peer.allow-list[" + i + "]", r.refusal()));
        }
      }
    }
    globalping(out, c);
    return out;
  }

  /** Tests per hour Globalping allows (README, "Limits"): anonymous per address, with a token. */
  static final int GLOBALPING_ANONYMOUS_PER_HOUR = 250;

  static final int GLOBALPING_TOKEN_PER_HOUR = 500;

  private static void globalping(List<ConfigProblem> out, ReachabilityConfig c) {
    ReachabilityConfig.Globalping g = c.outside().globalping();
    String key = "reachability.outside.globalping";
    // Bounds hold even while disabled: enabling it later must not be what reveals them.
    ConfigRules.interval(out, key + ".interval", g.interval());
    ConfigRules.timeout(out, key + ".timeout", g.timeout());
    if (!g.enabled()) {
      return;
    }
    httpUrl(out, key + ".url", g.url());
    g.tokenFile().ifPresent(p -> readable(out, key + ".token-file", p));
    if (g.limit() < 1 || g.limit() > 500) {
      out.add(new ConfigProblem(key + ".limit", "must be between 1 and 500, not " + g.limit()));
    }
    if (g.minAgreeing() < 1 || g.minAgreeing() > g.limit()) {
      out.add(
          new ConfigProblem(
              key + ".min-agreeing",
              "must be between 1 and "
                  + key
                  + ".limit ("
                  + g.limit()
                  + "), not "
                  + g.minAgreeing()));
    }
    for (int i = 0; i < g.locations().size(); i++) {
      String l = g.locations().get(i);
      if (l.isBlank() || l.length() > 100) {
        out.add(new ConfigProblem(key + ".locations[" + i + "]", "must be 1 to 100 characters"));
      }
    }
    if (!g.interval().isNegative() && !g.interval().isZero() && g.limit() > 0) {
      long measurements = 0;
      for (ReachabilityConfig.Target t : c.targets()) {
        measurements += Math.max(1, new HashSet<>(t.families()).size());
      }
      double perHour = measurements * g.limit() * (3600.0 / g.interval().toSeconds());
      int allowed =
          g.tokenFile().isPresent() ? GLOBALPING_TOKEN_PER_HOUR : GLOBALPING_ANONYMOUS_PER_HOUR;
      if (perHour > allowed) {
        out.add(
            new ConfigProblem(
                key + ".interval",
                String.format(
                    java.util.Locale.ROOT,
                    "%s with limit %d for %d measurement(s) uses %.0f tests per hour,"
                        + " over Globalping's %d%s",
                    g.interval(),
                    g.limit(),
                    measurements,
                    perHour,
                    allowed,
                    g.tokenFile().isPresent() ? " with a token" : " without a token")));
      }
    }
  }

  private static void atLeastOne(List<ConfigProblem> out, String key, int value) {
    if (value < 1) {
      out.add(new ConfigProblem(key, "must be at least 1, not " + value));
    }
  }

  /**
   * A target's URL passes the rule a peer applies to it too ({@link ProbeUrl}): one rule, so a URL
   * accepted here is never refused by a peer later ({@code https://h:8123/?x} was).
   */
  private static void targetUrl(List<ConfigProblem> out, String key, String url) {
    int before = out.size();
    httpUrl(out, key, url);
    if (out.size() == before) {
      ProbeUrl.Result probe = ProbeUrl.parse(url);
      if (!probe.ok()) {
        out.add(new ConfigProblem(key, "is not a URL a peer can probe: " + probe.refusal()));
      }
    }
  }

  private static void httpUrl(List<ConfigProblem> out, String key, String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
        out.add(new ConfigProblem(key, "must be an http:// or https:// URL"));
      } else if (uri.getHost() == null) {
        out.add(new ConfigProblem(key, "has no host"));
      } else if (uri.getRawUserInfo() != null) {
        out.add(new ConfigProblem(key, "must not contain user:password@ (use the *-file keys)"));
      }
      if (uri.getHost() != null) {
        ConfigRules.hostOrIpv4(out, key, uri.getHost());
      }
    } catch (URISyntaxException e) {
      out.add(new ConfigProblem(key, "is not a URL"));
    }
  }

  private static void resolver(List<ConfigProblem> out, String key, String text) {
    try {
      ConfigRules.hostOrIpv4(out, key, DnsServer.parse(text).host());
    } catch (IllegalArgumentException e) {
      out.add(new ConfigProblem(key, "must be host or host:port, not '" + text + "'"));
    }
  }

  private static void readable(List<ConfigProblem> out, String key, Path path) {
    if (!Files.isReadable(path)) {
      out.add(new ConfigProblem(key, "cannot read " + path));
    }
  }
}
