package dev.haremote.reachability.probe;

import dev.haremote.common.net.Deadline;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A bare TCP connect to one address, ending at the deadline: the port stage. */
final class TcpConnect {
  private TcpConnect() {}

  /** Null when connected, else a short reason: refused, timeout, unreachable, error. */
  static String connect(InetAddress address, int port, Deadline deadline) {
    if (deadline.expired()) {
      return "timeout";
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), deadline.remainingMillisForSocket());
      return null;
    } catch (ConnectException e) {
      return "refused";
    } catch (SocketTimeoutException e) {
      return "timeout";
    } catch (NoRouteToHostException e) {
      return "unreachable";
    } catch (IOException e) {
      return "error";
    }
  }
}
