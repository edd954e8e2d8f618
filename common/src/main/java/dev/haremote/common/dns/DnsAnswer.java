package dev.haremote.common.dns;

import java.time.Duration;
import java.util.List;

/**
 * What one server said to one question. Never thrown: failures are a {@link DnsStatus} plus a short
 * {@code reason} a person can read (never a raw message dump).
 *
 * @param authoritative the AA flag of the answer
 * @param overTcp true when the UDP answer was truncated and the question was repeated over TCP
 */
public record DnsAnswer(
    DnsServer server,
    String name,
    DnsRecordType type,
    DnsStatus status,
    boolean authoritative,
    List<DnsRecord> records,
    String reason,
    Duration elapsed,
    boolean overTcp) {

  public boolean ok() {
    return status == DnsStatus.OK;
  }

  /** The values of the records of the asked type, e.g. the address literals of an A answer. */
  public List<String> values() {
    return records.stream().filter(r -> r.type() == type).map(DnsRecord::value).toList();
  }

  /** The smallest TTL among the records of the asked type, or -1 when there are none. */
  public long minTtl() {
    return records.stream()
        .filter(r -> r.type() == type)
        .mapToLong(DnsRecord::ttlSeconds)
        .min()
        .orElse(-1);
  }
}
