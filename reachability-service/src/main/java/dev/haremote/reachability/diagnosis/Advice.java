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

  static String dnsUnresolved(TargetObservation t, FamilyObservation f, boolean inside) {
    String record = f.family() == IpFamily.IPV6 ? "AAAA" : "A";
    String detail = f.dnsDetail() == null ? "" : " (" + f.dnsDetail() + ")";
    if (inside) {
      return "The resolvers inside your home have no "
          + record
          + " record for "
          + t.host()
          + detail
          + ", although the public ones do. Check the DNS rewrite for "
          + t.host()
          + " in AdGuard Home (or your router's DNS): it must answer Home Assistant's internal IP,"
          + " or be removed so the public answer is used.";
    }
    String fix =
        f.family() == IpFamily.IPV6
            ? " Add an AAAA record pointing directly at your Home Assistant host's IPv6 address,"
                + " or remove ipv6 from the target's families."
            : " Give your home a Dynamic DNS name (e.g. the DuckDNS add-on, or your router's"
                + " DDNS client) that is kept updated with your router's public address.";
    return "The public name " + t.host() + " has no " + record + " record" + detail + "." + fix;
  }

  static String dnsError(
      TargetObservation t, FamilyObservation f, DnsFailure failure, boolean inside) {
    String who = inside ? "The resolvers inside your home" : "The public resolvers";
    return who
        + " did not answer for "
        + t.host()
        + " ("
        + (f.dnsDetail() == null ? failure.key() : f.dnsDetail())
        + "), so nothing is known about its record: this is not a missing record. "
        + (inside
            ? "Check that the home's DNS server (AdGuard Home, the router) is running and can reach"
                + " its upstream servers."
            : "Check the home's internet connection, and that the configured public resolvers"
                + " (reachability.resolvers.public) are reachable from where this service runs.");
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

  static String nothingAtRewrite(TargetObservation t, String address, String detail) {
    return "Nothing answers on "
        + hostPort(address, t.port())
        + "/TCP"
        + (detail == null ? "" : " (" + detail + ")")
        + ", the address your home's DNS gives for "
        + t.host()
        + " (a DNS rewrite: the public resolvers answer another). Check that Home Assistant runs"
        + " there and serves port "
        + t.port()
        + "; if it moved, update the DNS rewrite (AdGuard Home: Settings > DNS settings > DNS"
        + " rewrites) to its current internal IP. A port forward on the router does not help"
        + " here.";
  }

  static String rewriteStale(TargetObservation t, String rewritten, String publicWorks) {
    return "Your home's DNS answers "
        + rewritten
        + " for "
        + t.host()
        + ", but Home Assistant does not answer on "
        + hostPort(rewritten, t.port())
        + ", while "
        + (publicWorks == null
            ? "it is reachable from outside on the public address"
            : "the public address " + hostPort(publicWorks, t.port()) + " works")
        + ". The split-brain DNS rewrite is stale or wrong: fix the rewrite (AdGuard Home:"
        + " Settings > DNS settings > DNS rewrites) to Home Assistant's current internal IP, and"
        + " serve the same port there as the router forwards. Do not change the router.";
  }

  static String doubleNat(TargetObservation t, String routerWan) {
    return "Your router's WAN address"
        + (routerWan == null ? "" : " (" + routerWan + ")")
        + " is a private address: another router, usually the ISP's modem-router, does NAT in"
        + " front of it, so a port forward on your router alone cannot work. Either put the modem"
        + " in bridge mode (or make your router its exposed host / DMZ), or forward TCP "
        + t.port()
        + " on both devices: modem to your router, router to Home Assistant.";
  }

  static String ipv6AlreadyWorks(TargetObservation t, boolean fromOutside) {
    return "IPv6 already works"
        + (fromOutside
            ? " from outside (your peers reached Home Assistant over IPv6)"
            : " from inside your home")
        + ": phones on networks with IPv6 reach "
        + t.url()
        + " today. Keep the AAAA record current and port "
        + t.port()
        + " open in the router's IPv6 firewall: that is the guide's remedy for CG-NAT.";
  }

  static String outsideDiffers(TargetObservation t, VerdictCode peersSay, VerdictCode inside) {
    String what =
        peersSay == VerdictCode.NOT_HOME_ASSISTANT
            ? " Something else than Home Assistant answers on the public address: point the port"
                + " forward of TCP "
                + t.port()
                + " at Home Assistant's internal IP (or its proxy)."
            : " The public path (port forward, proxy or certificate served to the internet)"
                + " differs from the inside one.";
    return "Your peers outside the home see "
        + peersSay.code()
        + " for "
        + t.url()
        + (inside == null
            ? " while it works from inside."
            : "; from inside the first broken link is "
                + inside.code()
                + ", later on the way: fix the way in first.")
        + what;
  }

  static String haExternalUrlMissing(TargetObservation t) {
    return "Home Assistant has no External URL, so the companion app cannot learn the address that"
        + " works from outside. In Home Assistant, Settings > System > Network, set External URL"
        + " to "
        + t.url()
        + ".";
  }

  static String haExternalUrlWrong(TargetObservation t, String configured, String difference) {
    return "Home Assistant's External URL is "
        + configured
        + ", but "
        + difference
        + ": the companion app takes the address it uses from it. In Home Assistant, Settings >"
        + " System > Network, set External URL to "
        + t.url()
        + " (after a move behind a proxy on 443, also remove the router's forward of 8123).";
  }

  static String haInternalUrlNeedsHairpin(TargetObservation t, String configured) {
    return "Home Assistant's Internal URL is "
        + configured
        + ", the public name: at home it leads to the router's public address and works only"
        + " through hairpin NAT (and not at all while the internet is down). Set up split-brain DNS"
        + " (an AdGuard Home DNS rewrite of "
        + t.host()
        + " to Home Assistant's internal IP), or set Internal URL (Settings > System > Network) to"
        + " Home Assistant's LAN address, e.g. http://<internal IP>:8123.";
  }

  static String portClosedOutside(TargetObservation t) {
    return "Your peers outside the home cannot reach "
        + t.url()
        + ". Create a port forward of TCP "
        + t.port()
        + " on your router's public interface to TCP 8123 on Home Assistant's internal IP.";
  }

  /**
   * @param seenFromInside what the public address does from inside: "does not answer", or leads to
   *     something else
   */
  static String hairpin(TargetObservation t, String address, String seenFromInside) {
    return "Home Assistant is reachable from outside, but from inside your home "
        + t.host()
        + " ("
        + hostPort(address, t.port())
        + ") "
        + seenFromInside
        + ": your router lacks hairpin NAT (NAT loopback / NAT reflection)."
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
    VerdictCode.Link link = v6.code().link();
    if (link == VerdictCode.Link.PUBLIC_NAME
        || link == VerdictCode.Link.RECORD
        || v6.code() == VerdictCode.DNS_REWRITE_STALE) {
      // The name is what fails over IPv6: its own advice says what to fix.
      return "IPv4 works, but over IPv6 the name does not lead to Home Assistant ("
          + v6.code().code()
          + "); clients fall back to IPv4 meanwhile. "
          + v6.advice();
    }
    return "IPv4 works, but the same URL over IPv6 does not ("
        + v6.code().code()
        + "). Keep the same port 8123 on both families: the AAAA record should point directly at"
        + " your Home Assistant host's IPv6 address with port "
        + t.port()
        + " open in the router's IPv6 firewall; a port forward from 443 exists only on IPv4.";
  }

  static String noRouteFromHere(TargetObservation t, IpFamily family, String why) {
    String name = family == IpFamily.IPV6 ? "IPv6" : "IPv4";
    return name
        + " cannot be checked from where reachability-service runs: it has no "
        + name
        + " route ("
        + why
        + "), so it never tried "
        + t.url()
        + " over "
        + name
        + ". This is not a fault of your home. Run reachability-service where the home's "
        + name
        + " is: in Kubernetes on the node's network (reachability.hostNetwork: true in the"
        + " chart) or in a dual-stack k3s cluster (docs/deploy.md, \"Network\"); in Docker with"
        + " network_mode: host.";
  }

  static String plainHttpExposed(String address) {
    return "Warning: unencrypted Home Assistant answers over plain http on the public address "
        + (address == null ? "" : address + " ")
        + "(port 8123). Anyone can read that traffic: forward only the TLS port (e.g. TCP 443 to"
        + " the proxy) and do NOT forward port 8123 when a reverse proxy serves https.";
  }

  private static String hostPort(String address, int port) {
    if (address == null) {
      return "port " + port;
    }
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }
}
