package dev.haremote.certwatch.renewal;

import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The RFC 9773 certificate identifier: base64url(AKI keyIdentifier) "." base64url(serial as DER
 * INTEGER content bytes, so a leading 0x00 stays), both without padding.
 */
public final class AriCertId {
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private AriCertId() {}

  public static String of(byte[] authorityKeyId, byte[] serialBytes) {
    return B64URL.encodeToString(authorityKeyId) + "." + B64URL.encodeToString(serialBytes);
  }

  /** Empty when the certificate has no AKI keyIdentifier (self-signed test certificates). */
  public static Optional<String> of(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
    if (extension == null) {
      return Optional.empty();
    }
    try {
      byte[] inner = ASN1OctetString.getInstance(extension).getOctets();
      byte[] keyId = AuthorityKeyIdentifier.getInstance(inner).getKeyIdentifier();
      if (keyId == null || keyId.length == 0) {
        return Optional.empty();
      }
      // BigInteger.toByteArray is the two's-complement form DER uses: the 0x00 before a high bit
      // is kept, exactly as the RFC requires.
      return Optional.of(of(keyId, certificate.getSerialNumber().toByteArray()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Parses {@code 69:88:5B:...} as bytes (the notation RFCs and openssl print). */
  public static byte[] hex(String colonHex) {
    String[] parts = colonHex.split(":");
    byte[] bytes = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      bytes[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return bytes;
  }
}
