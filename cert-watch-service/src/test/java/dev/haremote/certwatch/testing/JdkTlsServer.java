package dev.haremote.certwatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A JDK TLS server on loopback serving exactly the given chain (a missing intermediate stays
 * missing). A small stand-in until labkit's TlsTestServer is in this branch.
 */
public final class JdkTlsServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread acceptor;

  private JdkTlsServer(ServerSocket socket) {
    this.socket = socket;
    this.acceptor = new Thread(this::acceptLoop, "jdk-tls-server");
    this.acceptor.setDaemon(true);
    this.acceptor.start();
  }

  public static JdkTlsServer start(List<X509Certificate> chain, PrivateKey key) throws Exception {
    return start(InetAddress.getByName("127.0.0.1"), 0, chain, key);
  }

  /** On a chosen loopback address and port (0: chosen by the OS). */
  public static JdkTlsServer start(
      InetAddress bind, int port, List<X509Certificate> chain, PrivateKey key) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", key, "x".toCharArray(), chain.toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "x".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket server =
        (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, 16, bind);
    return new JdkTlsServer(server);
  }

  /** A plain TCP server that reads the ClientHello and never answers: a stalled handshake. */
  public static JdkTlsServer stalling() throws IOException {
    return new JdkTlsServer(new ServerSocket(0, 16, InetAddress.getByName("127.0.0.1")));
  }

  public int port() {
    return socket.getLocalPort();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread handler =
            new Thread(
                () -> {
                  try (client) {
                    if (client instanceof SSLSocket ssl) {
                      ssl.setSoTimeout(5000);
                      ssl.startHandshake();
                    }
                    InputStream in = client.getInputStream();
                    client.setSoTimeout(30_000);
                    while (in.read() >= 0) {
                      // hold the connection until the client goes
                    }
                  } catch (IOException e) {
                    // client went away or the handshake failed: both are fine for tests
                  }
                },
                "jdk-tls-client");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
