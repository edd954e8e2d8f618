package dev.haremote.common.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * Maps socket exceptions to the stable failure codes of the probes ({@code timeout}, {@code
 * refused}, {@code unreachable}, {@code reset}), so every probe names the same trouble the same
 * way. Messages of exceptions are not passed on: they may carry addresses or other details.
 */
public final class NetFailures {
  private NetFailures() {}

  /**
   * @param deadlinePassed true when the watchdog fired or the deadline is over: then any error is a
   *     timeout (closing the socket under a blocked read surfaces as "Socket closed")
   */
  public static String code(IOException e, boolean deadlinePassed) {
    if (deadlinePassed || e instanceof SocketTimeoutException) {
      return "timeout";
    }
    if (e instanceof ConnectException) {
      String m = message(e);
      if (m.contains("timed out")) {
        return "timeout";
      }
      return m.contains("unreachable") || m.contains("no route") ? "unreachable" : "refused";
    }
    if (e instanceof NoRouteToHostException || e instanceof PortUnreachableException) {
      return "unreachable";
    }
    String m = message(e);
    if (m.contains("unreachable")) {
      return "unreachable";
    }
    if (m.contains("reset") || m.contains("broken pipe") || e instanceof SocketException) {
      return "reset";
    }
    return "reset";
  }

  /** A short sentence for people, without the exception's own message. */
  public static String detail(String code) {
    return switch (code) {
      case "timeout" -> "no answer before the deadline";
      case "refused" -> "the connection was refused (nothing listens on that port)";
      case "unreachable" -> "the address is unreachable (no route)";
      case "reset" -> "the connection was closed or reset by the peer";
      default -> code;
    };
  }

  private static String message(IOException e) {
    return e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
  }
}
