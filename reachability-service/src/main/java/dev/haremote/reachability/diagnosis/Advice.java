package dev.haremote.reachability.diagnosis;

import dev.haremote.common.net.IpFamily;

/**
 * The advice for each verdict, in the words of the guide the users follow (port forward of TCP
 * 8123, hairpin NAT / NAT loopback, split-brain DNS with AdGuard Home DNS rewrites, Let's Encrypt
 * via the DuckDNS add-on, use_x_forwarded_for + trusted_proxies, websockets support, CG-NAT, IPv6
 * on the same port).
 */
final class Advice {
  private Advice() {}

  static String ok(TargetObservation t) {
    return "Home Assistant answers at "
        + t.url()
        + ": DNS, port, certificate, HTTP and WebSocket work.";
  }

  static String dnsUnresolved(TargetObservation t, FamilyObservation f) {
    String record = f.family() == IpFamily.IPV6 ? "AAAA" : "A";
    String detail = f.dnsDetail() == null ? "" : " (" + f.dnsDetail() + ")";
    String fix =
        f.family() == IpFamily.IPV6
            ? " Add an AAAA record pointing directly at your Home Assistant host's IPv6 address,"
                + " or remove ipv6 from the target's families."
            : " Give your home a Dynamic DNS name (e.g. the DuckDNS add-on, or your router's"
                + " DDNS client) that is kept updated with your router's public address.";
    return "The public name " + t.host() + " has no " + record + " record" + detail + "." + fix;
  }

  static String dnsDrift(TargetObservation t, FamilyObservation f) {
    return "The public name "
        + t.host()
        + " points at "
        + String.join(", ", f.publicAddresses())
        + ", but your home's public address is "
        + (f.expectedPublicAddress() == null ? "another one" : f.expectedPublicAddress())
        + ": the Dynamic DNS update is not working. Check the DuckDNS add-on (or your router's"
        + " DDNS client) and its token.";
  }

  static String cgnat() {
    return "Your router has no public IPv4 address: your ISP uses carrier-grade NAT (CG-NAT) or"
        + " DS-Lite, so no port forward can work. Ask your ISP for a real public IPv4 address"
        + " (asking nicely often works), or use Nabu Casa Cloud.";
  }

  static String portClosed(
      TargetObservation t, String address, String detail, boolean outsideKnown) {
    String internal =
        t.internalWorks() == null
            ? ""
            : t.internalWorks()
                ? " Home Assistant itself answers at its internal URL, so the way in is missing."
                : " Home Assistant does not answer at its internal URL either: check it runs.";
    String hint =
        outsideKnown
            ? ""
            : t.external().state() == ExternalView.State.DISAGREE
                ? " Your peers outside disagree (some get through, some do not): if the forward"
                    + " exists, your router may lack hairpin NAT (NAT loopback)."
                : " If the forward exists, your router may lack hairpin NAT (NAT loopback): a peer"
                    + " outside your home tells the two apart.";
    return "Nothing answers on "
        + hostPort(address, t.port())
        + "/TCP"
        + (detail == null ? "" : " (" + detail + ")")
        + ". Create a port forward of TCP "
        + t.port()
        + " on your router's public interface to TCP 8123 on Home Assistant's internal IP, and"
        + " check that Home Assistant is running."
        + internal
        + hint;
  }

  static String portClosedOutside(TargetObservation t) {
    return "Your peers outside the home cannot reach "
        + t.url()
        + ". Create a port forward of TCP "
        + t.port()
        + " on your router's public interface to TCP 8123 on Home Assistant's internal IP.";
  }

  static String hairpin(TargetObservation t, String address) {
    return "Home Assistant is reachable from outside, but from inside your home "
        + t.host()
        + " ("
        + hostPort(address, t.port())
        + ") does not answer: your router lacks hairpin NAT (NAT loopback / NAT reflection)."
        + " Enable it on the router, or set up split-brain DNS: an AdGuard Home DNS rewrite of "
        + t.host()
        + " to Home Assistant's internal IP, with AdGuard as the DNS server your router hands out.";
  }

  static String notHomeAssistant(TargetObservation t, String address, String detail) {
    return "Something that is not Home Assistant answers on "
        + hostPort(address, t.port())
        + (detail == null ? "" : " (" + detail + ")")
        + ", e.g. your router's own admin page. Point the port forward of TCP "
        + t.port()
        + " at Home Assistant's internal IP; if the router answers its own public address from"
        + " inside, it lacks hairpin NAT: use split-brain DNS (AdGuard Home DNS rewrites).";
  }

  static String tlsError(TargetObservation t, String address, String detail) {
    return "The TLS handshake with "
        + hostPort(address, t.port())
        + " fails"
        + (detail == null ? "" : " (" + detail + ")")
        + ". Secure Home Assistant with a Let's Encrypt certificate (DuckDNS add-on or Let's"
        + " Encrypt add-on) and set ssl_certificate and ssl_key in the http: section, or fix the"
        + " TLS settings of your reverse proxy.";
  }

  static String certExpired(TargetObservation t, String detail) {
    return "The certificate served for "
        + t.host()
        + " has expired"
        + (detail == null ? "" : " (" + detail + ")")
        + ". Renew the Let's Encrypt certificate (the DuckDNS add-on or Let's Encrypt add-on"
        + " renews it while it runs), then restart Home Assistant or reload the proxy so the new"
        + " certificate is served.";
  }

  static String certNameMismatch(TargetObservation t, String detail) {
    return "The certificate served does not cover "
        + t.host()
        + (detail == null ? "" : " (" + detail + ")")
        + ". Get a Let's Encrypt certificate for "
        + t.host()
        + " (DuckDNS add-on or Let's Encrypt add-on) and use https://"
        + t.host()
        + ":"
        + t.port()
        + " both at home and outside: with split-brain DNS the name stays the same.";
  }

  static String certUntrusted(TargetObservation t, String detail) {
    return "The certificate chain for "
        + t.host()
        + " does not verify"
        + (detail == null ? "" : " (" + detail + ")")
        + ": self-signed, or an intermediate is missing. Use a Let's Encrypt certificate from"
        + " the DuckDNS or Let's Encrypt add-on and serve fullchain.pem, not cert.pem.";
  }

  static String proxyUntrusted() {
    return "Home Assistant answers 400 Bad Request: it rejects the forwarded request of your"
        + " reverse proxy. In configuration.yaml, under http:, set use_x_forwarded_for: true and"
        + " list the proxy's address under trusted_proxies (e.g. 127.0.0.1 and ::1, or the"
        + " Docker subnet), then restart Home Assistant.";
  }

  static String ipBanned(TargetObservation t, String address) {
    return "Home Assistant answers 403 Forbidden to every request from here: it has banned the"
        + " address it sees for this check after failed logins (http: ip_ban_enabled with"
        + " login_attempts_threshold). Through hairpin NAT or a proxy that is not in"
        + " trusted_proxies, every client in the home shares that one address, so one mistyped"
        + " password locks everyone out of "
        + t.url()
        + (address == null ? "" : " (tried on " + address + ")")
        + ". Remove the address from ip_bans.yaml in the configuration directory and restart Home"
        + " Assistant; split-brain DNS lets home clients keep their own addresses.";
  }

  static String websocketFailed(String detail) {
    return "HTTP works, but the WebSocket at /api/websocket does not"
        + (detail == null ? "" : " (" + detail + ")")
        + "; the app and the frontend need it. Enable websockets support in your reverse proxy"
        + " (nginx: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade;"
        + " proxy_set_header Connection \"upgrade\").";
  }

  static String ipv6PortMismatch(TargetObservation t, Verdict v6) {
    return "IPv4 works, but the same URL over IPv6 does not ("
        + v6.code().code()
        + "). Keep the same port 8123 on both families: the AAAA record should point directly at"
        + " your Home Assistant host's IPv6 address with port "
        + t.port()
        + " open in the router's IPv6 firewall; a port forward from 443 exists only on IPv4.";
  }

  static String plainHttpExposed(String address) {
    return "Warning: unencrypted Home Assistant answers over plain http on the public address "
        + (address == null ? "" : address + " ")
        + "(port 8123). Anyone can read that traffic: forward only the TLS port (e.g. TCP 443 to"
        + " the proxy) and do NOT forward port 8123 when a reverse proxy serves https.";
  }

  static String nothingConfigured() {
    return "No targets configured.";
  }

  private static String hostPort(String address, int port) {
    if (address == null) {
      return "port " + port;
    }
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }
}
