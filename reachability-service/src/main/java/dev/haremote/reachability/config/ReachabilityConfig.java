package dev.haremote.reachability.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything under {@code reachability.} (see docs/api.md, reachability-service). */
@ConfigMapping(prefix = "reachability")
public interface ReachabilityConfig {

  /** How often all targets are probed. */
  @WithDefault("60s")
  Duration interval();

  /** Consecutive failed rounds before a target's reachable/verdict turns to the failure. */
  @WithDefault("3")
  int failureThreshold();

  /** Consecutive good rounds before a failing target's reachable/verdict turns good again. */
  @WithDefault("2")
  int successThreshold();

  /**
   * One deadline for one target's whole check: ddns-service's status, DNS, TCP, TLS, every byte of
   * HTTP and WebSocket answers, and the peers (told the time left as {@code timeout_ms}).
   */
  @WithDefault("10s")
  Duration timeout();

  /** Probes run at the same time at most (targets x families, hairpin, peers). */
  @WithDefault("8")
  int maxConcurrency();

  /** Home Assistant's own unencrypted port, tried on the public address (plain_http_exposed). */
  @WithDefault("8123")
  int plainHttpPort();

  /** The Home Assistant URLs to check; empty = nothing to check (the service still starts). */
  List<Target> targets();

  /** DNS resolvers for the inside and the outside view. */
  Resolvers resolvers();

  /** Base URL of a ddns-service, for the home's public address, drift and CG-NAT; none if empty. */
  Optional<String> ddnsUrl();

  /** Trust anchors added to the system trust store. */
  Trust trust();

  /** Other reachability-service instances outside the home that give the outside view. */
  List<Peer> peers();

  /** This instance acting as a peer for others ({@code POST /api/v1/peer/probe}). */
  PeerService peer();

  /** Outside vantage points other than peers (docs/outside-view.md). */
  Outside outside();

  /** One Home Assistant URL to check. */
  interface Target {
    /** Stable id, used in JSON, metric labels and HA unique_ids: [a-z0-9_-]. */
    String id();

    /** The external URL the app uses, e.g. https://my-home.duckdns.org:8123. */
    String url();

    /** Optional internal URL (e.g. http://192.168.1.10:8123), probed as the inside view. */
    Optional<String> internalUrl();

    /** The IP families probed, each on its own: ipv4, ipv6. */
    @WithDefault("ipv4")
    List<String> families();

    /**
     * A file with a Home Assistant long-lived access token: the WebSocket check then completes the
     * auth phase ({@code auth_ok}) instead of closing in it, which Home Assistant logs as a
     * warning. Sent only over verified TLS or to a private address.
     */
    Optional<Path> haTokenFile();
  }

  /** DNS resolvers. */
  interface Resolvers {
    /** Resolvers inside the home (host or host:port); empty = the system resolver. */
    Optional<List<String>> internal();

    /** Public resolvers that give the outside view of the name (host or host:port). */
    @WithName("public")
    @WithDefault("1.1.1.1,8.8.8.8")
    List<String> publicResolvers();
  }

  /** Trust settings. */
  interface Trust {
    /** PEM bundle added to the system trust store (a private CA). */
    Optional<Path> extraCaFile();
  }

  /** A peer to ask for the outside view. */
  interface Peer {
    /** The peer's base URL, e.g. https://vps.example.net:8081. */
    String url();

    /** File with the peer's own token (its {@code reachability.peer.token-file} content). */
    Path tokenFile();
  }

  /** Serving as a peer. */
  interface PeerService {
    /** Whether {@code POST /api/v1/peer/probe} answers at all (404 when false). */
    @WithDefault("false")
    boolean enabled();

    /** File with the token callers must send as {@code Authorization: Bearer ...}. */
    Optional<Path> tokenFile();

    /** The only URLs this peer probes (scheme, host, port, path compared after normalising). */
    Optional<List<String>> allowList();

    /**
     * Whether an allow-listed name may resolve to this peer's own addresses (loopback, its
     * interfaces, link-local). Off: a name re-pointed there is refused, not probed (DNS rebinding).
     * Only tests on one host turn it on.
     */
    @WithDefault("false")
    boolean allowOwnAddresses();
  }

  /** Outside vantage points that are not instances of this service. */
  interface Outside {
    /** Globalping's public measurement probes (jsdelivr/globalping): opt-in. */
    Globalping globalping();
  }

  /**
   * Globalping: an HTTP measurement of {@code /manifest.json} on each target's external URL per IP
   * family, from public probes. Sends the URL's host, port and path to the API; nothing else.
   */
  interface Globalping {
    /** Off by default: the target's hostname then goes to a third party. */
    @WithDefault("false")
    boolean enabled();

    /** The API's base URL (a local stand-in in tests and the lab). */
    @WithDefault("https://api.globalping.io")
    String url();

    /** Optional file with a Globalping API token (500 instead of 250 tests per hour). */
    Optional<Path> tokenFile();

    /**
     * Where the probes are, each a Globalping "magic" location (a country, region, continent,
     * network or ASN as {@code AS3320}); empty = anywhere.
     */
    @WithDefault("Europe,North America")
    List<String> locations();

    /** Probes per measurement, i.e. per target and IP family. */
    @WithDefault("3")
    int limit();

    /** Probes that must say the same before the outside view counts as evidence. */
    @WithDefault("2")
    int minAgreeing();

    /** How often each target is measured; the answer is reused by the rounds in between. */
    @WithDefault("15m")
    Duration interval();

    /** One deadline per measurement: creating it and polling until it is finished. */
    @WithDefault("30s")
    Duration timeout();
  }
}
