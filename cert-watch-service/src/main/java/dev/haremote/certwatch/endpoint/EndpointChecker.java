package dev.haremote.certwatch.endpoint;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.check.SourceKind;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.tls.ChainVerifier;
import dev.haremote.common.tls.TlsInspection;
import dev.haremote.common.tls.TlsInspector;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Checks the certificate one endpoint serves over one IP family: resolve (or take {@code address}),
 * connect, handshake with the SNI name, keep the chain whatever its verdict. One deadline covers it
 * all, so a server that stalls mid-handshake ends as {@code timeout}.
 */
public class EndpointChecker {
  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final TlsInspector inspector;
  private final SystemResolver resolver;
  private final Duration timeout;
  private final Clock clock;
  private final ChainVerifier verifier;
  private final Supplier<Instant> verificationTime;

  /**
   * @param verifier re-verifies the presented chain at {@code verificationTime}, so endpoints and
   *     files are judged at the same instant (the injected clock, or the build time while the
   *     system clock is wrong)
   */
  public EndpointChecker(
      TlsInspector inspector,
      SystemResolver resolver,
      Duration timeout,
      Clock clock,
      ChainVerifier verifier,
      Supplier<Instant> verificationTime) {
    this.inspector = inspector;
    this.resolver = resolver;
    this.timeout = timeout;
    this.clock = clock;
    this.verifier = verifier;
    this.verificationTime = verificationTime;
  }

  public Observation check(CertWatchConfig.Endpoint endpoint, IpFamily family) {
    Deadline deadline = Deadline.in(timeout);
    String target = endpoint.address().orElse(endpoint.host()).trim();
    String sni = endpoint.sni().orElse(endpoint.host()).trim();
    InetAddress address;
    if (isIpLiteral(target)) {
      address = literal(target);
      if (address == null || !family.matches(address)) {
        return failed(
            endpoint,
            family,
            Reason.DNS_UNRESOLVED,
            "address " + target + " is not an " + family.key() + " address");
      }
    } else {
      SystemResolver.Resolution resolution = resolver.resolve(target, family, deadline.remaining());
      if (resolution.reason() != null || resolution.addresses().isEmpty()) {
        String why = resolution.reason() == null ? "no address" : resolution.reason();
        // A resolver that did not answer is not a name without an address, and never the TLS
        // handshake's fault: the server was not even reached.
        if (why.equals("timeout") || why.equals("servfail")) {
          return failed(
              endpoint,
              family,
              Reason.DNS_ERROR,
              "the resolver did not answer for " + target + " (" + why + "); no server was tried");
        }
        return failed(
            endpoint,
            family,
            Reason.DNS_UNRESOLVED,
            target + " has no " + family.key() + " address (" + why + ")");
      }
      address = literal(resolution.addresses().get(0));
      if (address == null) {
        return failed(endpoint, family, Reason.DNS_UNRESOLVED, "resolver gave no usable address");
      }
    }
    TlsInspection inspection =
        inspector.inspect(new InetSocketAddress(address, endpoint.port()), sni, deadline);
    if (inspection.chain().isEmpty()) {
      String reason =
          inspection.failure() == null
              ? Reason.HANDSHAKE_FAILED
              : Reason.knownOrInternal(inspection.failure());
      return failed(endpoint, family, reason, inspection.failureDetail());
    }
    // A chain was seen: report it even when the handshake failed after the certificate message.
    return new Observation(
        endpoint.id(),
        SourceKind.ENDPOINT,
        family,
        clock.instant(),
        inspection.chain(),
        verifier.verify(inspection.chain(), verificationTime.get()),
        inspection.hostnameMatch(),
        /* keyMatches */ null,
        /* failure */ null,
        /* failureDetail */ null);
  }

  private Observation failed(
      CertWatchConfig.Endpoint endpoint, IpFamily family, String reason, String detail) {
    return Observation.failed(
        endpoint.id(), SourceKind.ENDPOINT, family, clock.instant(), reason, detail);
  }

  static boolean isIpLiteral(String text) {
    return text.contains(":") || IPV4_LITERAL.matcher(text).matches();
  }

  /** Literals only: getByName does no lookup for them. */
  private static InetAddress literal(String text) {
    String bare =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (!isIpLiteral(bare)) {
      return null;
    }
    try {
      return InetAddress.getByName(bare);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
