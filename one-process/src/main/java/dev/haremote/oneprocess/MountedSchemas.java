package dev.haremote.oneprocess;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * What each service's {@code mp.openapi.filter} adds to its own document (its status type, the
 * {@code bearer} scheme, the schemas as the JSON is written), applied to the one document of the
 * one process for each service under its prefix (common's {@code StatusSchemaFilter}). {@code
 * mp.openapi.filter} names one class.
 */
public class MountedSchemas implements OASFilter {
  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    new dev.haremote.reachability.rest.StatusSchema()
        .filterMounted(openAPI, ReachabilityMounts.PREFIX);
    new dev.haremote.certwatch.rest.StatusSchema().filterMounted(openAPI, CertWatchMounts.PREFIX);
    new dev.haremote.ddns.rest.StatusSchema().filterMounted(openAPI, DdnsMounts.PREFIX);
  }
}
