package dev.haremote.common.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.conscrypt.Conscrypt;
import org.jboss.logging.Logger;

/**
 * The TLS implementation the probes handshake with. The JDK 17's own TLS is pure Java and spends
 * most of a probe's CPU on elliptic-curve crypto; BoringSSL (through Conscrypt) does the same
 * handshake several times cheaper. Conscrypt is used when its native library loads on this machine
 * (its jar carries linux-x86_64 and linux-aarch_64, for glibc 2.34 and newer); otherwise, or when
 * the system property {@value #PROPERTY} is {@code jdk}, the JDK's provider is used. Either way the
 * probe behaves the same: the chain is captured by our trust manager and judged by {@link
 * ChainVerifier}.
 *
 * <p>Conscrypt is not registered as a JVM-wide security provider: only the probes use it.
 */
public final class TlsProvider {
  /** System property: {@code jdk} forces the JDK's TLS (comparisons, or a native-library fault). */
  public static final String PROPERTY = "haremote.tls.provider";

  private static final Logger LOG = Logger.getLogger(TlsProvider.class);
  private static final TlsProvider JDK = new TlsProvider("jdk", null);

  private final String name;
  private final Provider provider;

  private TlsProvider(String name, Provider provider) {
    this.name = name;
    this.provider = provider;
  }

  /** The JDK's own TLS (SunJSSE). */
  public static TlsProvider jdk() {
    return JDK;
  }

  /** BoringSSL through Conscrypt, when its native library loads here. */
  public static Optional<TlsProvider> conscrypt() {
    return ConscryptHolder.INSTANCE;
  }

  /** What the probes use: Conscrypt when available, unless the system property says jdk. */
  public static TlsProvider preferred() {
    return PreferredHolder.INSTANCE;
  }

  /** {@code conscrypt} or {@code jdk}. */
  public String name() {
    return name;
  }

  /**
   * A socket factory of a new context: nothing is shared between probes, so no TLS session is
   * resumed and every handshake presents the server's certificate.
   */
  SSLSocketFactory newSocketFactory(TrustManager trustManager) throws GeneralSecurityException {
    SSLContext context =
        provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
    context.init(null, new TrustManager[] {trustManager}, null);
    SSLSocketFactory factory = context.getSocketFactory();
    if (provider != null) {
      // The engine socket reads and writes through the plain socket's streams, so closing that
      // socket (the deadline watchdog) ends a blocked handshake exactly as with the JDK.
      Conscrypt.setUseEngineSocket(factory, true);
    }
    return factory;
  }

  /**
   * The chain as the JDK's own certificate objects, whatever the provider handed over, so that
   * every fact read from it (names, SANs, keys, encodings) is the same under either provider.
   */
  List<X509Certificate> standardCertificates(List<X509Certificate> chain) {
    if (provider == null || chain.isEmpty()) {
      return chain;
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> result = new ArrayList<>(chain.size());
      for (X509Certificate c : chain) {
        result.add(
            (X509Certificate)
                factory.generateCertificate(new ByteArrayInputStream(c.getEncoded())));
      }
      return List.copyOf(result);
    } catch (CertificateException e) {
      // The handshake already parsed it; keep what we have rather than lose the chain.
      return chain;
    }
  }

  @Override
  public String toString() {
    return name;
  }

  private static final class ConscryptHolder {
    static final Optional<TlsProvider> INSTANCE = load();

    private static Optional<TlsProvider> load() {
      try {
        if (Conscrypt.isAvailable()) {
          return Optional.of(new TlsProvider("conscrypt", Conscrypt.newProvider()));
        }
      } catch (LinkageError | RuntimeException e) {
        // No jar, or no native library for this platform: the JDK's TLS it is.
      }
      return Optional.empty();
    }
  }

  /** Conscrypt when it loads, unless {@code wanted} (the system property's value) is jdk. */
  static TlsProvider choose(String wanted) {
    if (wanted.trim().equalsIgnoreCase("jdk")) {
      return JDK;
    }
    return conscrypt().orElse(JDK);
  }

  private static final class PreferredHolder {
    static final TlsProvider INSTANCE = chooseAndLog();

    private static TlsProvider chooseAndLog() {
      String wanted = System.getProperty(PROPERTY, "");
      TlsProvider chosen = choose(wanted);
      String platform = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
      String why =
          chosen != JDK
              ? "BoringSSL, its native library loaded on " + platform
              : conscrypt().isPresent()
                  ? "the system property " + PROPERTY + "=" + wanted.trim()
                  : "Conscrypt's native library does not load on " + platform;
      LOG.infof("probes use the %s TLS implementation (%s)", chosen.name(), why);
      return chosen;
    }
  }
}
