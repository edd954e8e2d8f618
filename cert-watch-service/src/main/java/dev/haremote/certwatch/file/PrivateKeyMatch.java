package dev.haremote.certwatch.file;

import dev.haremote.certwatch.check.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Whether a private key file belongs to a certificate. Reads PKCS#8 and the traditional {@code RSA
 * PRIVATE KEY} / {@code EC PRIVATE KEY} forms (certbot and acme.sh write either), then signs a
 * random challenge with the key and verifies it with the certificate's public key: that works for
 * RSA, EC and EdDSA alike without comparing key internals.
 *
 * @param matches null when the key could not be read (then {@code reason} says why)
 */
public record PrivateKeyMatch(Boolean matches, String reason, String detail) {
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  public static PrivateKeyMatch check(byte[] keyFile, X509Certificate certificate) {
    return read(keyFile).matches(certificate);
  }

  /** Parses the key file once, to match it against several certificates. */
  public static Key read(byte[] keyFile) {
    PrivateKey key;
    try (PEMParser parser =
        new PEMParser(
            new InputStreamReader(
                new ByteArrayInputStream(Utf8Bom.strip(keyFile)), StandardCharsets.US_ASCII))) {
      key = firstKey(parser);
    } catch (IOException | RuntimeException e) {
      return new Key(null, "the key file does not parse");
    }
    if (key == null) {
      return new Key(null, "no unencrypted private key in the file");
    }
    return new Key(key, null);
  }

  /**
   * A parsed private key, or why there is none.
   *
   * @param problem null when the key was read
   */
  public record Key(PrivateKey key, String problem) {
    public boolean ok() {
      return key != null;
    }

    public PrivateKeyMatch matches(X509Certificate certificate) {
      if (key == null) {
        return new PrivateKeyMatch(null, Reason.BAD_KEY, problem);
      }
      PublicKey publicKey = certificate.getPublicKey();
      // The JDK calls an Ed25519 key "EdDSA" where BouncyCastle says "Ed25519": compare families.
      String family = family(key.getAlgorithm());
      if (family == null) {
        return new PrivateKeyMatch(
            /* matches */ null, Reason.BAD_KEY, "unsupported key algorithm " + key.getAlgorithm());
      }
      if (!family.equals(family(publicKey.getAlgorithm()))) {
        return new PrivateKeyMatch(false, null, null);
      }
      try {
        // Both keys in BouncyCastle's form, so the curve (Ed25519 or Ed448) is known on each side.
        PublicKey bcPublic =
            KeyFactory.getInstance(publicKey.getAlgorithm(), BOUNCY_CASTLE)
                .generatePublic(new X509EncodedKeySpec(publicKey.getEncoded()));
        String algorithm = signatureAlgorithm(family);
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        Signature signer = Signature.getInstance(algorithm, BOUNCY_CASTLE);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm, BOUNCY_CASTLE);
        verifier.initVerify(bcPublic);
        verifier.update(challenge);
        return new PrivateKeyMatch(verifier.verify(signature), null, null);
      } catch (GeneralSecurityException | RuntimeException e) {
        // A key of another curve or size makes the JCA refuse: that is a mismatch, not a bug.
        return new PrivateKeyMatch(false, null, null);
      }
    }
  }

  private static PrivateKey firstKey(PEMParser parser) throws IOException {
    // The JDK's KeyFactory does not know the "ECDSA" name BouncyCastle maps EC keys to.
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BOUNCY_CASTLE);
    Object object;
    while ((object = parser.readObject()) != null) {
      if (object instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
        return null;
      }
    }
    return null;
  }

  /** RSA, EC or EdDSA; null for what this check does not know. */
  static String family(String algorithm) {
    return switch (algorithm) {
      case "RSA" -> "RSA";
      case "EC", "ECDSA" -> "EC";
      case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
      default -> null;
    };
  }

  private static String signatureAlgorithm(String family) {
    return switch (family) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      // BouncyCastle's "EdDSA" signature takes the curve from the key.
      default -> "EdDSA";
    };
  }
}
