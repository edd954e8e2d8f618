package dev.haremote.ddns.published;

import java.util.List;

/**
 * A list of addresses copied from a DNS answer into the status is bounded: a name with thousands of
 * records (seen: 3,800) made {@code published} 41,420 characters and the status ~100 KB, which Home
 * Assistant fetches every scan. The status keeps the first {@link #LIMIT} (the lists are sorted)
 * and the count.
 */
public final class AddressListCap {
  public static final int LIMIT = 16;

  private AddressListCap() {}

  /** The first {@link #LIMIT} addresses; null stays null. */
  public static List<String> first(List<String> addresses) {
    if (addresses == null || addresses.size() <= LIMIT) {
      return addresses;
    }
    return List.copyOf(addresses.subList(0, LIMIT));
  }

  public static boolean truncated(List<String> addresses) {
    return addresses != null && addresses.size() > LIMIT;
  }

  /** The first addresses joined by a comma, as {@code published} shows them; null stays null. */
  public static String joined(List<String> addresses) {
    return addresses == null ? null : String.join(",", first(addresses));
  }

  /** For a sentence: {@code a,b,c}, or {@code a,...,p and 3784 more (3800 addresses)}. */
  public static String described(List<String> addresses) {
    if (!truncated(addresses)) {
      return joined(addresses);
    }
    return joined(addresses)
        + " and "
        + (addresses.size() - LIMIT)
        + " more ("
        + addresses.size()
        + " addresses)";
  }

  /** The answer as the status shows it: at most {@link #LIMIT} addresses, with the count. */
  public static ServerAnswer bounded(ServerAnswer a) {
    return new ServerAnswer(a.server(), first(a.addresses()), a.ttl(), a.error(), a.addressCount());
  }
}
