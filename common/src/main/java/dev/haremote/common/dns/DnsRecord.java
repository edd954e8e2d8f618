package dev.haremote.common.dns;

/**
 * One record of an answer: its type, its value in presentation form (an address literal, TXT text
 * joined, an NS target name with trailing dot, SOA as its zone name) and its TTL.
 */
public record DnsRecord(String name, DnsRecordType type, String value, long ttlSeconds) {}
