package dev.haremote.certwatch.file;

import dev.haremote.certwatch.check.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Turns file content into certificates, leaf first as written: PEM with one or many {@code
 * CERTIFICATE} blocks (other blocks such as a bundled private key are skipped), or one DER
 * certificate. A UTF-8 byte order mark before the first block is read past, as OpenSSL does. Stops
 * counting at the limit instead of parsing an arbitrarily long chain.
 */
public final class CertificateParser {
  private static final byte[] PEM_MARKER = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);

  private CertificateParser() {}

  /**
   * @param reason null on success, else a {@link Reason} code
   */
  public record Parsed(List<X509Certificate> certificates, String reason, String detail) {
    public boolean ok() {
      return reason == null;
    }
  }

  public static Parsed parse(byte[] raw, int maxCertificates) {
    byte[] content = Utf8Bom.strip(raw);
    if (indexOf(content, PEM_MARKER) >= 0) {
      return parsePem(content, maxCertificates);
    }
    if (content.length > 0 && content[0] == 0x30) {
      return parseDer(content);
    }
    return failed(Reason.BAD_PEM, "neither PEM (no -----BEGIN line) nor a DER certificate");
  }

  private static Parsed parsePem(byte[] content, int maxCertificates) {
    List<byte[]> ders = new ArrayList<>();
    Set<String> otherTypes = new LinkedHashSet<>();
    try (PemReader reader =
        new PemReader(
            new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.US_ASCII))) {
      PemObject object;
      while ((object = reader.readPemObject()) != null) {
        if ("CERTIFICATE".equals(object.getType())
            || "TRUSTED CERTIFICATE".equals(object.getType())) {
          if (ders.size() == maxCertificates) {
            return failed(
                Reason.TOO_MANY_CERTIFICATES,
                "more than " + maxCertificates + " certificates in one file");
          }
          ders.add(object.getContent());
        } else {
          otherTypes.add(object.getType());
        }
      }
    } catch (IOException | RuntimeException e) {
      // BouncyCastle signals bad base64 or a missing END line this way; the input is the problem.
      return failed(Reason.BAD_PEM, "malformed PEM block");
    }
    if (ders.isEmpty()) {
      return failed(
          Reason.BAD_PEM,
          otherTypes.isEmpty()
              ? "no CERTIFICATE block found"
              : "no CERTIFICATE block found (found " + String.join(", ", otherTypes) + ")");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (int i = 0; i < ders.size(); i++) {
      X509Certificate certificate = certificate(ders.get(i));
      if (certificate == null) {
        return failed(Reason.BAD_PEM, "certificate " + (i + 1) + " in the file does not parse");
      }
      certificates.add(certificate);
    }
    return new Parsed(List.copyOf(certificates), null, null);
  }

  private static Parsed parseDer(byte[] content) {
    X509Certificate certificate = certificate(content);
    return certificate == null
        ? failed(Reason.BAD_DER, "DER content does not parse as an X.509 certificate")
        : new Parsed(List.of(certificate), null, null);
  }

  private static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      return null;
    }
  }

  private static Parsed failed(String reason, String detail) {
    return new Parsed(List.of(), reason, detail);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
