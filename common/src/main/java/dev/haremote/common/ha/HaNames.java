package dev.haremote.common.ha;

import java.util.Locale;

/**
 * The one naming rule of every package: an entity's {@code unique_id} is the slug of its name, and
 * so is the object id Home Assistant gives it ({@code sensor.<slug>}). The name starts with the
 * service's prefix and names its subject by the configured id, never by a list position, so an
 * entity keeps its id and history when the configuration is reordered.
 */
public final class HaNames {
  private HaNames() {}

  /**
   * Lower case; every run of characters other than a-z and 0-9 becomes one {@code _}; none at
   * either end. What Home Assistant's {@code slugify} gives for ASCII names.
   */
  public static String slug(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
  }

  /** The file name under {@code packages/} for a service's package, without {@code .yaml}. */
  public static String packageName(String service) {
    return "ha_remote_access_" + slug(service);
  }
}
