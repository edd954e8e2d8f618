package dev.haremote.reachability.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.common.net.IpFamily;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table of observations to verdicts: every code, and the order between conflicting links. */
class DiagnosisTest {
  private static final URI URL = URI.create("https://my-home.duckdns.org:8123");
  private static final String PUBLIC4 = "203.0.113.7";
  private static final String INTERNAL4 = "192.168.1.10";
  private static final String PUBLIC6 = "2001:db8::10";
  private static final Set<VerdictCode> SEEN = EnumSet.noneOf(VerdictCode.class);

  /** A healthy family: same answer inside and outside (hairpin), everything passes. */
  static FamilyObservation good(IpFamily family) {
    String addr = family == IpFamily.IPV4 ? PUBLIC4 : PUBLIC6;
    return FamilyObservation.of(family)
        .internalAddresses(List.of(addr))
        .publicAddresses(List.of(addr))
        .chain(
            new ChainObservation(
                addr,
                true,
                true,
                null,
                TlsObservation.ok(),
                HttpIdentity.HOME_ASSISTANT,
                200,
                null,
                true,
                null,
                null,
                Duration.ofMillis(20),
                null))
        .publicPath(new PublicPathObservation(addr, true, true, null))
        .plainHttp(false, null)
        .ddns(null, false)
        .build();
  }

  static FamilyObservation withChain(FamilyObservation f, UnaryOperator<ChainBuilder> change) {
    ChainBuilder b = change.apply(new ChainBuilder(f.chain()));
    return FamilyObservation.of(f.family())
        .internalAddresses(f.internalAddresses())
        .publicAddresses(f.publicAddresses())
        .dnsDetail(f.dnsDetail())
        .chain(b.build())
        .publicPath(f.publicPath())
        .plainHttp(f.plainHttpExposed(), f.plainHttpAddress())
        .ddns(f.expectedPublicAddress(), f.drift())
        .build();
  }

  /** Mutable copy of a chain for the table. */
  static final class ChainBuilder {
    String address;
    boolean isPublic;
    Boolean tcp;
    TlsObservation tls;
    HttpIdentity http;
    int status;
    String httpDetail;
    Boolean ws;
    HaUrlSettings haUrls;

    ChainBuilder(ChainObservation c) {
      address = c.address();
      isPublic = c.addressIsPublic();
      tcp = c.tcp();
      tls = c.tls();
      http = c.http();
      status = c.httpStatus();
      httpDetail = c.httpDetail();
      ws = c.websocket();
      haUrls = c.haUrls();
    }

    ChainBuilder haUrls(String external, String internal) {
      haUrls = new HaUrlSettings(external, internal);
      return this;
    }

    ChainBuilder tcpFails() {
      tcp = false;
      tls = null;
      http = null;
      ws = null;
      status = 0;
      return this;
    }

    ChainBuilder tls(boolean completed, boolean expired, boolean name, boolean trusted) {
      tls = new TlsObservation(completed, expired, name, trusted, "detail");
      return this;
    }

    ChainBuilder http(HttpIdentity id, int code) {
      http = id;
      status = code;
      return this;
    }

    ChainBuilder ws(boolean ok) {
      ws = ok;
      return this;
    }

    ChainBuilder at(String literal) {
      address = literal;
      return this;
    }

    ChainBuilder internal() {
      address = INTERNAL4;
      isPublic = false;
      return this;
    }

    ChainObservation build() {
      return new ChainObservation(
          address,
          isPublic,
          tcp,
          "refused",
          tls,
          http,
          status,
          httpDetail,
          ws,
          "not_upgraded",
          null,
          Duration.ofMillis(5),
          haUrls);
    }
  }

  static FamilyObservation copy(
      FamilyObservation f,
      List<String> pub,
      PublicPathObservation pp,
      Boolean plain,
      Boolean drift) {
    return FamilyObservation.of(f.family())
        .internalAddresses(f.internalAddresses())
        .publicAddresses(pub)
        .dnsDetail(f.dnsDetail())
        .chain(f.chain())
        .publicPath(pp)
        .plainHttp(plain, plain != null && plain ? PUBLIC4 : null)
        .ddns("198.51.100.1", drift)
        .build();
  }

  static TargetObservation target(
      Boolean cgnat, ExternalView external, FamilyObservation... families) {
    Map<IpFamily, FamilyObservation> m = new LinkedHashMap<>();
    for (FamilyObservation f : families) {
      m.put(f.family(), f);
    }
    return new TargetObservation("home", URL, m, cgnat, external, null);
  }

  static TargetObservation withInternal(TargetObservation t, boolean works) {
    return new TargetObservation(t.id(), t.url(), t.families(), t.cgnat(), t.external(), works);
  }

  static ExternalView peers(Boolean... reachable) {
    List<ExternalView.PeerOutcome> list = new ArrayList<>();
    for (int i = 0; i < reachable.length; i++) {
      Boolean r = reachable[i];
      list.add(
          new ExternalView.PeerOutcome(
              "peer" + i,
              r,
              r == null ? null : (r ? VerdictCode.OK : VerdictCode.PORT_CLOSED),
              r == null ? "timeout" : null));
    }
    return ExternalView.decide(list);
  }

  /** One peer per entry, each answering per family: ipv4 reachable?, ipv6 reachable?. */
  static ExternalView familyPeers(boolean v4, boolean v6, int count) {
    List<ExternalView.PeerOutcome> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(
          new ExternalView.PeerOutcome(
              "peer" + i,
              v4 && v6,
              v4 && v6 ? VerdictCode.OK : VerdictCode.PORT_CLOSED,
              null,
              Map.of(
                  IpFamily.IPV4,
                  new ExternalView.FamilyAnswer(v4, v4 ? VerdictCode.OK : VerdictCode.PORT_CLOSED),
                  IpFamily.IPV6,
                  new ExternalView.FamilyAnswer(
                      v6, v6 ? VerdictCode.OK : VerdictCode.PORT_CLOSED))));
    }
    return ExternalView.decide(list);
  }

  static TargetObservation nat(NatFacts nat, ExternalView external, FamilyObservation... families) {
    Map<IpFamily, FamilyObservation> m = new LinkedHashMap<>();
    for (FamilyObservation f : families) {
      m.put(f.family(), f);
    }
    return new TargetObservation("home", URL, m, nat, external, null);
  }

  /** No address from the public resolvers, for the given reason. */
  static FamilyObservation publicDnsFails(FamilyObservation f, DnsFailure why, String detail) {
    return FamilyObservation.of(f.family())
        .internalAddresses(f.internalAddresses())
        .publicAddresses(List.of())
        .dnsDetail(detail)
        .chain(f.chain())
        .publicPath(f.publicPath())
        .plainHttp(f.plainHttpExposed(), f.plainHttpAddress())
        .ddns(f.expectedPublicAddress(), f.drift())
        .dnsFailures(why, null)
        .build();
  }

  /** The home's resolvers rewrite the name to an internal address where nothing answers. */
  static FamilyObservation staleRewrite(PublicPathObservation publicPath) {
    return FamilyObservation.of(IpFamily.IPV4)
        .internalAddresses(List.of("192.168.1.99"))
        .publicAddresses(List.of(PUBLIC4))
        .chain(new ChainBuilder(V4_CHAIN).internal().tcpFails().at("192.168.1.99").build())
        .publicPath(publicPath)
        .plainHttp(false, null)
        .ddns(null, false)
        .build();
  }

  /** The home's public address per ddns-service in {@link #proxied}. */
  static final String HOME4 = "198.51.100.1";

  /**
   * The name points at {@code published} (a Cloudflare-proxied name, a tunnel, a VPS proxy), not at
   * the home's public address {@link #HOME4}, where nothing answers from inside; the probe from
   * inside on {@code published} is {@code chain} applied to a fully working one.
   */
  static FamilyObservation proxied(String published, UnaryOperator<ChainBuilder> chain) {
    return FamilyObservation.of(IpFamily.IPV4)
        .internalAddresses(List.of(published))
        .publicAddresses(List.of(published))
        .chain(chain.apply(new ChainBuilder(V4_CHAIN).at(published)).build())
        .publicPath(new PublicPathObservation(HOME4, false, null, "refused"))
        .plainHttp(false, null)
        .ddns(HOME4, true)
        .build();
  }

  /** Peers that all failed with the same verdict. */
  static ExternalView peersSee(VerdictCode failure, int count) {
    List<ExternalView.PeerOutcome> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(new ExternalView.PeerOutcome("peer" + i, false, failure, null));
    }
    return ExternalView.decide(list);
  }

  static final ExternalView NONE = ExternalView.none();
  static final FamilyObservation V4 = good(IpFamily.IPV4);
  static final FamilyObservation V6 = good(IpFamily.IPV6);
  static final ChainObservation V4_CHAIN = V4.chain();

  static Stream<Arguments> table() {
    FamilyObservation splitBrain =
        FamilyObservation.of(IpFamily.IPV4)
            .internalAddresses(List.of(INTERNAL4))
            .publicAddresses(List.of(PUBLIC4))
            .chain(withChain(V4, ChainBuilder::internal).chain())
            .publicPath(new PublicPathObservation(PUBLIC4, false, null, "refused"))
            .plainHttp(false, null)
            .ddns(null, false)
            .build();
    return Stream.of(
        row("all good", target(null, NONE, V4, V6), VerdictCode.OK, "Home Assistant answers"),
        row(
            "no A record",
            target(null, NONE, copy(V4, List.of(), null, false, false)),
            VerdictCode.DNS_UNRESOLVED,
            "Dynamic DNS"),
        row("CG-NAT", target(true, NONE, V4), VerdictCode.CGNAT, "Nabu Casa Cloud"),
        row(
            "cgnat beats drift and port_closed",
            target(
                true,
                NONE,
                withChain(copy(V4, List.of(PUBLIC4), null, false, true), ChainBuilder::tcpFails)),
            VerdictCode.CGNAT,
            "carrier-grade NAT"),
        row(
            "drift: the published address serves another site",
            target(
                false,
                NONE,
                withChain(
                    copy(V4, List.of(PUBLIC4), null, false, true),
                    c -> c.tls(true, false, false, true).http(HttpIdentity.OTHER, 200))),
            VerdictCode.DNS_DRIFT,
            "DuckDNS add-on"),
        row(
            "a proxied name (Cloudflare, a VPS proxy) serves Home Assistant: not drift",
            target(false, NONE, proxied("192.0.2.80", c -> c)),
            VerdictCode.OK,
            "answers"),
        row(
            "a tunnel behind CG-NAT serves Home Assistant at the published address: not cgnat",
            target(true, NONE, proxied("192.0.2.80", c -> c)),
            VerdictCode.OK,
            "answers"),
        row(
            "a tunnel behind double NAT serves Home Assistant: not double_nat",
            nat(new NatFacts(null, true, "192.168.178.20"), NONE, proxied("192.0.2.80", c -> c)),
            VerdictCode.OK,
            "answers"),
        row(
            "the name points into 100.64.0.0/10: working from inside proves nothing, cgnat",
            target(true, NONE, proxied("100.64.12.34", c -> c)),
            VerdictCode.CGNAT,
            "carrier-grade NAT"),
        row(
            "the name points at a private address: working from inside proves nothing, drift",
            target(false, NONE, proxied("10.0.0.5", c -> c)),
            VerdictCode.DNS_DRIFT,
            "points at 10.0.0.5"),
        row(
            "a certificate that does not cover the name proves nothing: drift",
            target(false, NONE, proxied("192.0.2.80", c -> c.tls(true, false, false, true))),
            VerdictCode.DNS_DRIFT,
            "DuckDNS add-on"),
        row(
            "no WebSocket at the published address proves nothing: cgnat",
            target(true, NONE, proxied("192.0.2.80", c -> c.ws(false))),
            VerdictCode.CGNAT,
            "Nabu Casa Cloud"),
        row(
            "drift beats port_closed",
            target(
                false,
                NONE,
                withChain(copy(V4, List.of(PUBLIC4), null, false, true), ChainBuilder::tcpFails)),
            VerdictCode.DNS_DRIFT,
            "198.51.100.1"),
        row(
            "port closed, no peers",
            target(null, NONE, withChain(V4, ChainBuilder::tcpFails)),
            VerdictCode.PORT_CLOSED,
            "port forward of TCP 8123"),
        row(
            "port closed while HA answers at its internal URL",
            withInternal(target(null, NONE, withChain(V4, ChainBuilder::tcpFails)), true),
            VerdictCode.PORT_CLOSED,
            "answers at its internal URL"),
        row(
            "port closed and HA down inside too",
            withInternal(target(null, NONE, withChain(V4, ChainBuilder::tcpFails)), false),
            VerdictCode.PORT_CLOSED,
            "check it runs"),
        row(
            "port closed, peers agree it is down",
            target(null, peers(false, false), withChain(V4, ChainBuilder::tcpFails)),
            VerdictCode.PORT_CLOSED,
            "port forward"),
        row(
            "hairpin: peers reach it, inside cannot",
            target(null, peers(true, true, false), withChain(V4, ChainBuilder::tcpFails)),
            VerdictCode.HAIRPIN_UNSUPPORTED,
            "split-brain DNS"),
        row(
            "hairpin advice names AdGuard",
            target(null, peers(true), withChain(V4, ChainBuilder::tcpFails)),
            VerdictCode.HAIRPIN_UNSUPPORTED,
            "AdGuard Home DNS rewrite"),
        row(
            "peers disagree: inside failure is port_closed, not hairpin",
            target(null, peers(true, false), withChain(V4, ChainBuilder::tcpFails)),
            VerdictCode.PORT_CLOSED,
            "peers outside disagree"),
        row(
            "hairpin: peers reach it, from inside the public address is the router's page",
            target(null, peers(true), withChain(V4, c -> c.http(HttpIdentity.OTHER, 200))),
            VerdictCode.HAIRPIN_UNSUPPORTED,
            "router's own admin page"),
        row(
            "hairpin: the router's page with its own certificate from inside, peers reach HA",
            target(
                null,
                familyPeers(true, true, 2),
                withChain(V4, c -> c.tls(true, false, false, false).http(HttpIdentity.OTHER, 200))),
            VerdictCode.HAIRPIN_UNSUPPORTED,
            "split-brain DNS"),
        row(
            "hairpin: peers reach it, from inside the TLS handshake fails",
            target(
                null,
                peers(true),
                withChain(
                    V4,
                    c ->
                        c.tls(false, false, false, false)
                            .http(HttpIdentity.NO_ANSWER, 0)
                            .ws(false))),
            VerdictCode.HAIRPIN_UNSUPPORTED,
            "hairpin NAT"),
        row(
            "hairpin: the peers got in (expired certificate), from inside the router's page",
            target(
                null,
                peersSee(VerdictCode.CERT_EXPIRED, 2),
                withChain(V4, c -> c.http(HttpIdentity.OTHER, 200))),
            VerdictCode.HAIRPIN_UNSUPPORTED,
            "hairpin NAT"),
        row(
            "not Home Assistant from outside too: the forward, not hairpin",
            target(
                null,
                peersSee(VerdictCode.NOT_HOME_ASSISTANT, 2),
                withChain(V4, c -> c.http(HttpIdentity.OTHER, 200))),
            VerdictCode.NOT_HOME_ASSISTANT,
            "Point the port forward of TCP 8123"),
        row(
            "the same TLS failure outside and inside: the server's, not hairpin",
            target(
                null,
                peersSee(VerdictCode.TLS_ERROR, 2),
                withChain(
                    V4,
                    c ->
                        c.tls(false, false, false, false)
                            .http(HttpIdentity.NO_ANSWER, 0)
                            .ws(false))),
            VerdictCode.TLS_ERROR,
            "TLS handshake"),
        row(
            "router page answers",
            target(null, NONE, withChain(V4, c -> c.http(HttpIdentity.OTHER, 200))),
            VerdictCode.NOT_HOME_ASSISTANT,
            "router's own admin page"),
        row(
            "router page with self-signed cert: not HA beats cert_untrusted",
            target(
                null,
                NONE,
                withChain(V4, c -> c.tls(true, false, false, false).http(HttpIdentity.OTHER, 200))),
            VerdictCode.NOT_HOME_ASSISTANT,
            "not Home Assistant"),
        row(
            "no HTTP answer (hanging)",
            target(null, NONE, withChain(V4, c -> c.http(HttpIdentity.NO_ANSWER, 0).ws(false))),
            VerdictCode.NOT_HOME_ASSISTANT,
            "no HTTP answer"),
        row(
            "handshake fails",
            target(
                null,
                NONE,
                withChain(
                    V4, c -> c.tls(false, false, false, false).http(HttpIdentity.NO_ANSWER, 0))),
            VerdictCode.TLS_ERROR,
            "Let's Encrypt"),
        row(
            "expired",
            target(null, NONE, withChain(V4, c -> c.tls(true, true, true, true))),
            VerdictCode.CERT_EXPIRED,
            "Renew"),
        row(
            "expired beats name mismatch and untrusted",
            target(null, NONE, withChain(V4, c -> c.tls(true, true, false, false))),
            VerdictCode.CERT_EXPIRED,
            "expired"),
        row(
            "name mismatch",
            target(null, NONE, withChain(V4, c -> c.tls(true, false, false, true))),
            VerdictCode.CERT_NAME_MISMATCH,
            "does not cover my-home.duckdns.org"),
        row(
            "name mismatch beats untrusted",
            target(null, NONE, withChain(V4, c -> c.tls(true, false, false, false))),
            VerdictCode.CERT_NAME_MISMATCH,
            "Let's Encrypt certificate for"),
        row(
            "untrusted",
            target(null, NONE, withChain(V4, c -> c.tls(true, false, true, false))),
            VerdictCode.CERT_UNTRUSTED,
            "fullchain.pem"),
        row(
            "cert beats proxy",
            target(
                null,
                NONE,
                withChain(
                    V4,
                    c -> c.tls(true, false, true, false).http(HttpIdentity.PROXY_REJECTED, 400))),
            VerdictCode.CERT_UNTRUSTED,
            "self-signed"),
        row(
            "proxy untrusted",
            target(null, NONE, withChain(V4, c -> c.http(HttpIdentity.PROXY_REJECTED, 400))),
            VerdictCode.PROXY_UNTRUSTED,
            "trusted_proxies"),
        row(
            "proxy untrusted beats websocket",
            target(
                null, NONE, withChain(V4, c -> c.http(HttpIdentity.PROXY_REJECTED, 400).ws(false))),
            VerdictCode.PROXY_UNTRUSTED,
            "use_x_forwarded_for: true"),
        row(
            "banned address",
            target(null, NONE, withChain(V4, c -> c.http(HttpIdentity.BANNED, 403).ws(false))),
            VerdictCode.IP_BANNED,
            "ip_bans.yaml"),
        row(
            "certificate beats ban",
            target(
                null,
                NONE,
                withChain(V4, c -> c.tls(true, true, true, true).http(HttpIdentity.BANNED, 403))),
            VerdictCode.CERT_EXPIRED,
            "Renew"),
        row(
            "websocket",
            target(null, NONE, withChain(V4, c -> c.ws(false))),
            VerdictCode.WEBSOCKET_FAILED,
            "websockets support"),
        row(
            "split-brain inside, public path dead, no peers",
            target(null, NONE, splitBrain),
            VerdictCode.PORT_CLOSED,
            "hairpin NAT"),
        row(
            "split-brain inside, peers reach it: split-brain does its job",
            target(null, peers(true), splitBrain),
            VerdictCode.OK,
            "answers"),
        row(
            "split-brain inside, peers cannot reach",
            target(null, peers(false), splitBrain),
            VerdictCode.PORT_CLOSED,
            "peers outside"),
        row(
            "router answers its public address from inside, no peers",
            target(
                null,
                NONE,
                copy(
                    V4,
                    List.of(PUBLIC4),
                    new PublicPathObservation(PUBLIC4, true, false, "router login page"),
                    false,
                    false)),
            VerdictCode.NOT_HOME_ASSISTANT,
            "router login page"),
        row(
            "IPv6 port closed while IPv4 works",
            target(null, NONE, V4, withChain(V6, ChainBuilder::tcpFails)),
            VerdictCode.IPV6_PORT_MISMATCH,
            "same port 8123"),
        row(
            "IPv6 without AAAA beside working IPv4: a warning naming the record",
            target(null, NONE, V4, copy(V6, List.of(), null, false, false)),
            VerdictCode.IPV6_PORT_MISMATCH,
            "has no AAAA record"),
        row(
            "IPv6 AAAA missing (no data at the public resolvers): a warning",
            target(
                null,
                NONE,
                V4,
                publicDnsFails(V6, DnsFailure.NO_DATA, "no data at 1.1.1.1:53; 8.8.8.8:53")),
            VerdictCode.IPV6_PORT_MISMATCH,
            "Add an AAAA record"),
        row(
            "IPv6 public resolvers time out beside working IPv4: a warning",
            target(null, NONE, V4, publicDnsFails(V6, DnsFailure.TIMEOUT, "timeout at 1.1.1.1:53")),
            VerdictCode.IPV6_PORT_MISMATCH,
            "dns_error"),
        row(
            "stale AAAA beside working IPv4: a warning naming the drift",
            target(
                null,
                NONE,
                V4,
                withChain(
                    copy(V6, List.of("2001:db8::99"), null, false, true),
                    c -> c.at("2001:db8::99").tcpFails())),
            VerdictCode.IPV6_PORT_MISMATCH,
            "Dynamic DNS update is not working"),
        row(
            "IPv4 broken wins over IPv6",
            target(
                null, NONE, withChain(V4, c -> c.ws(false)), withChain(V6, ChainBuilder::tcpFails)),
            VerdictCode.WEBSOCKET_FAILED,
            "/api/websocket"),
        row(
            "cgnat with working IPv6 is still cgnat",
            target(true, NONE, V4, V6),
            VerdictCode.CGNAT,
            "ISP"),
        row(
            "cgnat with working IPv6 says IPv6 already works",
            target(true, NONE, V4, V6),
            VerdictCode.CGNAT,
            "IPv6 already works from inside"),
        row(
            "cgnat: peers fail over IPv4, reach over IPv6: IPv6 works from outside",
            target(true, familyPeers(false, true, 2), V4, V6),
            VerdictCode.CGNAT,
            "peers reached Home Assistant over IPv6"),
        row(
            "cgnat inference overruled: peers reach Home Assistant over IPv4",
            target(true, familyPeers(true, true, 2), V4),
            VerdictCode.OK,
            "answers"),
        row(
            "double NAT: router's WAN is private",
            nat(new NatFacts(null, true, "192.168.178.20"), NONE, V4),
            VerdictCode.DOUBLE_NAT,
            "bridge mode"),
        row(
            "double NAT overruled by outside proof",
            nat(new NatFacts(null, true, "192.168.178.20"), familyPeers(true, true, 1), V4),
            VerdictCode.OK,
            "answers"),
        row(
            "drift overruled: the outside reaches Home Assistant at the published address",
            target(
                false, familyPeers(true, true, 1), copy(V4, List.of(PUBLIC4), null, false, true)),
            VerdictCode.OK,
            "answers"),
        row(
            "public resolvers time out: dns_error, not a missing record",
            target(
                null,
                NONE,
                publicDnsFails(
                    V4, DnsFailure.TIMEOUT, "timeout at 1.1.1.1:53; timeout at 8.8.8.8:53")),
            VerdictCode.DNS_ERROR,
            "timeout at 1.1.1.1:53; timeout at 8.8.8.8:53"),
        row(
            "one resolver says NXDOMAIN: the record is missing",
            target(null, NONE, publicDnsFails(V4, DnsFailure.NXDOMAIN, "nxdomain at 1.1.1.1:53")),
            VerdictCode.DNS_UNRESOLVED,
            "Dynamic DNS"),
        row(
            "stale rewrite: the public address works from inside (hairpin)",
            target(null, NONE, staleRewrite(new PublicPathObservation(PUBLIC4, true, true, null))),
            VerdictCode.DNS_REWRITE_STALE,
            "Do not change the router"),
        row(
            "stale rewrite: no hairpin, the peers reach Home Assistant",
            target(
                null,
                familyPeers(true, true, 1),
                staleRewrite(new PublicPathObservation(PUBLIC4, false, null, "refused"))),
            VerdictCode.DNS_REWRITE_STALE,
            "reachable from outside"),
        row(
            "rewrite answer refuses, nothing else known: not a port forward",
            target(
                null,
                NONE,
                staleRewrite(new PublicPathObservation(PUBLIC4, false, null, "refused"))),
            VerdictCode.PORT_CLOSED,
            "A port forward on the router does not help"),
        row(
            "both ways broken: the missing forward comes before the certificate",
            target(
                null,
                peersSee(VerdictCode.PORT_CLOSED, 2),
                withChain(V4, c -> c.internal().tls(true, true, true, true))),
            VerdictCode.PORT_CLOSED,
            "port forward"),
        row(
            "the forward points at another host, no hairpin: the outside's finding wins",
            target(
                null,
                peersSee(VerdictCode.NOT_HOME_ASSISTANT, 1),
                withChain(V4, ChainBuilder::tcpFails)),
            VerdictCode.NOT_HOME_ASSISTANT,
            "point the port forward"),
        row(
            "both ways broken: hairpin comes before the certificate the peers see",
            target(
                null, peersSee(VerdictCode.CERT_EXPIRED, 2), withChain(V4, ChainBuilder::tcpFails)),
            VerdictCode.HAIRPIN_UNSUPPORTED,
            "hairpin NAT"),
        row(
            "peers that got in (and saw an expired certificate) overrule the CG-NAT inference",
            target(
                true,
                peersSee(VerdictCode.CERT_EXPIRED, 2),
                withChain(V4, c -> c.tls(true, true, true, true))),
            VerdictCode.CERT_EXPIRED,
            "Renew"),
        row(
            "Home Assistant has no External URL",
            target(null, NONE, withChain(V4, c -> c.haUrls(null, null))),
            VerdictCode.HA_EXTERNAL_URL_MISSING,
            "Settings > System > Network, set External URL to https://my-home.duckdns.org:8123"),
        row(
            "External URL over http where https works",
            target(
                null, NONE, withChain(V4, c -> c.haUrls("http://my-home.duckdns.org:8123", null))),
            VerdictCode.HA_EXTERNAL_URL_WRONG,
            "it uses http:// where https:// works"),
        row(
            "External URL without the port that works",
            target(null, NONE, withChain(V4, c -> c.haUrls("https://my-home.duckdns.org", null))),
            VerdictCode.HA_EXTERNAL_URL_WRONG,
            "port 443 where port 8123 works"),
        row(
            "External URL with an old name",
            target(
                null,
                NONE,
                withChain(V4, c -> c.haUrls("https://old-home.duckdns.org:8123/", null))),
            VerdictCode.HA_EXTERNAL_URL_WRONG,
            "names old-home.duckdns.org"),
        row(
            "Internal URL is the public name, which works only through hairpin",
            target(
                null,
                NONE,
                withChain(
                    V4,
                    c ->
                        c.haUrls(
                            "https://my-home.duckdns.org:8123",
                            "https://my-home.duckdns.org:8123"))),
            VerdictCode.HA_INTERNAL_URL_NEEDS_HAIRPIN,
            "split-brain DNS"),
        row(
            "URL settings that fit the working way",
            target(
                null,
                NONE,
                withChain(
                    V4,
                    c -> c.haUrls("https://my-home.duckdns.org:8123", "http://192.168.1.10:8123"))),
            VerdictCode.OK,
            "answers"),
        row(
            "a broken way beats the URL settings",
            target(null, NONE, withChain(V4, c -> c.haUrls(null, null).ws(false))),
            VerdictCode.WEBSOCKET_FAILED,
            "websockets"),
        row(
            "plain http exposed",
            target(null, NONE, copy(V4, List.of(PUBLIC4), V4.publicPath(), true, false)),
            VerdictCode.PLAIN_HTTP_EXPOSED,
            "do NOT forward port 8123"),
        row(
            "an error beats the plain http warning",
            target(
                null,
                NONE,
                withChain(
                    copy(V4, List.of(PUBLIC4), V4.publicPath(), true, false), c -> c.ws(false))),
            VerdictCode.WEBSOCKET_FAILED,
            "websockets"),
        row(
            "IPv6-only target, no IPv6 route from here",
            target(null, NONE, V6.withoutRouteFromHere("network unreachable")),
            VerdictCode.NO_ROUTE_FROM_HERE,
            "This is not a fault of your home"),
        row(
            "IPv6 error beats IPv4 warning",
            target(
                null,
                NONE,
                copy(V4, List.of(PUBLIC4), V4.publicPath(), true, false),
                withChain(V6, ChainBuilder::tcpFails)),
            VerdictCode.IPV6_PORT_MISMATCH,
            "IPv6"));
  }

  static Arguments row(String name, TargetObservation t, VerdictCode code, String adviceHas) {
    return Arguments.of(name, t, code, adviceHas);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void diagnoses(String name, TargetObservation t, VerdictCode expected, String adviceHas) {
    Verdict v = Diagnosis.diagnose(t);
    assertThat(v.code()).as(name).isEqualTo(expected);
    assertThat(v.advice()).as(name).contains(adviceHas);
    assertThat(Diagnosis.diagnose(t)).as("deterministic").isEqualTo(v);
    SEEN.add(v.code());
  }

  @AfterAll
  static void everyCodeIsInTheTable() {
    assertThat(SEEN).containsExactlyInAnyOrder(VerdictCode.values());
  }

  @Test
  void overallPicksFirstErrorThenWarning() {
    Verdict ok = new Verdict(VerdictCode.OK, "fine", null);
    Verdict warn = new Verdict(VerdictCode.PLAIN_HTTP_EXPOSED, "warn", IpFamily.IPV4);
    Verdict err = new Verdict(VerdictCode.PORT_CLOSED, "closed", IpFamily.IPV4);
    assertThat(Diagnosis.overall(List.of())).isNull();
    assertThat(
            Diagnosis.overall(
                    List.of(
                        new Diagnosis.TargetVerdict("a", ok),
                        new Diagnosis.TargetVerdict("b", warn),
                        new Diagnosis.TargetVerdict("c", err)))
                .advice())
        .isEqualTo("c: closed");
    assertThat(
            Diagnosis.overall(
                    List.of(
                        new Diagnosis.TargetVerdict("a", ok),
                        new Diagnosis.TargetVerdict("b", warn)))
                .code())
        .isEqualTo(VerdictCode.PLAIN_HTTP_EXPOSED);
    assertThat(Diagnosis.overall(List.of(new Diagnosis.TargetVerdict("a", ok))).code())
        .isEqualTo(VerdictCode.OK);
  }

  @Test
  void proofOverrulesInferenceAndSaysSo() {
    TargetObservation t = target(true, familyPeers(true, true, 2), V4);
    Verdict v = Diagnosis.diagnose(t);
    assertThat(v.code()).isEqualTo(VerdictCode.OK);
    assertThat(v.evidence())
        .extracting(Evidence::source, Evidence::weight)
        .contains(
            org.assertj.core.groups.Tuple.tuple("outside", Evidence.Weight.PROOF),
            org.assertj.core.groups.Tuple.tuple("ddns", Evidence.Weight.OVERRULED));
    Verdict cgnat = Diagnosis.diagnose(target(true, NONE, V4));
    assertThat(cgnat.evidence())
        .extracting(Evidence::source, Evidence::weight)
        .contains(org.assertj.core.groups.Tuple.tuple("ddns", Evidence.Weight.INFERENCE));
  }

  @Test
  void aProxyOrTunnelIsProofAndSaysWhy() {
    Verdict v = Diagnosis.diagnose(target(true, NONE, proxied("192.0.2.80", c -> c)));
    assertThat(v.code()).isEqualTo(VerdictCode.OK);
    assertThat(v.evidence())
        .contains(
            Evidence.proof(
                "chain",
                "the name points at 192.0.2.80, not the home's address 198.51.100.1, and"
                    + " 192.0.2.80 serves this Home Assistant (TLS valid for the name, WebSocket"
                    + " ok): a proxy or tunnel"))
        .extracting(Evidence::source, Evidence::weight)
        .contains(org.assertj.core.groups.Tuple.tuple("ddns", Evidence.Weight.OVERRULED))
        .doesNotContain(org.assertj.core.groups.Tuple.tuple("ddns", Evidence.Weight.INFERENCE));
  }

  @Test
  void aSecondFamilyWithoutItsRecordLeavesTheTargetReachable() {
    TargetObservation t = target(null, NONE, V4, copy(V6, List.of(), null, false, false));
    Verdict v = Diagnosis.diagnose(t);
    assertThat(v.reachable()).isTrue();
    assertThat(v.family()).isEqualTo(IpFamily.IPV6);
    assertThat(Diagnosis.diagnoseFamilyOf(t, IpFamily.IPV6).code())
        .as("the family keeps its own cause")
        .isEqualTo(VerdictCode.DNS_UNRESOLVED);
    assertThat(Diagnosis.diagnoseFamilyOf(t, IpFamily.IPV4).code()).isEqualTo(VerdictCode.OK);
  }

  @Test
  void aRouterPageFromInsideWhileTheOutsideGetsInIsHairpinAndSaysWhy() {
    Verdict v =
        Diagnosis.diagnose(
            target(null, peers(true), withChain(V4, c -> c.http(HttpIdentity.OTHER, 200))));
    assertThat(v.code()).isEqualTo(VerdictCode.HAIRPIN_UNSUPPORTED);
    assertThat(v.evidence())
        .contains(
            Evidence.proof(
                "hairpin",
                "from inside the public address 203.0.113.7 leads to something else than Home"
                    + " Assistant (not_home_assistant), while the outside got in: the router"
                    + " answers it itself"));
    assertThat(v.advice())
        .startsWith(
            "Home Assistant is reachable from outside, but from inside your home"
                + " my-home.duckdns.org (203.0.113.7:8123) leads to something else than Home"
                + " Assistant (not_home_assistant, e.g. the router's own admin page): your router"
                + " lacks hairpin NAT");
  }

  @Test
  void theOutsideIsKeptPerFamily() {
    // CG-NAT: the peers fail over IPv4 and reach Home Assistant over IPv6.
    TargetObservation t = target(true, familyPeers(false, true, 2), V4, V6);
    assertThat(Diagnosis.diagnoseFamilyOf(t, IpFamily.IPV4).code()).isEqualTo(VerdictCode.CGNAT);
    assertThat(Diagnosis.diagnoseFamilyOf(t, IpFamily.IPV6).code()).isEqualTo(VerdictCode.OK);
    // An older peer that answers only for the whole target still counts for each family.
    TargetObservation old = target(null, peers(false, false), V4, V6);
    assertThat(Diagnosis.diagnoseFamilyOf(old, IpFamily.IPV6).code())
        .isEqualTo(VerdictCode.PORT_CLOSED);
  }

  @Test
  void peersNeedAMajorityOfTheConfigured() {
    assertThat(peers().state()).isEqualTo(ExternalView.State.NONE);
    assertThat(peers(true).state()).isEqualTo(ExternalView.State.REACHABLE);
    assertThat(peers(true, false).state()).isEqualTo(ExternalView.State.DISAGREE);
    assertThat(peers(true, true, false).state()).isEqualTo(ExternalView.State.REACHABLE);
    assertThat(peers(false, false, true).state()).isEqualTo(ExternalView.State.UNREACHABLE);
    assertThat(peers(true, null, null).state()).isEqualTo(ExternalView.State.UNKNOWN);
    assertThat(peers((Boolean) null).state()).isEqualTo(ExternalView.State.UNKNOWN);
    assertThat(Arrays.asList(VerdictCode.values())).allMatch(c -> VerdictCode.parse(c.code()) == c);
  }
}
