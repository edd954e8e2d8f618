package dev.haremote.oneprocess;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.suite.SuiteConfig;
import dev.haremote.ddns.config.DdnsConfig;
import dev.haremote.ddns.rest.HaPackageResource;
import dev.haremote.ddns.rest.StatusResource;
import dev.haremote.ddns.service.DdnsService;
import jakarta.ws.rs.Path;

/** ddns-service's API under {@code /ddns-service} (see {@link ReachabilityMounts}). */
final class DdnsMounts {
  static final String PREFIX = "/ddns-service";

  private DdnsMounts() {}

  @Path(PREFIX + "/api/v1")
  public static class Status extends StatusResource {
    public Status(DdnsService service, ObjectMapper mapper) {
      super(service, mapper);
    }
  }

  @Path(PREFIX + "/api/v1/ha/package")
  public static class Package extends HaPackageResource {
    public Package(DdnsConfig config, SuiteConfig suite) {
      super(config, suite);
    }
  }
}
