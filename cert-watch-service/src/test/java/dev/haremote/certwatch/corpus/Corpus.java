package dev.haremote.certwatch.corpus;

import dev.haremote.certwatch.check.Reason;
import dev.haremote.labkit.certs.CertBuilder;
import dev.haremote.labkit.certs.Pki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The situations of the corpus, all generated here (no fixture files): a trusted root with its
 * intermediates, an untrusted one, and one situation per way a certificate goes wrong (or right) in
 * a Home Assistant home. {@link #write} puts every file on disk.
 */
final class Corpus {
  /** Rule for the one deliberate difference from OpenSSL. */
  static final String RFC_9525 =
      "RFC 9525 (obsoletes RFC 6125) drops the CN-ID: a client no longer seeks a match in the"
          + " subject CN; OpenSSL 3.0 still falls back to it when there is no DNS SAN";

  final Pki root;
  final Pki sha1Root;
  final Pki expiredRoot;
  final List<Situation> situations = new ArrayList<>();

  private Corpus(Pki root, Pki sha1Root, Pki expiredRoot) {
    this.root = root;
    this.sha1Root = sha1Root;
    this.expiredRoot = expiredRoot;
  }

  /** The trust anchors (trust.extra-ca-file / {@code openssl -CAfile}). */
  List<X509Certificate> anchors() {
    return List.of(root.certificate(), sha1Root.certificate(), expiredRoot.certificate());
  }

  static Corpus build() {
    Instant now = Instant.now();
    Pki root = CertBuilder.root("Corpus Root").build();
    Pki sha1Root = CertBuilder.root("Corpus SHA-1 Root").digest("SHA1").build();
    Pki expiredRoot =
        CertBuilder.root("Corpus Expired Root")
            .validity(now.minus(Duration.ofDays(800)), now.minus(Duration.ofDays(2)))
            .build();
    Corpus c = new Corpus(root, sha1Root, expiredRoot);
    Pki ca = CertBuilder.intermediate("Corpus CA", root).build();
    Pki untrustedRoot = CertBuilder.root("Stranger Root").build();
    Pki untrustedCa = CertBuilder.intermediate("Stranger CA", untrustedRoot).build();
    List<Situation> s = c.situations;

    // The basics.
    Pki ok = CertBuilder.leaf(ca).dns("home.test").build();
    s.add(Situation.fullchain("ok", "EC P-256 leaf, fullchain.pem", ok).expect(null));
    s.add(
        Situation.of("with-root", "fullchain with the root appended", ok, ok.chain()).expect(null));
    s.add(
        Situation.of(
                "shuffled",
                "leaf first, then root before intermediate",
                ok,
                List.of(ok.certificate(), root.certificate(), ca.certificate()))
            .expect(null));
    Pki stranger = CertBuilder.leaf(untrustedCa).dns("stranger.test").build();
    s.add(
        Situation.of(
                "extra-cert",
                "fullchain plus an unrelated certificate",
                ok,
                List.of(ok.certificate(), ca.certificate(), stranger.certificate()))
            .expect(null));
    Pki ca2 = CertBuilder.intermediate("Corpus CA Level 2", ca).build();
    Pki deep = CertBuilder.leaf(ca2).dns("home.test").build();
    s.add(
        Situation.fullchain("two-intermediates", "two intermediates, all sent", deep).expect(null));

    // 1: intermediate first.
    s.add(
        Situation.of(
                "intermediate-first",
                "intermediate before the leaf, key given",
                ok,
                Pki.intermediateFirst(ok.withoutRoot()))
            .expect(Reason.WRONG_ORDER, null));
    Pki expiredLeaf = CertBuilder.leaf(ca).dns("home.test").expired().build();
    s.add(
        Situation.of(
                "intermediate-first-expired",
                "intermediate before an expired leaf",
                expiredLeaf,
                Pki.intermediateFirst(expiredLeaf.withoutRoot()))
            .expect(Reason.WRONG_ORDER, null));
    s.add(
        Situation.of(
                "intermediate-first-no-key",
                "intermediate before the leaf, no key configured",
                ok,
                Pki.intermediateFirst(ok.withoutRoot()))
            .keyNotConfigured()
            .expect(Reason.WRONG_ORDER, null));

    // 2: serverAuth along the path.
    Pki clientLeaf =
        CertBuilder.leaf(ca).dns("home.test").eku(KeyPurposeId.id_kp_clientAuth).build();
    s.add(
        Situation.fullchain("eku-client-leaf", "leaf limited to clientAuth", clientLeaf)
            .expect(Reason.WRONG_PURPOSE));
    Pki clientCa =
        CertBuilder.intermediate("Corpus Client CA", root)
            .eku(KeyPurposeId.id_kp_clientAuth)
            .build();
    s.add(
        Situation.fullchain(
                "eku-client-intermediate",
                "intermediate limited to clientAuth",
                CertBuilder.leaf(clientCa).dns("home.test").build())
            .expect(Reason.WRONG_PURPOSE));
    s.add(
        Situation.fullchain(
                "eku-none",
                "leaf without extended key usage",
                CertBuilder.leaf(ca).dns("home.test").eku().build())
            .expect(null));
    s.add(
        Situation.fullchain(
                "ku-cert-sign-only",
                "leaf key usage keyCertSign only (nginx loads it, no handshake succeeds)",
                CertBuilder.leaf(ca)
                    .dns("home.test")
                    .keyUsage(org.bouncycastle.asn1.x509.KeyUsage.keyCertSign)
                    .build())
            .expect(Reason.WRONG_PURPOSE, Reason.HANDSHAKE_FAILED));

    // 3: security level 2.
    s.add(
        Situation.fullchain(
                "sha1-leaf",
                "leaf signed with SHA-1",
                CertBuilder.leaf(ca).dns("home.test").digest("SHA1").build())
            .expect(Reason.WEAK_CRYPTO, null));
    Pki sha1Ca = CertBuilder.intermediate("Corpus SHA-1 CA", root).digest("SHA1").build();
    s.add(
        Situation.fullchain(
                "sha1-intermediate",
                "intermediate signed with SHA-1",
                CertBuilder.leaf(sha1Ca).dns("home.test").build())
            .expect(Reason.WEAK_CRYPTO, null));
    s.add(
        Situation.fullchain(
                "sha1-root",
                "trusted root self-signed with SHA-1 (its signature is never checked)",
                CertBuilder.leaf(
                        CertBuilder.intermediate("Corpus CA under SHA-1 root", sha1Root).build())
                    .dns("home.test")
                    .build())
            .expect(null));
    Pki rsa1024 = CertBuilder.leaf(ca).dns("home.test").rsa(1024).build();
    s.add(
        Situation.fullchain("rsa-1024-leaf", "RSA 1024 leaf", rsa1024)
            .key(rsa1024.traditionalPem())
            .expect(Reason.WEAK_CRYPTO, null));
    Pki rsa1024Ca = CertBuilder.intermediate("Corpus RSA-1024 CA", root).rsa(1024).build();
    s.add(
        Situation.fullchain(
                "rsa-1024-intermediate",
                "intermediate with an RSA 1024 key",
                CertBuilder.leaf(rsa1024Ca).dns("home.test").build())
            .expect(Reason.WEAK_CRYPTO, null));

    // 4, 5 and the key formats.
    Pki rsa = CertBuilder.leaf(ca).dns("home.test").rsa(2048).build();
    s.add(
        Situation.fullchain("rsa-pkcs1", "RSA 2048, key as PKCS#1 (RSA PRIVATE KEY)", rsa)
            .key(rsa.traditionalPem())
            .expect(null));
    s.add(Situation.fullchain("rsa-pkcs8", "RSA 2048, key as PKCS#8", rsa).expect(null));
    s.add(
        Situation.fullchain("ec-sec1", "EC P-256, key as SEC1 (EC PRIVATE KEY)", ok)
            .key(ok.traditionalPem())
            .expect(null));
    s.add(
        Situation.fullchain(
                "ec-p384",
                "EC P-384 leaf",
                CertBuilder.leaf(ca).dns("home.test").ec("secp384r1").build())
            .expect(null));
    Pki ed25519 = CertBuilder.leaf(ca).dns("home.test").ed25519().build();
    s.add(Situation.fullchain("ed25519", "Ed25519 leaf, PKCS#8 key", ed25519).expect(null));
    s.add(
        Situation.fullchain(
                "ed448", "Ed448 leaf", CertBuilder.leaf(ca).dns("home.test").ed448().build())
            .expect(null));
    Pki otherEd = CertBuilder.leaf(ca).dns("home.test").ed25519().build();
    s.add(
        Situation.fullchain(
                "ed25519-key-mismatch", "Ed25519 leaf with another Ed25519 key", ed25519)
            .key(otherEd.pkcs8Pem())
            .expect(Reason.KEY_MISMATCH, null));
    Pki otherEc = CertBuilder.leaf(ca).dns("home.test").build();
    s.add(
        Situation.fullchain("ec-key-mismatch", "EC leaf with another EC key", ok)
            .key(otherEc.pkcs8Pem())
            .expect(Reason.KEY_MISMATCH, null));

    // 6: chain shapes.
    Pki selfSigned = CertBuilder.selfSignedLeaf().dns("home.test").build();
    s.add(
        Situation.fullchain("self-signed", "self-signed leaf", selfSigned)
            .expect(Reason.SELF_SIGNED));
    s.add(
        Situation.of(
                "untrusted-root-sent",
                "private CA, root sent, not trusted",
                stranger,
                stranger.chain())
            .host("stranger.test")
            .expect(Reason.UNTRUSTED));
    s.add(
        Situation.fullchain(
                "untrusted-root-fullchain",
                "complete fullchain of a private CA that is not trusted",
                stranger)
            .host("stranger.test")
            .expect(Reason.UNTRUSTED));
    s.add(
        Situation.of("missing-intermediate", "leaf only (cert.pem)", ok, List.of(ok.certificate()))
            .expect(Reason.INCOMPLETE_CHAIN));
    s.add(
        Situation.of(
                "missing-upper-intermediate",
                "leaf and lower intermediate, upper intermediate missing",
                deep,
                List.of(deep.certificate(), ca2.certificate()))
            .expect(Reason.UNTRUSTED));

    // Path building, trusted first: the path ends at the first certificate a trusted root issued,
    // and a currently valid issuer is taken over an expired one of the same name and key.
    Pki oldRoot = CertBuilder.root("Corpus Old Root").build();
    Pki crossSigned =
        CertBuilder.intermediate("Corpus Root", oldRoot)
            .keys(root.keys())
            .validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)))
            .build();
    s.add(
        Situation.of(
                "cross-signed-expired",
                "fullchain plus the trusted root cross-signed by an untrusted old root (expired),"
                    + " and that old root",
                ok,
                List.of(
                    ok.certificate(),
                    ca.certificate(),
                    crossSigned.certificate(),
                    oldRoot.certificate()))
            .expect(null));
    Pki expiredCopy =
        CertBuilder.intermediate("Corpus CA", root)
            .keys(ca.keys())
            .validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)))
            .build();
    s.add(
        Situation.of(
                "intermediate-expired-copy",
                "leaf, an expired copy of its intermediate (same name and key), the current one",
                ok,
                List.of(ok.certificate(), expiredCopy.certificate(), ca.certificate()))
            .expect(null));

    // Dates.
    s.add(Situation.fullchain("expired", "expired leaf", expiredLeaf).expect(Reason.EXPIRED));
    s.add(
        Situation.fullchain(
                "not-yet-valid",
                "leaf valid from tomorrow",
                CertBuilder.leaf(ca).dns("home.test").notYetValid().build())
            .expect(Reason.NOT_YET_VALID));
    Pki expiredCa =
        CertBuilder.intermediate("Corpus Expired CA", root)
            .validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)))
            .build();
    s.add(
        Situation.fullchain(
                "expired-intermediate",
                "valid leaf under an expired intermediate",
                CertBuilder.leaf(expiredCa)
                    .dns("home.test")
                    .validity(now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(80)))
                    .build())
            .expect(Reason.INTERMEDIATE_EXPIRED));
    // A trusted root past its end: OpenSSL 3 checks the anchor's dates too (Java's PKIX does not).
    Pki underExpiredRoot =
        CertBuilder.leaf(
                CertBuilder.intermediate("Corpus CA under expired root", expiredRoot).build())
            .dns("home.test")
            .build();
    s.add(
        Situation.fullchain(
                "expired-trusted-root",
                "valid leaf and intermediate under a trusted root that has expired",
                underExpiredRoot)
            .expect(Reason.INTERMEDIATE_EXPIRED));
    s.add(
        Situation.of(
                "expired-trusted-root-sent",
                "the same, with the expired trusted root sent along",
                underExpiredRoot,
                underExpiredRoot.chain())
            .expect(Reason.INTERMEDIATE_EXPIRED));
    s.add(
        Situation.fullchain(
                "lifetime-6d",
                "6-day certificate, 1 day old",
                CertBuilder.leaf(ca)
                    .dns("home.test")
                    .lifetime(Duration.ofDays(6), Duration.ofDays(1))
                    .build())
            .expect(null));
    s.add(
        Situation.fullchain(
                "lifetime-6d-overdue",
                "6-day certificate, 5 days old (renewal overdue, still valid)",
                CertBuilder.leaf(ca)
                    .dns("home.test")
                    .lifetime(Duration.ofDays(6), Duration.ofDays(5))
                    .build())
            .expect(null));
    s.add(
        Situation.fullchain(
                "lifetime-47d",
                "47-day certificate, 10 days old",
                CertBuilder.leaf(ca)
                    .dns("home.test")
                    .lifetime(Duration.ofDays(47), Duration.ofDays(10))
                    .build())
            .expect(null));
    s.add(
        Situation.fullchain(
                "lifetime-90d",
                "90-day certificate, 30 days old",
                CertBuilder.leaf(ca)
                    .dns("home.test")
                    .lifetime(Duration.ofDays(90), Duration.ofDays(30))
                    .build())
            .expect(null));

    // Names (endpoints only: a file has no name to match).
    s.add(
        Situation.fullchain(
                "wrong-name", "leaf for other.test", CertBuilder.leaf(ca).dns("other.test").build())
            .expect(null, Reason.NAME_MISMATCH));
    Pki wildcard = CertBuilder.leaf(ca).dns("*.home.test").build();
    s.add(
        Situation.fullchain("wildcard", "*.home.test for a.home.test", wildcard)
            .host("a.home.test")
            .expect(null));
    s.add(
        Situation.fullchain("wildcard-apex", "*.home.test for home.test", wildcard)
            .expect(null, Reason.NAME_MISMATCH));
    s.add(
        Situation.fullchain("wildcard-two-labels", "*.home.test for a.b.home.test", wildcard)
            .host("a.b.home.test")
            .expect(null, Reason.NAME_MISMATCH));
    s.add(
        Situation.fullchain(
                "ip-san", "IP SAN 127.0.0.1", CertBuilder.leaf(ca).ip("127.0.0.1").build())
            .host("127.0.0.1")
            .expect(null));
    s.add(
        Situation.fullchain(
                "ip-san-other",
                "IP SAN 127.0.0.2 for 127.0.0.1",
                CertBuilder.leaf(ca).ip("127.0.0.2").build())
            .host("127.0.0.1")
            .expect(null, Reason.NAME_MISMATCH));
    s.add(
        Situation.fullchain(
                "cn-only",
                "name only in the CN, no SAN",
                CertBuilder.leaf(ca).commonName("home.test").build())
            .expect(null, Reason.NAME_MISMATCH)
            .deviation(RFC_9525));

    // 7: constraints and extensions.
    Pki constrained =
        CertBuilder.intermediate("Corpus Constrained CA", root).permitDns("allowed.test").build();
    s.add(
        Situation.fullchain(
                "name-constraints-violated",
                "CA permitted allowed.test, leaf home.test",
                CertBuilder.leaf(constrained).dns("home.test").build())
            .expect(Reason.NAME_CONSTRAINTS));
    s.add(
        Situation.fullchain(
                "name-constraints-ok",
                "CA permitted allowed.test, leaf www.allowed.test",
                CertBuilder.leaf(constrained).dns("www.allowed.test").build())
            .host("www.allowed.test")
            .expect(null));
    Pki excluding =
        CertBuilder.intermediate("Corpus Excluding CA", root).excludeDns("home.test").build();
    s.add(
        Situation.fullchain(
                "name-constraints-excluded",
                "CA excludes home.test",
                CertBuilder.leaf(excluding).dns("home.test").build())
            .expect(Reason.NAME_CONSTRAINTS));
    s.add(
        Situation.fullchain(
                "critical-extension-leaf",
                "unknown critical extension in the leaf",
                CertBuilder.leaf(ca).dns("home.test").unknownCriticalExtension().build())
            .expect(Reason.UNKNOWN_CRITICAL_EXTENSION));
    Pki criticalCa =
        CertBuilder.intermediate("Corpus Odd CA", root).unknownCriticalExtension().build();
    s.add(
        Situation.fullchain(
                "critical-extension-intermediate",
                "unknown critical extension in the intermediate",
                CertBuilder.leaf(criticalCa).dns("home.test").build())
            .expect(Reason.UNKNOWN_CRITICAL_EXTENSION));
    Pki notCa = CertBuilder.intermediate("Corpus Not-a-CA", root).withoutBasicConstraints().build();
    s.add(
        Situation.fullchain(
                "issuer-not-ca",
                "leaf issued by a certificate without CA:TRUE",
                CertBuilder.leaf(notCa).dns("home.test").build())
            .expect(Reason.INVALID_CA));

    // File formats.
    s.add(
        Situation.fullchain("der", "DER file (leaf only), nginx serves the PEM fullchain", ok)
            .file(ok.der(), "der")
            .served(ok.withoutRoot())
            .expect(Reason.INCOMPLETE_CHAIN, null));
    s.add(
        Situation.fullchain("pem-with-text", "PEM with openssl x509 -text before each block", ok)
            .file(withText(ok.withoutRoot()), "pem")
            .expect(null));
    s.add(
        Situation.fullchain("pem-crlf", "PEM with CRLF line ends", ok)
            .file(
                Pki.pem(ok.withoutRoot()).replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII),
                "pem")
            .expect(null));
    s.add(
        Situation.fullchain(
                "pem-text-crlf", "PEM with text before the blocks and CRLF line ends", ok)
            .file(
                new String(withText(ok.withoutRoot()), StandardCharsets.US_ASCII)
                    .replace("\n", "\r\n")
                    .getBytes(StandardCharsets.US_ASCII),
                "pem")
            .expect(null));
    s.add(
        Situation.fullchain("pem-key-bundled", "one file: key, then the fullchain", ok)
            .file(
                (ok.pkcs8Pem() + Pki.pem(ok.withoutRoot())).getBytes(StandardCharsets.US_ASCII),
                "pem")
            .expect(null));
    // A UTF-8 byte order mark before the first block (Windows editors): OpenSSL and nginx read
    // past it, so the first block is the file's first certificate and its key is the key's.
    s.add(
        Situation.of("pem-bom", "cert.pem (leaf only) starting with a UTF-8 BOM", ok, List.of())
            .file(withBom(Pki.pem(List.of(ok.certificate()))), "pem")
            .expect(Reason.INCOMPLETE_CHAIN));
    s.add(
        Situation.of(
                "pem-bom-fullchain",
                "fullchain.pem of an expired leaf starting with a UTF-8 BOM",
                expiredLeaf,
                List.of())
            .file(withBom(Pki.pem(expiredLeaf.withoutRoot())), "pem")
            .expect(Reason.EXPIRED));
    return c;
  }

  /** The text behind a UTF-8 byte order mark (EF BB BF). */
  static byte[] withBom(String text) {
    byte[] body = text.getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    return bytes;
  }

  /** Each block after a human-readable dump, as {@code openssl x509 -text} writes it. */
  private static byte[] withText(List<X509Certificate> chain) {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate cert : chain) {
      sb.append("Certificate:\n    Data:\n        Version: 3 (0x2)\n        Subject: ")
          .append(cert.getSubjectX500Principal().getName())
          .append("\n        Issuer: ")
          .append(cert.getIssuerX500Principal().getName())
          .append("\n        Validity\n            Not After : ")
          .append(cert.getNotAfter().toInstant())
          .append('\n')
          .append(Pki.pem(List.of(cert)));
    }
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Writes every situation's files under {@code dir/ID/} and the trust bundle. */
  Path write(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path trust = Pki.write(dir.resolve("trust.pem"), Pki.pem(anchors()));
    for (Situation s : situations) {
      Path d = Files.createDirectories(dir.resolve(s.id));
      s.certPath = Pki.write(d.resolve("cert." + s.certExtension), s.certFile);
      s.keyPath = Pki.write(d.resolve("key.pem"), s.keyPem);
      s.servedCertPath =
          s.servedChainPem == null && !s.certExtension.equals("der")
              ? s.certPath
              : Pki.write(d.resolve("served.pem"), s.nginxCertificate());
      s.servedKeyPath =
          s.servedKeyPem == null
              ? s.keyPath
              : Pki.write(d.resolve("served-key.pem"), s.servedKeyPem);
    }
    return trust;
  }
}
