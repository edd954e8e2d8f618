package dev.haremote.certwatch.config;

import dev.haremote.common.net.IpFamily;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything under {@code certwatch.}: what to watch, how often, and the limits that keep it safe.
 */
@ConfigMapping(prefix = "certwatch")
public interface CertWatchConfig {

  /** How often every endpoint and file is checked (file changes are also seen at once). */
  @WithDefault("5m")
  Duration interval();

  /** TLS endpoints whose served certificate is checked, e.g. Home Assistant or its proxy. */
  Optional<List<Endpoint>> endpoints();

  /** Certificate files on disk, e.g. {@code /ssl/fullchain.pem}. */
  Optional<List<CertificateFile>> files();

  /** Trust anchors used to verify chains. */
  Trust trust();

  /** ACME Renewal Information (RFC 9773). */
  Ari ari();

  /** Re-check a file as soon as it (or the symlink pointing at it) changes on disk. */
  @WithDefault("true")
  boolean fileWatch();

  /** Deadlines for single checks. */
  Timeouts timeouts();

  /** Bounds on what is read from a certificate file. */
  Limits limits();

  /** How the system clock is checked before certificates are judged by it. */
  ClockCheck clock();

  /**
   * The clock check: the system clock must not be before the build time and, with a reference, must
   * agree with the reference's HTTP {@code Date} within the tolerance.
   */
  interface ClockCheck {
    /** An http(s) URL whose {@code Date} header is the reference time; none: build time only. */
    Optional<URI> referenceUrl();

    /** How far the system clock may differ from the reference before it counts as wrong. */
    @WithDefault("5m")
    Duration tolerance();

    /** One request to the reference. */
    @WithDefault("5s")
    Duration timeout();
  }

  /** One TLS endpoint. */
  interface Endpoint {
    /** Stable identifier: used in JSON, metric labels and Home Assistant unique_ids. */
    String id();

    /** Host name (or IP literal) users connect to; also the default SNI name. */
    String host();

    /** TCP port. */
    @WithDefault("443")
    int port();

    /** SNI name sent in the handshake and matched against the SANs; default: {@code host}. */
    Optional<String> sni();

    /** Connect here instead of resolving {@code host} (IP literal or name). */
    Optional<String> address();

    /** IP families checked, each on its own. */
    @WithDefault("ipv4")
    List<IpFamily> families();
  }

  /** One certificate file. */
  interface CertificateFile {
    /** Stable identifier: used in JSON, metric labels and Home Assistant unique_ids. */
    String id();

    /** PEM (one or many certificates, leaf first) or DER file. */
    Path path();

    /** Optional private key (PEM, PKCS#8 or traditional RSA/EC) that must match the leaf. */
    Optional<Path> key();

    /** Optional endpoint id that must serve this same certificate. */
    Optional<String> servedBy();
  }

  /** Trust anchors. */
  interface Trust {
    /** PEM bundle added to the system trust store (a private CA). */
    Optional<Path> extraCaFile();
  }

  /** ACME Renewal Information. */
  interface Ari {
    /** Look up renewal windows at all (no request is made when false). */
    @WithDefault("true")
    boolean enabled();

    /** ACME directory URLs asked for a {@code renewalInfo} window; Let's Encrypt's by default. */
    @WithDefault("https://acme-v02.api.letsencrypt.org/directory")
    List<URI> directories();

    /** Used when the server sends no {@code Retry-After}. */
    @WithDefault("6h")
    Duration defaultRetryAfter();

    /** First wait after an error; doubles per failure up to {@code default-retry-after}. */
    @WithDefault("1m")
    Duration errorBackoff();
  }

  /** Deadlines. */
  interface Timeouts {
    /** One deadline over resolve, connect and handshake of one endpoint and family. */
    @WithDefault("10s")
    Duration endpoint();

    /** Reading and parsing one certificate file (and its key). */
    @WithDefault("5s")
    Duration file();

    /** One ARI request (directory or renewalInfo). */
    @WithDefault("10s")
    Duration ari();
  }

  /** Bounds on file input, so a wrong path cannot exhaust memory. */
  interface Limits {
    /** Larger files are refused with {@code too_large}. */
    @WithDefault("1048576")
    long maxFileBytes();

    /** Files with more certificates are refused with {@code too_many_certificates}. */
    @WithDefault("16")
    int maxCertificates();
  }
}
