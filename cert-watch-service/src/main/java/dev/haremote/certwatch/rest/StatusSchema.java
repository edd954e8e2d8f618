package dev.haremote.certwatch.rest;

import dev.haremote.certwatch.service.CertWatchStatus;
import dev.haremote.common.suite.openapi.StatusSchemaFilter;

/**
 * The OpenAPI schemas of {@link CertWatchStatus} as the JSON is written (mp.openapi.filter; see
 * {@link StatusSchemaFilter}).
 */
public class StatusSchema extends StatusSchemaFilter {
  public StatusSchema() {
    super(CertWatchStatus.class);
  }
}
