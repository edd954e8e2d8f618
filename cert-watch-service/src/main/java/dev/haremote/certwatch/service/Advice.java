package dev.haremote.certwatch.service;

import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.check.SourceKind;

/** One sentence per reason code telling a Home Assistant user what to do. */
final class Advice {
  private Advice() {}

  /** For a private key file that could not be read (its codes are the certificate file's). */
  static String forKeyFile(String reason) {
    return switch (reason) {
      case Reason.PERMISSION_DENIED ->
          "This service may not read the private key file: adjust its permissions or mount.";
      case Reason.TIMEOUT ->
          "Reading the private key file did not finish in time: check the disk or network mount.";
      default -> "The private key file cannot be read: check the key path.";
    };
  }

  static String forReason(String reason, SourceKind source) {
    if (reason == null) {
      return null;
    }
    return switch (reason) {
      case Reason.EXPIRED ->
          "The certificate has expired: renew it (Let's Encrypt add-on, certbot"
              + " or your proxy), then restart Home Assistant or reload the proxy.";
      case Reason.NOT_YET_VALID ->
          "The certificate is not valid yet: check the clock of this"
              + " machine and of the server.";
      case Reason.UNTRUSTED ->
          "The chain ends in a root CA that is not trusted here: use a publicly trusted"
              + " certificate (Let's Encrypt), or add your own root CA to trust.extra-ca-file.";
      case Reason.SELF_SIGNED ->
          "The certificate is self-signed, so apps and browsers refuse it: use a Let's Encrypt"
              + " certificate, or add this certificate to trust.extra-ca-file if you mean to.";
      case Reason.INTERMEDIATE_EXPIRED ->
          "Your certificate is fine, but the intermediate served with it has expired: take the"
              + " CA's current chain (re-run the ACME client, or use its new fullchain.pem).";
      case Reason.WRONG_ORDER ->
          "The file starts with a CA certificate instead of your own: put the server certificate"
              + " first, then the intermediates (fullchain.pem order); nginx refuses this file.";
      case Reason.WRONG_PURPOSE ->
          "A certificate of the chain is not allowed for TLS servers (extended key usage without"
              + " serverAuth, e.g. a client certificate): issue one for server use.";
      case Reason.WEAK_CRYPTO ->
          "The certificate uses SHA-1 or a key too small (RSA under 2048 bits), which current"
              + " apps refuse: issue a new one with SHA-256 and RSA 2048+ or ECDSA.";
      case Reason.NAME_CONSTRAINTS ->
          "The CA may only issue for other names (name constraints): issue the certificate from"
              + " a CA allowed to cover this name, or change the CA's constraints.";
      case Reason.UNKNOWN_CRITICAL_EXTENSION ->
          "A certificate carries a critical extension that TLS clients do not understand, so"
              + " they must refuse it: issue it without that extension.";
      case Reason.INVALID_CA ->
          "A certificate in the chain signs others but is not a CA: rebuild the chain from the"
              + " CA's real intermediate certificates.";
      case Reason.INCOMPLETE_CHAIN ->
          "An intermediate certificate is missing: serve"
              + " fullchain.pem, not cert.pem (some apps and phones refuse such a chain).";
      case Reason.NAME_MISMATCH ->
          "The certificate does not cover the name the app uses: request" + " one for that name.";
      case Reason.KEY_MISMATCH ->
          "The private key does not belong to the certificate: configure"
              + " the key file that was issued with it.";
      case Reason.SERVED_MISMATCH ->
          "The certificate was renewed, but the server still serves the"
              + " old one: restart Home Assistant or reload the proxy (e.g. nginx -s reload).";
      case Reason.RENEWAL_OVERDUE ->
          "Renewal is overdue: check that the renewal job (Let's"
              + " Encrypt / DuckDNS add-on, certbot timer) runs and succeeds.";
      case Reason.EXPIRING -> "The certificate expires soon: make sure it is renewed.";
      case Reason.CLOCK_SKEW ->
          "This machine's clock is wrong, so whether the certificate is valid now cannot be"
              + " judged: set the time (NTP), or set certwatch.clock.reference-url so a trusted"
              + " time is used.";
      case Reason.NOT_FOUND, Reason.BROKEN_SYMLINK ->
          "The certificate file is missing: check the"
              + " path (and that certbot's live/ link points to an existing file).";
      case Reason.NOT_A_FILE -> "The path is not a regular file: point it at the certificate file.";
      case Reason.PERMISSION_DENIED ->
          "This service may not read the file: adjust its" + " permissions or mount.";
      case Reason.TOO_LARGE,
          Reason.TOO_MANY_CERTIFICATES,
          Reason.BAD_PEM,
          Reason.BAD_DER,
          Reason.EMPTY_FILE ->
          "The file is not a certificate (PEM or DER): check the path.";
      case Reason.KEY_NOT_FOUND, Reason.BAD_KEY ->
          "The private key file cannot be read: check the" + " key path.";
      case Reason.TIMEOUT ->
          source == SourceKind.FILE
              ? "Reading the file did not finish in time: check the disk or network mount."
              : "The server did not finish the TLS handshake in time: check that the port leads to"
                  + " Home Assistant or its proxy.";
      case Reason.DNS_UNRESOLVED -> "The name does not resolve: check Dynamic DNS.";
      case Reason.DNS_ERROR ->
          "The resolver did not answer, so the name could not be looked up and the certificate was"
              + " not checked: check this host's DNS server and internet connection.";
      case Reason.REFUSED, Reason.UNREACHABLE ->
          "Nothing answers on that address and port: check"
              + " that Home Assistant or the proxy runs and the port forward.";
      case Reason.NOT_TLS, Reason.RESET -> "No TLS on that port: check that it serves" + " HTTPS.";
      case Reason.HANDSHAKE_FAILED ->
          "The server answers but no TLS handshake could be agreed (TLS version, ciphers or key"
              + " type): check the TLS settings of Home Assistant or the proxy.";
      default -> "The check failed unexpectedly: see the service log.";
    };
  }
}
