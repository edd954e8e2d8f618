package dev.haremote.lab.tool;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The lab's own small servers and tools, started by {@code lab/scripts/lab.sh} inside the lab's
 * namespaces: {@code certs DIR NAME}, {@code echo HOST:PORT...}, {@code ha-config DIR
 * proxied|untrusted|tls CERT KEY [EXTERNAL_URL INTERNAL_URL]} (the real Home Assistant's
 * configuration directory), {@code globalping HOST:PORT CA_PEM TOKEN_FILE} (the public probes' API,
 * whose probes measure from the internet namespace).
 */
public final class LabTool {

  private LabTool() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "certs" -> LabCertificates.writeAll(Path.of(rest[0]), rest[1]);
      case "echo" -> AddressEchoServer.start(rest).awaitForever();
      case "globalping" -> LabGlobalping.serve(rest[0], Path.of(rest[1]), Path.of(rest[2]));
      case "ha-config" ->
          LabHomeAssistantConfig.write(
              Path.of(rest[0]),
              rest[1],
              Path.of(rest[2]),
              Path.of(rest[3]),
              setting(rest, 4),
              setting(rest, 5));
      default -> usage();
    }
  }

  /** An optional URL argument; "-" or absent: not set. */
  private static String setting(String[] args, int index) {
    return args.length > index && !args[index].equals("-") ? args[index] : null;
  }

  private static void usage() {
    System.err.println(
        "usage: LabTool certs DIR NAME | echo HOST:PORT... | ha-config DIR"
            + " proxied|untrusted|tls CERT KEY [EXTERNAL_URL|- [INTERNAL_URL|-]]"
            + " | globalping HOST:PORT CA_PEM TOKEN_FILE");
    System.exit(2);
  }
}
