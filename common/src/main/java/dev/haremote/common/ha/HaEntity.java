package dev.haremote.common.ha;

import java.util.List;

/**
 * One entity of a Home Assistant {@code rest:} resource. Field names follow HA's keys; null fields
 * are left out of the YAML.
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
    String jsonAttributesPath,
    List<String> jsonAttributes,
    String availability) {}
