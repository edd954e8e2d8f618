package dev.haremote.ddns.discovery;

import dev.haremote.common.dns.SystemResolver;
import dev.haremote.common.net.IpFamily;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The address of one family to connect to for a host: the literal itself, or the system resolver's.
 */
public class HostAddresses {
  private final SystemResolver resolver;

  public HostAddresses(SystemResolver resolver) {
    this.resolver = resolver;
  }

  public Optional<InetAddress> resolve(String host, IpFamily family, Duration timeout) {
    Optional<InetAddress> literal = AddressLiteral.toInetAddress(host);
    if (literal.isPresent()) {
      return literal.filter(family::matches);
    }
    SystemResolver.Resolution r = resolver.resolve(host, family, timeout);
    return r.addresses().stream()
        .map(AddressLiteral::toInetAddress)
        .flatMap(Optional::stream)
        .filter(family::matches)
        .findFirst();
  }
}
