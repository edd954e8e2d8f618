package dev.haremote.common.tls;

import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.IpLiterals;
import dev.haremote.common.net.NetFailures;
import dev.haremote.common.net.SocketWatchdog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Connects to one address with a given SNI name and inspects what is presented: it accepts any
 * chain during the handshake (to see broken ones too), then verifies it itself with {@link
 * ChainVerifier} and matches the SNI name with {@link CertificateFacts#coversHost}.
 */
public class TlsInspector {
  private final ChainVerifier verifier;
  private final TlsProvider provider;

  /** Handshakes with {@link TlsProvider#preferred()}. */
  public TlsInspector(TrustConfig trust) {
    this(trust, TlsProvider.preferred());
  }

  public TlsInspector(TrustConfig trust, TlsProvider provider) {
    this.verifier = new ChainVerifier(trust);
    this.provider = provider;
  }

  /** The TLS implementation this inspector handshakes with. */
  public TlsProvider provider() {
    return provider;
  }

  /**
   * Never throws for network or TLS trouble: that is in the result. When BoringSSL (Conscrypt)
   * fails the handshake before any certificate, it is tried once more with the JDK's TLS: BoringSSL
   * does not offer Ed25519/Ed448 signatures, so a server with such a key looks like "no TLS" to it
   * while the JDK (and OpenSSL) connect.
   */
  public TlsInspection inspect(InetSocketAddress address, String sni, Deadline deadline) {
    TlsInspection first = inspect(provider, address, sni, deadline);
    if (provider != TlsProvider.jdk()
        && "handshake_failed".equals(first.failure())
        && first.chain().isEmpty()
        && !deadline.expired()) {
      TlsInspection second = inspect(TlsProvider.jdk(), address, sni, deadline);
      if (second.handshakeCompleted() || !second.chain().isEmpty()) {
        return second;
      }
    }
    return first;
  }

  private TlsInspection inspect(
      TlsProvider tls, InetSocketAddress address, String sni, Deadline deadline) {
    Socket tcp = new Socket();
    try (SocketWatchdog watchdog = SocketWatchdog.watch(tcp, deadline)) {
      long start = System.nanoTime();
      try {
        // See ProbeConnection: small handshake writes must not wait for a delayed ACK.
        tcp.setTcpNoDelay(true);
        tcp.connect(address, deadline.remainingMillisForSocket());
      } catch (IOException e) {
        closeQuietly(tcp);
        String code = NetFailures.code(e, watchdog.fired() || deadline.expired());
        return failed(code, NetFailures.detail(code), List.of(), sni, null, null);
      }
      Duration connectTime = Duration.ofNanos(System.nanoTime() - start);
      Handshake handshake = handshake(tls, tcp, address, sni, connectTime, deadline);
      // The TCP socket first: no close_notify exchange with a peer that may not cooperate.
      closeQuietly(tcp);
      if (handshake.socket() != null) {
        closeQuietly(handshake.socket());
      }
      return handshake.inspection();
    }
  }

  /**
   * The TLS handshake on an already connected socket (the HTTP and WebSocket probes continue on the
   * returned socket). The caller bounds the whole exchange with its own {@link SocketWatchdog} on
   * {@code tcp}; on failure the returned socket is null and {@code tcp} is left for the caller to
   * close.
   */
  public Handshake handshake(
      Socket tcp, InetSocketAddress address, String sni, Duration connectTime, Deadline deadline) {
    return handshake(provider, tcp, address, sni, connectTime, deadline);
  }

  private Handshake handshake(
      TlsProvider provider,
      Socket tcp,
      InetSocketAddress address,
      String sni,
      Duration connectTime,
      Deadline deadline) {
    CapturingTrustManager capture = new CapturingTrustManager();
    long start = System.nanoTime();
    SSLSocket ssl = null;
    try {
      // A new context per probe: a shared one would resume sessions, which present no certificate.
      SSLSocketFactory factory = provider.newSocketFactory(capture);
      List<SNIServerName> serverNames = serverNames(sni);
      // Conscrypt also takes SNI from the peer host: without a name to send, give it the address.
      String peerHost =
          !serverNames.isEmpty()
              ? sni
              : address.getAddress() != null
                  ? address.getAddress().getHostAddress()
                  : address.getHostString();
      ssl = (SSLSocket) factory.createSocket(tcp, peerHost, address.getPort(), true);
      SSLParameters params = ssl.getSSLParameters();
      // We match names ourselves and want to see wrong-name certificates too.
      params.setEndpointIdentificationAlgorithm(null);
      params.setServerNames(serverNames);
      ssl.setSSLParameters(params);
      ssl.setSoTimeout(deadline.remainingMillisForSocket());
      ssl.startHandshake();
      Duration handshakeTime = Duration.ofNanos(System.nanoTime() - start);
      List<X509Certificate> chain = capture.chain();
      if (chain.isEmpty()) {
        chain = peerChain(ssl);
      }
      chain = provider.standardCertificates(chain);
      var session = ssl.getSession();
      TlsInspection inspection =
          new TlsInspection(
              null,
              null,
              chain,
              verifier.verify(chain, Instant.now()),
              hostnameMatch(chain, sni, address),
              session.getProtocol(),
              session.getCipherSuite(),
              connectTime,
              handshakeTime);
      return new Handshake(inspection, ssl);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot create a TLS context", e);
    } catch (IOException e) {
      String code;
      String detail;
      if (deadline.expired() || e instanceof SocketTimeoutException) {
        code = "timeout";
        detail = "the TLS handshake did not finish before the deadline";
      } else if (e instanceof SSLException && isNotTls(e)) {
        code = "not_tls";
        detail = "the server does not speak TLS on this port";
      } else if (e instanceof SSLHandshakeException) {
        code = "handshake_failed";
        detail = "the TLS handshake failed: " + firstLine(e.getMessage());
      } else {
        code = "handshake_failed";
        detail = "the connection ended during the TLS handshake";
      }
      List<X509Certificate> chain = provider.standardCertificates(capture.chain());
      return new Handshake(failed(code, detail, chain, sni, address, connectTime), null);
    }
  }

  /**
   * @param socket the established TLS socket when the handshake completed, else null
   */
  public record Handshake(TlsInspection inspection, SSLSocket socket) {}

  private TlsInspection failed(
      String code,
      String detail,
      List<X509Certificate> chain,
      String sni,
      InetSocketAddress address,
      Duration connectTime) {
    return new TlsInspection(
        code,
        detail,
        chain,
        verifier.verify(chain, Instant.now()),
        hostnameMatch(chain, sni, address),
        null,
        null,
        connectTime,
        null);
  }

  private static Boolean hostnameMatch(
      List<X509Certificate> chain, String sni, InetSocketAddress address) {
    if (chain.isEmpty()) {
      return null;
    }
    String name = sni;
    if (name == null && address != null && address.getAddress() != null) {
      name = IpLiterals.format(address.getAddress());
    }
    return name != null && CertificateFacts.coversHost(chain.get(0), name);
  }

  /** SNI carries host names only; IP literals and names SNI cannot hold are not sent. */
  private static List<SNIServerName> serverNames(String sni) {
    if (sni == null || IpLiterals.isLiteral(sni)) {
      return List.of();
    }
    try {
      String name = sni.endsWith(".") ? sni.substring(0, sni.length() - 1) : sni;
      return List.of(new SNIHostName(name));
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  private static List<X509Certificate> peerChain(SSLSocket ssl) {
    try {
      return Arrays.stream(ssl.getSession().getPeerCertificates())
          .filter(X509Certificate.class::isInstance)
          .map(X509Certificate.class::cast)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The JDK's and Conscrypt's (BoringSSL's) words for an answer that is not a TLS record. */
  private static boolean isNotTls(IOException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return m.contains("unrecognized ssl message")
        || m.contains("plaintext connection")
        || m.contains("unable to parse tls packet header")
        || m.contains("wrong_version_number");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    String line = message.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) : line;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing left to do with a socket we are done with.
    }
  }

  /** Accepts every chain and remembers it: the verdict is ours, made after the handshake. */
  private static final class CapturingTrustManager extends X509ExtendedTrustManager {
    private volatile List<X509Certificate> chain = List.of();

    List<X509Certificate> chain() {
      return chain;
    }

    private void capture(X509Certificate[] presented) {
      chain = presented == null ? List.of() : List.of(presented);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) {
      capture(presented);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine e) {
      capture(presented);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType) {
      capture(presented);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine e) {}

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
