package dev.haremote.common.ha;

import java.util.List;

/**
 * Renders a Home Assistant package ({@code rest:} list) as YAML that works when dropped into {@code
 * packages/} unchanged: {@code !secret} tags are emitted as tags, not strings; an empty list
 * renders {@code rest: []}.
 */
public final class HaPackageRenderer {
  private HaPackageRenderer() {}

  public static String render(String headerComment, List<HaRestResource> resources) {
    throw new UnsupportedOperationException("suite: to be implemented");
  }
}
