package dev.haremote.reachability.peer;

import dev.haremote.reachability.probe.Addresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A URL in one canonical spelling ({@code scheme://host:port/path}), so that an allow-list can be
 * compared by string equality. Anything with more than one spelling is refused instead of being
 * guessed at: userinfo, query, fragment, percent-escapes, dot segments, and every IPv4 form except
 * the plain dotted quad (127.1, 0x7f000001, 2130706433, 0177.0.0.1, IPv4-mapped IPv6). Host names
 * are lower-cased and lose one trailing dot; IPv6 literals are written in their compressed form.
 */
public final class ProbeUrl {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern DOTTED_QUAD =
      Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final Pattern HEXISH_V6 = Pattern.compile("[0-9a-f:]+");
  private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)*/?");

  private final String scheme;
  private final String host;
  private final int port;
  private final String path;

  private ProbeUrl(String scheme, String host, int port, String path) {
    this.scheme = scheme;
    this.host = host;
    this.port = port;
    this.path = path;
  }

  /** The canonical URL, or a refusal reason. Never throws. */
  public static Result parse(String text) {
    if (text == null || text.isBlank()) {
      return Result.refused("empty URL");
    }
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      return Result.refused("not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Result.refused("scheme must be http or https");
    }
    if (uri.getRawUserInfo() != null
        || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
      return Result.refused("userinfo is not allowed");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return Result.refused("query and fragment are not allowed");
    }
    String rawHost = uri.getHost();
    if (rawHost == null) {
      return Result.refused("host is not a canonical name or address");
    }
    Optional<String> host = canonicalHost(rawHost.toLowerCase(Locale.ROOT));
    if (host.isEmpty()) {
      return Result.refused("host is not a canonical name or address");
    }
    int port = uri.getPort() > 0 ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!SAFE_PATH.matcher(path).matches()
        || path.contains("/./")
        || path.contains("/../")
        || path.endsWith("/.")
        || path.endsWith("/..")) {
      return Result.refused("path must be plain segments");
    }
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new Result(new ProbeUrl(scheme, host.get(), port, path), null);
  }

  private static Optional<String> canonicalHost(String h) {
    if (h.startsWith("[") && h.endsWith("]")) {
      String literal = h.substring(1, h.length() - 1);
      if (!HEXISH_V6.matcher(literal).matches() || literal.contains(".")) {
        return Optional.empty(); // embedded IPv4 forms (::ffff:127.0.0.1) and zone ids refused
      }
      try {
        java.net.InetAddress a = java.net.InetAddress.getByName(literal); // literal: no lookup
        if (!(a instanceof java.net.Inet6Address)) {
          return Optional.empty();
        }
        String compressed = Addresses.compress(a.getAddress());
        if (compressed.startsWith("::ffff:") || isV4Compatible(a.getAddress())) {
          return Optional.empty();
        }
        return Optional.of("[" + compressed + "]");
      } catch (java.net.UnknownHostException e) {
        return Optional.empty();
      }
    }
    String name = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    if (name.isEmpty() || name.length() > 253) {
      return Optional.empty();
    }
    String[] labels = name.split("\\.", -1);
    String last = labels[labels.length - 1];
    boolean looksNumeric = !last.isEmpty() && Character.isDigit(last.charAt(0));
    if (looksNumeric) {
      // Only the plain dotted quad, each part 0..255, no trailing dot: every other IPv4 spelling
      // (127.1, 0x7f000001, 2130706433, octal) is refused rather than interpreted.
      if (h.endsWith(".") || !DOTTED_QUAD.matcher(name).matches()) {
        return Optional.empty();
      }
      for (String part : labels) {
        if (Integer.parseInt(part) > 255) {
          return Optional.empty();
        }
      }
      return Optional.of(name);
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.empty();
      }
    }
    return Optional.of(name);
  }

  private static boolean isV4Compatible(byte[] a) {
    for (int i = 0; i < 12; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return !(a[12] == 0 && a[13] == 0 && a[14] == 0 && (a[15] == 0 || a[15] == 1));
  }

  public String scheme() {
    return scheme;
  }

  /** Canonical host: a lower-case name, a dotted quad, or a bracketed IPv6 literal. */
  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** Path without trailing slash; empty for the root. */
  public String path() {
    return path;
  }

  public URI toUri() {
    return URI.create(toString());
  }

  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port + path;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProbeUrl other && toString().equals(other.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  /**
   * @param url the canonical URL, or null when refused
   * @param refusal why it was refused, or null
   */
  public record Result(ProbeUrl url, String refusal) {
    static Result refused(String why) {
      return new Result(null, why);
    }

    public boolean ok() {
      return url != null;
    }
  }
}
