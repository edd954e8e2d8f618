package dev.haremote.common.dns;

import dev.haremote.common.net.IpFamily;
import java.time.Duration;
import java.util.List;

/**
 * The host's own resolver (what the app on a phone in the home would use): the addresses of one
 * family for a name, within a deadline. The OS gives no TTL, so none is reported.
 */
public class SystemResolver {

  /** Addresses of the family as literals; an empty list with a reason on failure. */
  public Resolution resolve(String name, IpFamily family, Duration timeout) {
    throw new UnsupportedOperationException("kit: to be implemented");
  }

  /**
   * @param reason null on success, else a short code such as {@code nxdomain} or {@code timeout}
   */
  public record Resolution(List<String> addresses, String reason, Duration elapsed) {}
}
