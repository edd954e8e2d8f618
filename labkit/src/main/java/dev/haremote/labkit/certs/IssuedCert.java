package dev.haremote.labkit.certs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A leaf certificate with its private key and the chain a server would present (leaf first, then
 * the intermediate when there is one), plus the root a client would trust (null when self-signed).
 */
public record IssuedCert(
    X509Certificate certificate,
    PrivateKey privateKey,
    List<X509Certificate> chain,
    X509Certificate root) {

  private static final char[] PASSWORD = "labkit".toCharArray();

  /** Only the leaf, as a server that forgot its intermediate sends it. */
  public List<X509Certificate> leafOnly() {
    return List.of(certificate);
  }

  public List<X509Certificate> presented(boolean withIntermediate) {
    return withIntermediate ? chain : leafOnly();
  }

  /** The chain as PEM, leaf first (the fullchain.pem of certbot). */
  public Path writeChainPem(Path file) {
    return write(file, pem(chain));
  }

  public Path writeLeafPem(Path file) {
    return write(file, pem(leafOnly()));
  }

  public Path writeDer(Path file) {
    try {
      Files.write(file, certificate.getEncoded());
      return file;
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
  public Path writeKeyPem(Path file) {
    return write(file, block("PRIVATE KEY", privateKey.getEncoded()));
  }

  public static String pem(List<X509Certificate> certs) {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : certs) {
      try {
        sb.append(block("CERTIFICATE", c.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }
    return sb.toString();
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static Path write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public KeyManager[] keyManagers(boolean withIntermediate) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(
          "server", privateKey, PASSWORD, presented(withIntermediate).toArray(new Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD);
      return kmf.getKeyManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a key manager for a test certificate", e);
    }
  }

  /** A server-side SSLContext presenting this certificate (with or without the intermediate). */
  public SSLContext serverContext(boolean withIntermediate) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(withIntermediate), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
