package dev.haremote.lab.tool;

import dev.haremote.labkit.globalping.GlobalpingStandIn;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Globalping's API in the lab's {@code internet} namespace: measurements created by the home's
 * reachability-service are run by probes that really connect from there, resolving the name with
 * the lab's public resolver, as the public probe network measures a home from outside. Trusts the
 * lab's CA (the real probes trust the public CAs); wants the lab's token.
 */
final class LabGlobalping {
  private LabGlobalping() {}

  static void serve(String hostPort, Path caPem, Path tokenFile) throws IOException {
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(hostPort.substring(colon + 1));
    String token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
    GlobalpingStandIn standIn =
        GlobalpingStandIn.options()
            .bind(InetAddress.getByName(host))
            .port(port)
            .internet(GlobalpingStandIn.Internet.resolving())
            .trustPem(caPem)
            .token(token)
            .probes(2)
            .connectTimeoutMillis(3000)
            .start();
    System.out.println("globalping stand-in at " + standIn.url());
    try {
      Thread.currentThread().join(); // until the lab stops it
    } catch (InterruptedException e) {
      standIn.close();
    }
  }
}
