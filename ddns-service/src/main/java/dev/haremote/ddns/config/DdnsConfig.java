package dev.haremote.ddns.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything under {@code ddns.}: what to watch, how to find the public address, how to repair. */
@ConfigMapping(prefix = "ddns")
public interface DdnsConfig {

  /** How often to discover the public address and compare it with the published records. */
  @WithDefault("60s")
  Duration interval();

  /** The names to watch (and, with {@code update: true}, to repair). */
  List<Record> records();

  /** Where the state file lives (a PVC in Kubernetes). */
  @WithDefault("/var/lib/ddns")
  Path stateDir();

  /** Minimum time between two updates of the same record and family. */
  @WithDefault("5m")
  Duration cooldown();

  /** First wait after a failed update; doubled on each further failure. */
  @WithDefault("1m")
  Duration backoffInitial();

  /** Longest wait after repeated failures. */
  @WithDefault("6h")
  Duration backoffMax();

  /** How long to wait for the authoritative servers to show an accepted update. */
  @WithDefault("30s")
  Duration confirmTimeout();

  /** Deadline of one DNS question or HTTP request (discovery, lookups, provider calls). */
  @WithDefault("5s")
  Duration timeout();

  /** How the public address is found. */
  Discovery discovery();

  /** Resolvers used to find the zone and to see what the world's caches say. */
  Resolvers resolvers();

  /**
   * Authoritative servers to ask directly ({@code host} or {@code host:port}); empty = the zone's
   * NS records.
   */
  Optional<List<String>> authoritative();

  /** Port asked at the name servers found through NS records (53; labs on loopback change it). */
  @WithDefault("53")
  int authoritativePort();

  /** One watched name. */
  interface Record {
    /** The fully qualified name, e.g. {@code my-home.duckdns.org}. */
    String name();

    /** The families to watch: {@code ipv4}, {@code ipv6}. */
    @WithDefault("ipv4")
    List<String> families();

    /** {@code none | duckdns | cloudflare | rfc2136 | dyndns2}. */
    @WithDefault("none")
    String provider();

    /** false = watch only: report drift, change nothing. */
    @WithDefault("false")
    boolean update();

    /** DuckDNS settings. */
    DuckDns duckdns();

    /** RFC 2136 (BIND, Knot, PowerDNS) settings. */
    Rfc2136 rfc2136();

    /** dyndns2 (No-IP, Dynu and the like) settings. */
    Dyndns2 dyndns2();

    /** Cloudflare API v4 settings. */
    Cloudflare cloudflare();
  }

  /** DuckDNS: {@code GET url?domains=..&token=..&ip=..&ipv6=..&verbose=true}. */
  interface DuckDns {
    /** File holding the account token. */
    Optional<Path> tokenFile();

    /** The update endpoint. */
    @WithDefault("https://www.duckdns.org/update")
    String url();
  }

  /** RFC 2136 dynamic update signed with TSIG, over TCP. */
  interface Rfc2136 {
    /** Primary server, {@code host} or {@code host:port}. */
    Optional<String> server();

    /** The zone to update, e.g. {@code example.net.}. */
    Optional<String> zone();

    /** TSIG key name. */
    Optional<String> keyName();

    /** TSIG algorithm: hmac-sha256 (default), hmac-sha384, hmac-sha512, hmac-sha224, hmac-sha1. */
    @WithDefault("hmac-sha256")
    String algorithm();

    /** File holding the base64 TSIG secret. */
    Optional<Path> secretFile();

    /** TTL of the records written. */
    @WithDefault("60")
    long ttl();
  }

  /** dyndns2: {@code GET url?hostname=..&myip=..} with basic auth. */
  interface Dyndns2 {
    /** The update endpoint. */
    @WithDefault("https://dynupdate.no-ip.com/nic/update")
    String url();

    /** Account user name. */
    Optional<String> username();

    /** File holding the password (or the provider's update key). */
    Optional<Path> passwordFile();
  }

  /** Cloudflare API v4: PATCH the record found by name and type (created when missing). */
  interface Cloudflare {
    /** The zone's id (Cloudflare dashboard, Overview). */
    Optional<String> zoneId();

    /** File holding an API token with Zone.DNS edit permission. */
    Optional<Path> apiTokenFile();

    /** The API base URL. */
    @WithDefault("https://api.cloudflare.com/client/v4")
    String url();

    /** TTL of created records (1 = automatic). */
    @WithDefault("1")
    long ttl();
  }

  /** Public address discovery. */
  interface Discovery {
    /** Sources that must agree before an address is trusted. */
    @WithDefault("2")
    int quorum();

    /** CIDRs accepted as public although special-use (test labs only). */
    Optional<List<String>> allowRanges();

    /**
     * The sources asked each round. Empty: the built-in default set (HTTP and DNS echoes of three
     * operators, per watched family) unless {@code defaults} is false.
     */
    List<Source> sources();

    /**
     * Use the built-in default sources when {@code sources} is empty. false: no sources, so no
     * public address, drift or CG-NAT can be seen (the status says so).
     */
    @WithDefault("true")
    boolean defaults();
  }

  /** One discovery source. */
  interface Source {
    /** {@code http | dns | upnp | interface}. */
    String type();

    /** Name shown in the status; default {@code type:url-or-server}. */
    Optional<String> id();

    /** The family this source reports: {@code ipv4 | ipv6}. */
    @WithDefault("ipv4")
    String family();

    /** http: the echo URL whose body is the address. */
    Optional<String> url();

    /** dns: the server to ask, {@code host} or {@code host:port}. */
    Optional<String> server();

    /** dns: the name to ask, e.g. {@code myip.opendns.com} or {@code whoami.cloudflare}. */
    Optional<String> name();

    /** dns: {@code in} (A/AAAA of the name) or {@code ch} (TXT of class CHAOS). */
    @WithName("class")
    @WithDefault("in")
    String dnsClass();

    /** upnp: the SSDP address M-SEARCH is sent to. */
    @WithDefault("239.255.255.250:1900")
    String ssdpAddress();

    /** upnp: the IGD description URL; set it to skip SSDP. */
    Optional<String> location();

    /**
     * upnp: the router's address (a literal). SSDP answers from other hosts are ignored and only
     * URLs on this host are fetched. Default: the default gateway ({@code /proc/net/route}), or the
     * host of {@code location} when that is set.
     */
    Optional<String> router();

    /** interface: only this network interface (default: all). */
    Optional<String> interfaceName();
  }

  /** Resolvers. */
  interface Resolvers {
    /** Public resolvers, {@code host} or {@code host:port}. */
    @WithName("public")
    @WithDefault("1.1.1.1,8.8.8.8,9.9.9.9")
    List<String> publicResolvers();
  }
}
