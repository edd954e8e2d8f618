package dev.haremote.reachability.diagnosis;

import dev.haremote.common.net.IpFamily;
import java.net.URI;
import java.util.Locale;

/**
 * Home Assistant's own URL settings against the way that was seen to work. The companion app takes
 * the address it uses from the External URL (and the Internal URL at home), so a setting that
 * disagrees with the working path breaks the app even when the name, the certificate and the
 * forward all work. Pure: the settings and the observation in, a warning (or nothing) out.
 */
public final class HaUrlCheck {
  private HaUrlCheck() {}

  /**
   * The settings from whichever family's chain read them (they are Home Assistant's, the same for
   * both), or null.
   */
  public static HaUrlSettings settings(TargetObservation t) {
    for (FamilyObservation f : t.families().values()) {
      if (f.chain().haUrls() != null) {
        return f.chain().haUrls();
      }
    }
    return null;
  }

  /** The warning the settings deserve, or null when they fit (or could not be read). */
  public static Verdict judge(TargetObservation t) {
    HaUrlSettings s = settings(t);
    if (s == null) {
      return null;
    }
    if (s.externalUrl() == null) {
      return new Verdict(VerdictCode.HA_EXTERNAL_URL_MISSING, Advice.haExternalUrlMissing(t), null);
    }
    String difference = difference(t.url(), s.externalUrl());
    if (difference != null) {
      return new Verdict(
          VerdictCode.HA_EXTERNAL_URL_WRONG,
          Advice.haExternalUrlWrong(t, s.externalUrl(), difference),
          null);
    }
    if (s.internalUrl() != null && sameHost(t.url(), s.internalUrl()) && onlyThroughHairpin(t)) {
      return new Verdict(
          VerdictCode.HA_INTERNAL_URL_NEEDS_HAIRPIN,
          Advice.haInternalUrlNeedsHairpin(t, s.internalUrl()),
          null);
    }
    return null;
  }

  /** How the configured URL differs from the working one, in words, or null when it does not. */
  static String difference(URI working, String configured) {
    URI c;
    try {
      c = URI.create(configured.trim());
    } catch (IllegalArgumentException e) {
      return "it is not a valid URL";
    }
    if (c.getScheme() == null || c.getHost() == null) {
      return "it is not a valid URL";
    }
    if (!c.getScheme().equalsIgnoreCase(working.getScheme())) {
      return "it uses " + c.getScheme() + ":// where " + working.getScheme() + ":// works";
    }
    if (!host(c).equals(host(working))) {
      return "it names " + host(c) + " where " + host(working) + " works";
    }
    if (port(c) != port(working)) {
      return "it uses port " + port(c) + " where port " + port(working) + " works";
    }
    return null;
  }

  /** Inside, the name leads to the public address (no rewrite): only hairpin NAT brings it home. */
  private static boolean onlyThroughHairpin(TargetObservation t) {
    FamilyObservation v4 = t.families().get(IpFamily.IPV4);
    return v4 != null && !Boolean.TRUE.equals(v4.splitHorizon()) && v4.chain().addressIsPublic();
  }

  private static boolean sameHost(URI working, String configured) {
    try {
      URI c = URI.create(configured.trim());
      return c.getHost() != null && host(c).equals(host(working));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String host(URI u) {
    String h = u.getHost().toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static int port(URI u) {
    return u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
