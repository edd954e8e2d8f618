package dev.haremote.ddns.update;

import dev.haremote.common.dns.DnsServer;
import dev.haremote.common.net.IpFamily;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.spec.SecretKeySpec;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * RFC 2136 dynamic update signed with TSIG, over TCP. {@code replace} deletes only the RRset of
 * this name and type, then adds the new address: other names and types are never touched. dnsjava
 * does not fail on an unsigned or badly signed answer, so NOERROR <em>and</em> a verified TSIG are
 * required here. A BADTIME answer means this host's clock is off: it is {@link
 * UpdateResult#CLOCK_SKEW} with the skew measured from the server's time in the answer, never a
 * rejected key. NOTAUTH is a rejected key only with a TSIG error (BADSIG, BADKEY); without one the
 * server is not authoritative for the zone (RFC 2136 2.2): a wrong server or zone name, never a
 * wrong secret.
 */
public final class Rfc2136Provider implements DdnsProvider {
  private final DnsServer server;
  private final String zone;
  private final String keyName;
  private final TsigAlgorithm algorithm;
  private final Supplier<String> base64Secret;
  private final long ttl;
  private final Duration timeout;
  private final Clock clock;

  public Rfc2136Provider(
      DnsServer server,
      String zone,
      String keyName,
      TsigAlgorithm algorithm,
      String base64Secret,
      long ttl,
      Duration timeout) {
    this(server, zone, keyName, algorithm, () -> base64Secret, ttl, timeout, Clock.systemUTC());
  }

  /**
   * @param base64Secret read at every update, so a corrected secret file is used without a restart
   * @param clock signs the request's time (tests shift it to stand for a host clock that is off)
   */
  public Rfc2136Provider(
      DnsServer server,
      String zone,
      String keyName,
      TsigAlgorithm algorithm,
      Supplier<String> base64Secret,
      long ttl,
      Duration timeout,
      Clock clock) {
    this.server = server;
    this.zone = zone;
    this.keyName = keyName;
    this.algorithm = algorithm;
    this.base64Secret = base64Secret;
    this.ttl = ttl;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public UpdateOutcome update(UpdateRequest request) {
    Name algorithmName = algorithm.dnsName();
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(base64Secret.get().trim());
    } catch (IllegalArgumentException e) {
      return UpdateOutcome.of(UpdateResult.FATAL, "rfc2136: the TSIG secret is not base64");
    }
    Message response;
    try {
      Name zoneName = Name.fromString(absolute(zone));
      Name name = Name.fromString(absolute(request.name()));
      Update update = new Update(zoneName);
      int type = request.family() == IpFamily.IPV4 ? Type.A : Type.AAAA;
      update.replace(name, type, ttl, request.address());
      // The algorithm is always passed: without it dnsjava would fall back to HMAC-MD5.
      TSIG tsig =
          new TSIG(
              algorithmName,
              Name.fromString(absolute(keyName)),
              new SecretKeySpec(secret, TSIG.nameToAlgorithm(algorithmName)),
              clock);
      SimpleResolver resolver =
          new SimpleResolver(new InetSocketAddress(server.host(), server.port()));
      resolver.setTCP(true);
      resolver.setTSIGKey(tsig);
      resolver.setTimeout(timeout);
      response = resolver.send(update);
    } catch (TextParseException e) {
      return UpdateOutcome.of(UpdateResult.FATAL, "rfc2136: invalid name or address");
    } catch (IOException e) {
      String why = e instanceof java.net.SocketTimeoutException ? "timeout" : "no answer";
      return UpdateOutcome.of(UpdateResult.FAILED, "rfc2136: " + why + " from " + server);
    } catch (RuntimeException e) {
      // dnsjava parses the untrusted answer; a crafted one must not end the round.
      return UpdateOutcome.of(UpdateResult.FAILED, "rfc2136: malformed answer from " + server);
    }
    return interpret(response);
  }

  private UpdateOutcome interpret(Message response) {
    int rcode = response.getRcode();
    TSIGRecord tsig = response.getTSIG();
    int tsigError = tsig == null ? Rcode.NOERROR : tsig.getError();
    if (tsigError == Rcode.BADTIME) {
      Duration skew = skew(tsig);
      return new UpdateOutcome(
          UpdateResult.CLOCK_SKEW,
          "rfc2136: the server refused the request's time (BADTIME): this host's clock is "
              + ClockSkew.describe(skew)
              + "; the key itself was not judged",
          null,
          skew);
    }
    if (tsigError != Rcode.NOERROR) {
      // BADSIG, BADKEY (and BADTRUNC...) in the TSIG record: the key is what the server refused.
      return UpdateOutcome.of(
          UpdateResult.FATAL,
          "rfc2136: the server rejected the TSIG key (" + Rcode.TSIGstring(tsigError) + ")");
    }
    if (rcode == Rcode.NOTAUTH) {
      // Without a TSIG error NOTAUTH is RFC 2136 2.2's "not authoritative for the zone".
      return UpdateOutcome.fatalNotTheSecret(
          "rfc2136: NOTAUTH: "
              + server
              + " is not authoritative for the zone "
              + absolute(zone)
              + " (RFC 2136 2.2; the TSIG key was not refused). Check the zone name, and send"
              + " updates to the zone's primary server (the MNAME of its SOA record)");
    }
    if (rcode == Rcode.REFUSED) {
      return UpdateOutcome.of(UpdateResult.FATAL, "rfc2136: update REFUSED by the server");
    }
    if (rcode == Rcode.NOTZONE) {
      return UpdateOutcome.of(UpdateResult.FATAL, "rfc2136: NOTZONE (wrong zone)");
    }
    if (rcode != Rcode.NOERROR) {
      return UpdateOutcome.of(UpdateResult.FAILED, "rfc2136: " + Rcode.string(rcode));
    }
    if (tsig == null || !response.isVerified()) {
      return UpdateOutcome.of(
          UpdateResult.FAILED,
          "rfc2136: NOERROR but the answer's TSIG "
              + (tsig == null ? "is missing" : "does not verify")
              + "; not trusted");
    }
    return UpdateOutcome.of(UpdateResult.SUCCESS, "rfc2136: NOERROR, answer verified");
  }

  /**
   * This host's clock minus the server's: a BADTIME answer carries the server's time in its other
   * data (RFC 8945 5.2.3, 48-bit seconds) and the request's time in its time signed.
   */
  private Duration skew(TSIGRecord tsig) {
    byte[] other = tsig.getOther();
    if (other == null || other.length != 6) {
      return null; // the server did not say its time
    }
    long serverSeconds = 0;
    for (byte b : other) {
      serverSeconds = serverSeconds << 8 | (b & 0xff);
    }
    Instant ours = tsig.getTimeSigned() != null ? tsig.getTimeSigned() : clock.instant();
    return Duration.between(Instant.ofEpochSecond(serverSeconds), ours);
  }

  private static String absolute(String name) {
    return name.endsWith(".") ? name : name + ".";
  }
}
