package dev.haremote.labkit.net;

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
  private final InetAddress host;

  public ClosedPort() throws IOException {
    this(InetAddress.getLoopbackAddress());
  }

  /** A closed port on this local address (127.0.0.1, ::1, ...). */
  public ClosedPort(InetAddress host) throws IOException {
    this.host = host;
    holder.bind(new InetSocketAddress(host, 0));
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(host, holder.getLocalPort());
  }

  public int port() {
    return holder.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    holder.close();
  }
}
