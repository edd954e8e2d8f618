package dev.haremote.labkit.demo;

import java.nio.file.Path;

/**
 * The demo's configuration files, written in exactly the keys of the contract
 * (docs/configuration.md) so that they double as examples. Every service listens on loopback only
 * and announces itself to Home Assistant as {@code http://127.0.0.1:PORT}.
 */
record DemoConfigs(
    int homeAssistantPort,
    String publicDns,
    String homeDns,
    String echoUrl,
    Path caFile,
    Path certFile,
    Path keyFile,
    Path ddnsStateDir,
    DemoHome.ServicePorts ports) {

  String reachability() {
    return header("reachability-service", ports.reachability())
        + reachabilitySection("http://127.0.0.1:" + ports.ddns());
  }

  /**
   * The three services in one process (the one-process module) on one port: the same sections, with
   * reachability reading ddns-service's status under its mount path.
   */
  String oneProcess(int port) {
    return header("the three services in one process", port)
        + reachabilitySection("http://127.0.0.1:" + port + "/ddns-service")
        + certwatchSection()
        + ddnsSection();
  }

  private String reachabilitySection(String ddnsUrl) {
    return "reachability:\n"
        + "  interval: 30s\n"
        + "  failure-threshold: 3\n"
        + "  success-threshold: 2\n"
        + "  targets:\n"
        + "    - id: demo-home\n"
        + "      url: "
        + quote("https://" + DemoHome.NAME + ":" + homeAssistantPort)
        + "\n"
        + "      families: [ipv4]\n"
        + "  resolvers:\n"
        + "    internal: ["
        + quote(homeDns)
        + "]\n"
        + "    public: ["
        + quote(publicDns)
        + "]\n"
        + "  ddns-url: "
        + quote(ddnsUrl)
        + "\n"
        + "  trust:\n"
        + "    extra-ca-file: "
        + quote(caFile.toString())
        + "\n"
        + "  peers: []\n";
  }

  String certwatch() {
    return header("cert-watch-service", ports.certwatch()) + certwatchSection();
  }

  private String certwatchSection() {
    return "certwatch:\n"
        + "  interval: 1m\n"
        + "  endpoints:\n"
        + "    - id: demo-home\n"
        + "      host: "
        + DemoHome.NAME
        + "\n"
        + "      port: "
        + homeAssistantPort
        + "\n"
        + "      sni: "
        + DemoHome.NAME
        + "\n"
        + "      address: 127.0.0.1\n"
        + "      families: [ipv4]\n"
        + "  files:\n"
        + "    - id: demo-home-file\n"
        + "      path: "
        + quote(certFile.toString())
        + "\n"
        + "      key: "
        + quote(keyFile.toString())
        + "\n"
        + "      served-by: demo-home\n"
        + "  trust:\n"
        + "    extra-ca-file: "
        + quote(caFile.toString())
        + "\n";
  }

  String ddns() {
    return header("ddns-service", ports.ddns()) + ddnsSection();
  }

  private String ddnsSection() {
    return "ddns:\n"
        + "  interval: 30s\n"
        + "  records:\n"
        + "    - name: "
        + DemoHome.NAME
        + "\n"
        + "      families: [ipv4]\n"
        + "      provider: none\n"
        + "      update: false\n"
        + "  state-dir: "
        + quote(ddnsStateDir.toString())
        + "\n"
        + "  discovery:\n"
        + "    quorum: 2\n"
        + "    # The demo lives in documentation ranges, which are refused as public addresses\n"
        + "    # unless allowed here (never do this for a real home).\n"
        + "    allow-ranges: [\"203.0.113.0/24\", \"198.51.100.0/24\"]\n"
        + "    sources:\n"
        + "      - { type: http, url: "
        + quote(echoUrl)
        + ", family: ipv4 }\n"
        + "      - { type: dns, server: "
        + quote(publicDns)
        + ", name: myip.opendns.com,"
        + " family: ipv4 }\n"
        + "  resolvers:\n"
        + "    public: ["
        + quote(publicDns)
        + "]\n"
        + "  authoritative: ["
        + quote(publicDns)
        + "]\n";
  }

  private static String header(String service, int port) {
    return "# "
        + service
        + " against the demo home (written by dev.haremote.labkit.demo.DemoHome).\n"
        + "quarkus:\n"
        + "  http:\n"
        + "    host: 127.0.0.1\n"
        + "    port: "
        + port
        + "\n"
        + "suite:\n"
        + "  public-url: "
        + quote("http://127.0.0.1:" + port)
        + "\n";
  }

  /** A double-quoted YAML scalar (paths and URLs may hold ':' or '#'). */
  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
