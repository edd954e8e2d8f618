package dev.haremote.common.ha;

/**
 * One entity of a Home Assistant {@code rest:} resource. Field names follow HA's keys; null fields
 * are left out of the YAML.
 *
 * <p>The packages give no entity {@code json_attributes}: HA parses them on every scan and warns
 * when the service is down ("Empty reply found when expecting JSON data") or the path finds no
 * object. What a user reads (advice, reasons) gets a sensor of its own instead.
 *
 * @param kind {@code sensor} or {@code binary_sensor}
 */
public record HaEntity(
    String kind,
    String name,
    String uniqueId,
    String valueTemplate,
    String deviceClass,
    String unitOfMeasurement,
    String stateClass,
    String availability) {

  /** A text sensor named by the one rule: its unique_id is the slug of its name. */
  public static HaEntity sensor(String name, String valueTemplate, String availability) {
    return new HaEntity(
        "sensor", name, HaNames.slug(name), valueTemplate, null, null, null, availability);
  }

  /** A binary sensor ({@code connectivity}, {@code problem}) named by the one rule. */
  public static HaEntity binary(
      String name, String deviceClass, String valueTemplate, String availability) {
    return new HaEntity(
        "binary_sensor",
        name,
        HaNames.slug(name),
        valueTemplate,
        deviceClass,
        null,
        null,
        availability);
  }

  /** A timestamp sensor over a status field, unavailable while the field holds no timestamp. */
  public static HaEntity timestamp(String name, String prelude, String expr) {
    return new HaEntity(
        "sensor",
        name,
        HaNames.slug(name),
        prelude + HaJinja.timestamp(expr),
        "timestamp",
        null,
        null,
        prelude + HaJinja.hasTimestamp(expr));
  }

  /** A measurement with a duration unit, unavailable while the field holds no number. */
  public static HaEntity duration(String name, String unit, String prelude, String expr) {
    return new HaEntity(
        "sensor",
        name,
        HaNames.slug(name),
        prelude + HaJinja.number(expr),
        "duration",
        unit,
        "measurement",
        prelude + HaJinja.hasNumber(expr));
  }
}
