package dev.haremote.certwatch.service;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.certwatch.check.SourceKind;
import dev.haremote.common.net.IpFamily;
import java.time.Instant;

/**
 * Which certificate a status entry is about, where it was read and when: known for every entry,
 * read or not.
 *
 * @param key stable key for Home Assistant: {@code endpoint-ID-FAMILY} or {@code file-ID}
 * @param target where it was read: {@code host:port} of an endpoint, the path of a file
 */
record CertificateReading(
    String id, SourceKind source, IpFamily family, String key, String target, Instant checkedAt) {

  static CertificateReading of(Observation observation, String target) {
    return new CertificateReading(
        observation.id(),
        observation.source(),
        observation.family(),
        observation.key(),
        target,
        observation.checkedAt());
  }
}
