package dev.haremote.common.dns;

/** The record types the suite asks for. */
public enum DnsRecordType {
  A,
  AAAA,
  TXT,
  NS,
  SOA,
  CNAME
}
