package dev.haremote.ddns.rest;

import dev.haremote.common.suite.openapi.StatusSchemaFilter;
import dev.haremote.ddns.status.DdnsStatus;

/**
 * The OpenAPI schemas of {@link DdnsStatus} as the JSON is written (mp.openapi.filter; see {@link
 * StatusSchemaFilter}).
 */
public class StatusSchema extends StatusSchemaFilter {
  public StatusSchema() {
    super(DdnsStatus.class);
  }
}
