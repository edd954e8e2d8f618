package dev.haremote.labkit.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepts connections on a bound server socket and hands each one to a handler on its own daemon
 * thread. {@link #close()} closes the listening socket and every open connection, so stand-ins stop
 * at once even while a handler blocks.
 */
public final class AcceptLoop implements AutoCloseable {
  /** Serves one accepted connection; the loop closes the socket afterwards. */
  @FunctionalInterface
  public interface ConnectionHandler {
    void serve(Socket socket) throws IOException;
  }

  private final ServerSocket server;
  private final ConnectionHandler handler;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads;
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile boolean closed;

  private AcceptLoop(ServerSocket server, ConnectionHandler handler, String name) {
    this.server = server;
    this.handler = handler;
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    threads.execute(this::acceptForever);
  }

  /** Starts accepting on an already bound server socket. */
  public static AcceptLoop start(ServerSocket server, String name, ConnectionHandler handler) {
    return new AcceptLoop(server, handler, name);
  }

  /** Binds a plain server socket on {@code address} (port 0: chosen by the OS). */
  public static ServerSocket bind(InetAddress address, int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(address, port), 100);
    return s;
  }

  private void acceptForever() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (closed || server.isClosed()) {
          return;
        }
        continue;
      }
      accepted.incrementAndGet();
      open.add(socket);
      threads.execute(
          () -> {
            try {
              handler.serve(socket);
            } catch (IOException | RuntimeException ignored) {
              // A stand-in's connection ending badly is the client's business (probes test that).
            } finally {
              open.remove(socket);
              closeQuietly(socket);
            }
          });
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  public InetAddress address() {
    return server.getInetAddress();
  }

  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
  }

  /** Connections accepted so far. */
  public int accepted() {
    return accepted.get();
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    for (Socket s : open) {
      closeQuietly(s);
    }
    threads.shutdownNow();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // Closing during shutdown; nothing to report.
    }
  }
}
