package dev.haremote.reachability.diagnosis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a name gave no address, kept apart because each has its own fix: a name without a record
 * (NXDOMAIN, no data) needs the record; a resolver that does not answer (timeout, SERVFAIL,
 * refused, unreachable) says nothing about the record at all.
 */
public enum DnsFailure {
  NXDOMAIN,
  NO_DATA,
  TIMEOUT,
  SERVFAIL,
  REFUSED,
  NETWORK_ERROR,
  MALFORMED,
  ERROR;

  /** A resolver answered that the name has no such record: the record itself is missing. */
  public boolean definitive() {
    return this == NXDOMAIN || this == NO_DATA;
  }

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
