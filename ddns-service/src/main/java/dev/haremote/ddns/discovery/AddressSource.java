package dev.haremote.ddns.discovery;

import dev.haremote.common.net.IpFamily;

/**
 * One way to learn the public address of one family. Implementations never throw for network or
 * protocol trouble: the reading carries the reason.
 */
public interface AddressSource {
  /** Stable name shown in the status, e.g. {@code http:api.ipify.org}. */
  String id();

  /** {@code http}, {@code dns}, {@code upnp} or {@code interface}. */
  String type();

  IpFamily family();

  SourceReading read();
}
