package dev.haremote.common.http;

import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.IpLiterals;
import dev.haremote.common.net.NetFailures;
import dev.haremote.common.net.SocketWatchdog;
import dev.haremote.common.tls.TlsInspection;
import dev.haremote.common.tls.TlsInspector;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * One TCP (and, for https/wss, TLS) connection of a probe, opened within the probe's deadline: the
 * pinned address or a system lookup, connect, handshake. A watchdog closes it at the deadline, so
 * whatever the peer does the probe ends in time.
 */
final class ProbeConnection implements AutoCloseable {
  final Target target;
  final InetAddress address;
  final TlsInspection tls;
  final Duration connectTime;
  private final Socket socket;
  private final Socket tcp;
  private final SocketWatchdog watchdog;
  private final InputStream in;
  private final OutputStream out;

  private ProbeConnection(
      Target target,
      InetAddress address,
      TlsInspection tls,
      Duration connectTime,
      Socket socket,
      Socket tcp,
      SocketWatchdog watchdog)
      throws IOException {
    this.tcp = tcp;
    this.target = target;
    this.address = address;
    this.tls = tls;
    this.connectTime = connectTime;
    this.socket = socket;
    this.watchdog = watchdog;
    this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    this.out = socket.getOutputStream();
  }

  /** Where a URL points: scheme, host as written (no brackets), port, path with query. */
  record Target(boolean secure, String host, int port, String pathAndQuery) {
    static Target of(URI url) {
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      boolean secure =
          switch (scheme) {
            case "https", "wss" -> true;
            case "http", "ws" -> false;
            default -> throw new IllegalArgumentException("unsupported URL scheme: " + scheme);
          };
      String host = url.getHost();
      if (host == null || host.isEmpty()) {
        throw new IllegalArgumentException("the URL has no host");
      }
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = url.getPort() > 0 ? url.getPort() : secure ? 443 : 80;
      String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
      if (url.getRawQuery() != null) {
        path += "?" + url.getRawQuery();
      }
      return new Target(secure, host, port, path);
    }

    /** Host header value: the port only when it is not the scheme's default. */
    String hostHeader() {
      String h = host.contains(":") ? "[" + host + "]" : host;
      return port == (secure ? 443 : 80) ? h : h + ":" + port;
    }
  }

  /** A probe step that failed, with its stable code; the connection (if any) is closed. */
  static final class Failure extends Exception {
    final String code;
    final String detail;
    final InetAddress address;
    final TlsInspection tls;
    final Duration connectTime;

    Failure(
        String code, String detail, InetAddress address, TlsInspection tls, Duration connectTime) {
      super(code, null, false, false);
      this.code = code;
      this.detail = detail;
      this.address = address;
      this.tls = tls;
      this.connectTime = connectTime;
    }
  }

  static ProbeConnection open(
      Target target, InetAddress connectTo, TlsInspector inspector, Deadline deadline)
      throws Failure {
    InetAddress address = connectTo;
    if (address == null) {
      address = IpLiterals.parse(target.host()).orElse(null);
    }
    if (address == null) {
      SystemResolver.Resolution r =
          new SystemResolver().resolveAny(target.host(), deadline.remaining());
      if (r.addresses().isEmpty()) {
        if ("timeout".equals(r.reason())) {
          throw new Failure("timeout", "name lookup did not finish in time", null, null, null);
        }
        throw new Failure(
            "dns", "the name does not resolve (" + r.reason() + ")", null, null, null);
      }
      address = IpLiterals.parse(r.addresses().get(0)).orElseThrow();
    }
    InetSocketAddress socketAddress = new InetSocketAddress(address, target.port());
    Socket tcp = new Socket();
    SocketWatchdog watchdog = SocketWatchdog.watch(tcp, deadline);
    long start = System.nanoTime();
    try {
      // Without TCP_NODELAY a TLS 1.2 client's Finished (or a request sent in two writes) waits
      // for the server's delayed ACK: ~40 ms per probe on Linux, the bulk of a loopback probe.
      tcp.setTcpNoDelay(true);
      tcp.connect(socketAddress, deadline.remainingMillisForSocket());
      tcp.setSoTimeout(deadline.remainingMillisForSocket());
    } catch (IOException e) {
      closeAll(tcp, watchdog);
      String code = NetFailures.code(e, watchdog.fired() || deadline.expired());
      throw new Failure(code, NetFailures.detail(code), address, null, null);
    }
    Duration connectTime = Duration.ofNanos(System.nanoTime() - start);
    Socket socket = tcp;
    TlsInspection tls = null;
    if (target.secure()) {
      String sni = target.host();
      TlsInspector.Handshake handshake =
          inspector.handshake(tcp, socketAddress, sni, connectTime, deadline);
      tls = handshake.inspection();
      if (handshake.socket() == null) {
        closeAll(tcp, watchdog);
        String code = "timeout".equals(tls.failure()) ? "timeout" : "tls";
        throw new Failure(code, tls.failureDetail(), address, tls, connectTime);
      }
      socket = handshake.socket();
    }
    try {
      return new ProbeConnection(target, address, tls, connectTime, socket, tcp, watchdog);
    } catch (IOException e) {
      closeAll(tcp, watchdog);
      throw new Failure("reset", NetFailures.detail("reset"), address, tls, connectTime);
    }
  }

  InputStream in() {
    return in;
  }

  OutputStream out() {
    return out;
  }

  /** Before each blocking read: never wait past the deadline. */
  void refreshTimeout(Deadline deadline) throws IOException {
    socket.setSoTimeout(deadline.remainingMillisForSocket());
  }

  boolean timedOut(Deadline deadline) {
    return watchdog.fired() || deadline.expired();
  }

  @Override
  public void close() {
    // The TCP socket first: a TLS close would try to exchange close_notify with a peer that may
    // not cooperate; a probe has nothing left to say.
    closeAll(tcp, watchdog);
    if (socket != tcp) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Already closed underneath.
      }
    }
  }

  private static void closeAll(Socket socket, SocketWatchdog watchdog) {
    watchdog.close();
    try {
      socket.close();
    } catch (IOException ignored) {
      // Done with it either way.
    }
  }
}
