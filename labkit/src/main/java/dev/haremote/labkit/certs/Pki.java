package dev.haremote.labkit.certs;

import java.io.IOException;
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
    PrivateKeyInfo info = privateKeyInfo();
    try {
      if (keys.getPrivate() instanceof java.security.interfaces.ECPrivateKey ec) {
        // SEC1 as OpenSSL writes it: with the curve and the public point (the JDK's PKCS#8 keeps
        // both outside the inner structure, and OpenSSL refuses an EC PRIVATE KEY without them).
        java.security.interfaces.ECPublicKey pub =
            (java.security.interfaces.ECPublicKey) keys.getPublic();
        int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        byte[] point = new byte[1 + 2 * size];
        point[0] = 0x04;
        copyUnsigned(pub.getW().getAffineX(), point, 1, size);
        copyUnsigned(pub.getW().getAffineY(), point, 1 + size, size);
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
            new org.bouncycastle.asn1.sec.ECPrivateKey(
                ec.getParams().getOrder().bitLength(),
                ec.getS(),
                new org.bouncycastle.asn1.DERBitString(point),
                info.getPrivateKeyAlgorithm().getParameters());
        return block("EC PRIVATE KEY", sec1.getEncoded());
      }
      // RSA: the inner structure of PKCS#8 is the PKCS#1 key.
      return block(
          keys.getPrivate().getAlgorithm() + " PRIVATE KEY",
          info.parsePrivateKey().toASN1Primitive().getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyUnsigned(java.math.BigInteger value, byte[] to, int offset, int size) {
    byte[] bytes = value.toByteArray();
    int skip = bytes.length > size ? bytes.length - size : 0;
    int pad = size - (bytes.length - skip);
    System.arraycopy(bytes, skip, to, offset + pad, bytes.length - skip);
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
