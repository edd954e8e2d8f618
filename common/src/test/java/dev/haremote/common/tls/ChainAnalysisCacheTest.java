package dev.haremote.common.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.labkit.certs.TestPki;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChainAnalysisCacheTest {
  private final AtomicLong clock = new AtomicLong();
  private final AtomicInteger computed = new AtomicInteger();

  private String get(ChainAnalysisCache<String> cache, List<X509Certificate> chain) {
    return cache.get(chain, () -> "analysis " + computed.incrementAndGet());
  }

  @Test
  void sameBytesHitDifferentBytesMiss() {
    var cache = new ChainAnalysisCache<String>(8, Duration.ofHours(1), clock::get);
    TestPki pki = TestPki.create("cache");
    var a = pki.leaf().dns("a.example.org").issue();
    var b = pki.leaf().dns("b.example.org").issue();
    assertThat(get(cache, a.chain())).isEqualTo("analysis 1");
    assertThat(get(cache, a.chain())).isEqualTo("analysis 1");
    assertThat(get(cache, b.chain())).isEqualTo("analysis 2");
    // Order and membership are part of the key.
    assertThat(get(cache, a.leafOnly())).isEqualTo("analysis 3");
    assertThat(get(cache, List.of(pki.intermediate(), a.certificate()))).isEqualTo("analysis 4");
  }

  @Test
  void entriesAreWorkedOutAgainAfterTheirMaximumAge() {
    var cache = new ChainAnalysisCache<String>(8, Duration.ofMinutes(10), clock::get);
    var chain = TestPki.create("age").leaf().dns("a.example.org").issue().chain();
    assertThat(get(cache, chain)).isEqualTo("analysis 1");
    clock.addAndGet(Duration.ofMinutes(9).toNanos());
    assertThat(get(cache, chain)).isEqualTo("analysis 1");
    clock.addAndGet(Duration.ofMinutes(2).toNanos());
    assertThat(get(cache, chain)).isEqualTo("analysis 2");
  }

  @Test
  void theLeastRecentlyUsedGoesWhenFull() {
    var cache = new ChainAnalysisCache<String>(2, Duration.ofHours(1), clock::get);
    TestPki pki = TestPki.create("lru");
    var a = pki.leaf().dns("a.example.org").issue().chain();
    var b = pki.leaf().dns("b.example.org").issue().chain();
    var c = pki.leaf().dns("c.example.org").issue().chain();
    get(cache, a);
    get(cache, b);
    get(cache, a); // a is now the most recently used
    get(cache, c); // b goes
    assertThat(cache.size()).isEqualTo(2);
    assertThat(computed.get()).isEqualTo(3);
    get(cache, a);
    assertThat(computed.get()).isEqualTo(3);
    get(cache, b);
    assertThat(computed.get()).isEqualTo(4);
  }
}
