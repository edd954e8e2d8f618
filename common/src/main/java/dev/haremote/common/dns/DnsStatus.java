package dev.haremote.common.dns;

/** How a DNS question ended. Only {@link #OK} carries records. */
public enum DnsStatus {
  /** NOERROR with at least one matching record. */
  OK,
  /** NOERROR, but no record of the asked type (NODATA). */
  NO_DATA,
  NXDOMAIN,
  SERVFAIL,
  REFUSED,
  /** Any other RCODE. */
  ERROR,
  /** No answer before the deadline. */
  TIMEOUT,
  /** Could not send or receive (unreachable, refused port, ...). */
  NETWORK_ERROR,
  /** An answer came, but it could not be parsed or did not match the question. */
  MALFORMED
}
