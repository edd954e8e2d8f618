package dev.haremote.common.ha;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The automation blueprint the suite ships: a notification when the overall remote-access verdict
 * changes, with reason and advice. The repository keeps the same file under {@code
 * homeassistant/blueprints/automation/ha_remote_access/} (a test holds both equal).
 */
public final class HaBlueprint {
  /** Where users save it: {@code blueprints/automation/} + this path. */
  public static final String PATH = "ha_remote_access/verdict_notify.yaml";

  private HaBlueprint() {}

  /** The blueprint's YAML. */
  public static String verdictNotify() {
    try (InputStream in = HaBlueprint.class.getResourceAsStream("verdict_notify.yaml")) {
      if (in == null) {
        throw new IllegalStateException("verdict_notify.yaml missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
