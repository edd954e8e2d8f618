package dev.haremote.common.tls;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Remembers what was worked out for a presented chain, keyed by the SHA-256 of the chain's exact
 * bytes (every certificate, in the order presented): a renewed or otherwise changed chain is a new
 * key. Bounded in size (least recently used out first) and in age (an entry is worked out again
 * after {@code maxAge}), so a long-running service neither grows nor keeps an old answer forever.
 * Callers keep anything that depends on the time (validity dates) out of the cached value.
 */
final class ChainAnalysisCache<V> {
  static final int DEFAULT_MAX_ENTRIES = 1024;
  static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);

  private final int maxEntries;
  private final long maxAgeNanos;
  private final LongSupplier nanoClock;
  private final Map<ByteBuffer, Entry<V>> entries;

  private record Entry<V>(V value, long bornNanos) {}

  ChainAnalysisCache() {
    this(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_AGE, System::nanoTime);
  }

  ChainAnalysisCache(int maxEntries, Duration maxAge, LongSupplier nanoClock) {
    this.maxEntries = maxEntries;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoClock = nanoClock;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Entry<V>> eldest) {
            return size() > ChainAnalysisCache.this.maxEntries;
          }
        };
  }

  /** The cached value for this chain, or {@code compute}'s (then cached) when absent or too old. */
  V get(List<X509Certificate> chain, Supplier<V> compute) {
    ByteBuffer key = key(chain);
    if (key == null) {
      return compute.get();
    }
    long now = nanoClock.getAsLong();
    synchronized (entries) {
      Entry<V> e = entries.get(key);
      if (e != null && now - e.bornNanos() < maxAgeNanos) {
        return e.value();
      }
    }
    // Computed outside the lock: two probes of one new chain may both work, neither waits.
    V value = compute.get();
    synchronized (entries) {
      entries.put(key, new Entry<>(value, now));
    }
    return value;
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** Null when a certificate cannot be encoded: then nothing is cached. */
  private static ByteBuffer key(List<X509Certificate> chain) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (X509Certificate c : chain) {
        byte[] der = c.getEncoded();
        // The length first, so that two different splits of the same bytes never collide.
        sha256.update(ByteBuffer.allocate(4).putInt(der.length).array());
        sha256.update(der);
      }
      return ByteBuffer.wrap(sha256.digest());
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      return null;
    }
  }
}
