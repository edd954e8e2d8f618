package dev.haremote.labkit.certs;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A certificate from {@link CertBuilder} with its keys and its chain up to (and with) the root:
 * {@code chain()} is leaf, intermediates..., root. Writes the files users have: PEM chains in any
 * order, DER, and private keys as PKCS#8 or in the traditional PKCS#1 / SEC1 form.
 */
public record Pki(X509Certificate certificate, KeyPair keys, List<X509Certificate> chain) {

  /** The chain without its self-signed top (what a server should send). */
  public List<X509Certificate> withoutRoot() {
    return chain.size() > 1 ? chain.subList(0, chain.size() - 1) : chain;
  }

  /** The self-signed top of the chain. */
  public X509Certificate root() {
    return chain.get(chain.size() - 1);
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

  /** The chain, but with the first intermediate before the leaf (a wrongly assembled file). */
  public static List<X509Certificate> intermediateFirst(List<X509Certificate> chain) {
    List<X509Certificate> reordered = new ArrayList<>(chain);
    X509Certificate leaf = reordered.remove(0);
    reordered.add(1, leaf);
    return reordered;
  }

  /** {@code BEGIN PRIVATE KEY}: PKCS#8, what certbot writes and the only form of Ed25519 keys. */
  public String pkcs8Pem() {
    return block("PRIVATE KEY", keys.getPrivate().getEncoded());
  }

  /** {@code BEGIN RSA PRIVATE KEY} (PKCS#1) or {@code BEGIN EC PRIVATE KEY} (SEC1). */
  public String traditionalPem() {
    try (StringWriter out = new StringWriter();
        JcaPEMWriter writer = new JcaPEMWriter(out)) {
      // BouncyCastle writes a KeyPair's private key in the traditional OpenSSL form.
      writer.writeObject(keys);
      writer.flush();
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The private key's PKCS#8 structure (for tests that need the raw form). */
  public PrivateKeyInfo privateKeyInfo() {
    return PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
  }

  public byte[] der() {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path write(Path file, String text) {
    return write(file, text.getBytes(StandardCharsets.US_ASCII));
  }

  public static Path write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
