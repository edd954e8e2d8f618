package dev.haremote.common.dns;

import dev.haremote.common.net.IpFamily;
import dev.haremote.common.net.IpLiterals;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The host's own resolver (what the app on a phone in the home would use): the addresses of one
 * family for a name, within a deadline. The OS gives no TTL, so none is reported.
 *
 * <p>{@code getaddrinfo} cannot be interrupted, so the lookup runs on a daemon thread and the
 * caller stops waiting at the deadline; a stuck lookup ends on its own when the OS gives up.
 */
public class SystemResolver {
  private static final ExecutorService LOOKUPS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "system-resolver");
            t.setDaemon(true);
            return t;
          });

  /** Addresses of the family as literals; an empty list with a reason on failure. */
  public Resolution resolve(String name, IpFamily family, Duration timeout) {
    return lookup(name, family::matches, timeout);
  }

  /** Addresses of both families, in the resolver's order (used where no family is pinned). */
  public Resolution resolveAny(String name, Duration timeout) {
    return lookup(name, a -> true, timeout);
  }

  private Resolution lookup(String name, Predicate<InetAddress> wanted, Duration timeout) {
    long start = System.nanoTime();
    Future<InetAddress[]> future = LOOKUPS.submit(() -> InetAddress.getAllByName(name));
    String reason;
    List<String> addresses = List.of();
    try {
      InetAddress[] all = future.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
      addresses = Arrays.stream(all).filter(wanted).map(IpLiterals::format).distinct().toList();
      reason = addresses.isEmpty() ? "no_address" : null;
    } catch (TimeoutException e) {
      future.cancel(true);
      reason = "timeout";
    } catch (ExecutionException e) {
      reason = e.getCause() instanceof UnknownHostException u ? unknownHostReason(u) : "error";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reason = "interrupted";
    }
    return new Resolution(addresses, reason, Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * getaddrinfo's EAI_AGAIN ("Temporary failure in name resolution": the resolver did not answer or
   * failed) and EAI_NONAME (no such name) both arrive as UnknownHostException; only the message
   * tells them apart, and they have different fixes.
   */
  private static String unknownHostReason(UnknownHostException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.contains("Temporary failure") ? "servfail" : "nxdomain";
  }

  /**
   * @param reason null on success, else a short code: {@code nxdomain} (no such name), {@code
   *     servfail} (the resolver failed or did not answer), {@code no_address} (none of the family),
   *     {@code timeout}, {@code error}
   */
  public record Resolution(List<String> addresses, String reason, Duration elapsed) {}
}
