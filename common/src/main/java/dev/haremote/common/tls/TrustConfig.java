package dev.haremote.common.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The trust anchors a chain is verified against: the system trust store (the JDK's cacerts) plus an
 * optional PEM bundle ({@code trust.extra-ca-file}), so users with a private CA are not locked out.
 */
public final class TrustConfig {
  private final List<X509Certificate> anchors;

  private TrustConfig(List<X509Certificate> anchors) {
    this.anchors = List.copyOf(anchors);
  }

  /** System trust store plus the certificates in the PEM file, if given. */
  public static TrustConfig systemPlus(Optional<Path> extraCaFile) {
    List<X509Certificate> anchors = new ArrayList<>(systemAnchors());
    extraCaFile.ifPresent(file -> anchors.addAll(readPemBundle(file)));
    return new TrustConfig(anchors);
  }

  /** The JDK's default trust store (cacerts, or what javax.net.ssl.trustStore points at). */
  private static List<X509Certificate> systemAnchors() {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      List<X509Certificate> result = new ArrayList<>();
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          result.addAll(Arrays.asList(x509.getAcceptedIssuers()));
        }
      }
      return result;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's default trust store cannot be read", e);
    }
  }

  /**
   * Every certificate in a PEM (or DER) file.
   *
   * @throws IllegalArgumentException naming the file when it cannot be read or holds none
   */
  public static List<X509Certificate> readPemBundle(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      List<X509Certificate> certs = new ArrayList<>();
      for (Certificate c : cf.generateCertificates(in)) {
        certs.add((X509Certificate) c);
      }
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("no certificate in " + file);
      }
      return certs;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate bundle: " + file);
    }
  }

  /** Exactly these anchors (tests). */
  public static TrustConfig of(List<X509Certificate> anchors) {
    return new TrustConfig(anchors);
  }

  public List<X509Certificate> anchors() {
    return anchors;
  }
}
