package dev.haremote.oneprocess;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.certwatch.rest.HaPackageResource;
import dev.haremote.certwatch.rest.StatusResource;
import dev.haremote.certwatch.service.CertWatchService;
import dev.haremote.common.suite.SuiteConfig;
import jakarta.ws.rs.Path;

/** cert-watch-service's API under {@code /cert-watch-service} (see {@link ReachabilityMounts}). */
final class CertWatchMounts {
  static final String PREFIX = "/cert-watch-service";

  private CertWatchMounts() {}

  @Path(PREFIX + "/api/v1")
  public static class Status extends StatusResource {
    public Status(CertWatchService service, ObjectMapper mapper) {
      super(service, mapper);
    }
  }

  @Path(PREFIX + "/api/v1/ha/package")
  public static class Package extends HaPackageResource {
    public Package(CertWatchConfig config, SuiteConfig suite) {
      super(config, suite);
    }
  }
}
