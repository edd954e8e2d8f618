package dev.haremote.ddns.service;

import dev.haremote.common.net.IpFamily;
import dev.haremote.ddns.update.DdnsProvider;
import java.util.List;

/**
 * One configured record, ready to check.
 *
 * @param provider null when watch-only
 * @param fingerprint changes whenever the provider configuration (or its secret file) changes
 */
public record WatchedRecord(
    String name,
    List<IpFamily> families,
    String providerKey,
    boolean update,
    DdnsProvider provider,
    String fingerprint) {}
