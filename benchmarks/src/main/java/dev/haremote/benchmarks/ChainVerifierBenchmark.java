package dev.haremote.benchmarks;

import dev.haremote.common.tls.ChainVerifier;
import dev.haremote.common.tls.TrustConfig;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Figure 1, the verdict cache on its own: verifying the chain figure 1's nginx presents (ECDSA
 * P-256 leaf under one CA, files from probe-throughput.sh), as every probe does, once with the
 * verifier the kit keeps (the chain's work cached) and once with a new verifier per call (what
 * every probe paid before the cache). Each call takes the chain from a CertificateFactory, as a
 * handshake does. The JDK's factory hands out one object per encoding (its own cache of 750) and
 * that object remembers its verified signature, so neither side repeats the ECDSA math itself: what
 * the verdict cache saves is the path building and PKIX around it.
 */
@State(Scope.Benchmark)
public class ChainVerifierBenchmark {
  private TrustConfig trust;
  private List<byte[]> encoded;
  private ChainVerifier kept;

  @Setup
  public void setUp() throws Exception {
    trust = TrustConfig.of(TrustConfig.readPemBundle(Path.of(System.getProperty("bench.ca"))));
    encoded = new ArrayList<>();
    for (X509Certificate c : TrustConfig.readPemBundle(Path.of(System.getProperty("bench.leaf")))) {
      encoded.add(c.getEncoded());
    }
    kept = new ChainVerifier(trust);
  }

  private List<X509Certificate> freshChain() throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> chain = new ArrayList<>();
    for (byte[] der : encoded) {
      chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
    }
    return chain;
  }

  @Benchmark
  public Object cached() throws Exception {
    return kept.verify(freshChain(), Instant.now());
  }

  @Benchmark
  public Object uncached() throws Exception {
    return new ChainVerifier(trust).verify(freshChain(), Instant.now());
  }
}
