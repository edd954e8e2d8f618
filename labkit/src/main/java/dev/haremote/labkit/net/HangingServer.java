package dev.haremote.labkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Accepts TCP connections, reads whatever is sent, and never answers: the endpoint that makes a
 * probe without its own deadline hang forever.
 */
public final class HangingServer implements AutoCloseable {
  private final AcceptLoop loop;

  private HangingServer(AcceptLoop loop) {
    this.loop = loop;
  }

  public static HangingServer start(InetAddress address) throws IOException {
    return new HangingServer(
        AcceptLoop.start(
            AcceptLoop.bind(address, 0),
            "hanging-server",
            socket -> {
              InputStream in = socket.getInputStream();
              byte[] buffer = new byte[4096];
              while (in.read(buffer) >= 0) {
                // Swallow the request; the answer never comes.
              }
            }));
  }

  /**
   * Accepts and then neither reads nor answers: once the socket buffers are full, a client's write
   * blocks, which socket read timeouts do not bound.
   */
  public static HangingServer startNotReading(InetAddress address) throws IOException {
    return new HangingServer(
        AcceptLoop.start(
            AcceptLoop.bind(address, 0),
            "hanging-server-not-reading",
            socket -> {
              socket.setReceiveBufferSize(4096);
              try {
                Thread.sleep(Long.MAX_VALUE);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }));
  }

  public static HangingServer start() throws IOException {
    return start(InetAddress.getLoopbackAddress());
  }

  public int port() {
    return loop.port();
  }

  public InetSocketAddress socketAddress() {
    return loop.socketAddress();
  }

  public int accepted() {
    return loop.accepted();
  }

  @Override
  public void close() {
    loop.close();
  }
}
