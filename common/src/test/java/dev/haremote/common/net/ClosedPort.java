package dev.haremote.common.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that refuses connections for as long as this is open: bound but not listening, so
 * no other process can start listening on it in between (a closed server's port could be taken).
 */
public final class ClosedPort implements AutoCloseable {
  private final Socket holder = new Socket();

  public ClosedPort() throws IOException {
    holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), holder.getLocalPort());
  }

  @Override
  public void close() throws IOException {
    holder.close();
  }
}
