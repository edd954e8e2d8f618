package dev.haremote.common.suite.startup;

import java.security.Security;

/**
 * The JVM caches name lookups for 30 s (10 s for failures) unless told otherwise, longer than a
 * dynamic DNS record's TTL: after a WAN change a service would keep probing the old address. The
 * suite watches names change, so it keeps the JVM's cache to one second and failures uncached. Must
 * run before the first lookup: the JVM reads these properties once.
 */
public final class NameCachePolicy {
  static final String POSITIVE_TTL_SECONDS = "1";
  static final String NEGATIVE_TTL_SECONDS = "0";

  private NameCachePolicy() {}

  public static void apply() {
    Security.setProperty("networkaddress.cache.ttl", POSITIVE_TTL_SECONDS);
    Security.setProperty("networkaddress.cache.negative.ttl", NEGATIVE_TTL_SECONDS);
  }
}
