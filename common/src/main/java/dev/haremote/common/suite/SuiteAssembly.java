package dev.haremote.common.suite;

import java.util.List;

/**
 * The two ways the suite is assembled (#20). Three processes: each service its own JVM, its API at
 * {@code /api/v1}. One process: the one-process module runs all three in one JVM (one Quarkus stack
 * instead of three, for small hosts); each service's API is mounted at {@code /SERVICE-NAME/api/v1}
 * and its own root resources are left out of that build by {@code UnlessBuildProperty(name =
 * PROPERTY, stringValue = ONE_PROCESS)}.
 */
public final class SuiteAssembly {
  /** The build-time property that says which assembly a jar is. */
  public static final String PROPERTY = "suite.assembly";

  public static final String THREE_PROCESSES = "three-processes";
  public static final String ONE_PROCESS = "one-process";

  /** Where Home Assistant finds the one process unless {@code suite.public-url} says otherwise. */
  public static final String ONE_PROCESS_DEFAULT_URL = "http://ha-remote-access:8080";

  /** The services the one process runs, each mounted at {@code /NAME}. */
  public static final List<String> ONE_PROCESS_SERVICES =
      List.of("reachability-service", "cert-watch-service", "ddns-service");

  private SuiteAssembly() {}
}
