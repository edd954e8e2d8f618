package dev.haremote.common.ha;

import java.util.List;

/**
 * One {@code rest:} resource: one request per scan feeding many entities.
 *
 * @param resource the URL HA polls (built from {@code suite.public-url})
 * @param scanIntervalSeconds HA's scan_interval
 * @param bearerSecretName when non-null, the resource sends {@code Authorization: !secret NAME}
 */
public record HaRestResource(
    String resource, int scanIntervalSeconds, String bearerSecretName, List<HaEntity> entities) {}
