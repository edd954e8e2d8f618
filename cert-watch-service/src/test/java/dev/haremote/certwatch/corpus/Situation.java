package dev.haremote.certwatch.corpus;

import dev.haremote.labkit.certs.Pki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One certificate situation of the corpus: the file a user has on disk (and its key), what nginx is
 * given to serve, the name clients use, and what cert-watch must say about the file and the
 * endpoint. A deviation from OpenSSL is allowed only with the rule that asks for it.
 */
final class Situation {
  final String id;
  final String title;
  String host = "home.test";
  byte[] certFile;
  String certExtension = "pem";
  String keyPem;
  boolean keyForCertWatch = true;
  String servedChainPem;
  String servedKeyPem;
  X509Certificate leaf;
  String expectFile;
  String expectEndpoint;
  String deviation;

  // Written by the corpus.
  Path certPath;
  Path keyPath;
  Path servedCertPath;
  Path servedKeyPath;

  private Situation(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** A file holding {@code chain} as PEM, served as is with the leaf's PKCS#8 key. */
  static Situation of(String id, String title, Pki leaf, List<X509Certificate> chain) {
    Situation s = new Situation(id, title);
    s.leaf = leaf.certificate();
    s.certFile = Pki.pem(chain).getBytes(StandardCharsets.US_ASCII);
    s.keyPem = leaf.pkcs8Pem();
    return s;
  }

  /** The usual fullchain.pem: leaf and intermediates, no root. */
  static Situation fullchain(String id, String title, Pki leaf) {
    return of(id, title, leaf, leaf.withoutRoot());
  }

  Situation host(String host) {
    this.host = host;
    return this;
  }

  Situation expect(String both) {
    return expect(both, both);
  }

  Situation expect(String file, String endpoint) {
    this.expectFile = file;
    this.expectEndpoint = endpoint;
    return this;
  }

  Situation key(String pem) {
    this.keyPem = pem;
    return this;
  }

  Situation keyNotConfigured() {
    this.keyForCertWatch = false;
    return this;
  }

  Situation file(byte[] content, String extension) {
    this.certFile = content;
    this.certExtension = extension;
    return this;
  }

  Situation served(List<X509Certificate> chain) {
    this.servedChainPem = Pki.pem(chain);
    return this;
  }

  Situation deviation(String rule) {
    this.deviation = rule;
    return this;
  }

  /** What nginx gets: the served chain if set, else the file itself (PEM). */
  String nginxCertificate() {
    return servedChainPem != null
        ? servedChainPem
        : new String(certFile, StandardCharsets.US_ASCII);
  }

  String nginxKey() {
    return servedKeyPem != null ? servedKeyPem : keyPem;
  }
}
