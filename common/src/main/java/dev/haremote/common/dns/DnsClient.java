package dev.haremote.common.dns;

import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.IpLiterals;
import dev.haremote.common.net.SocketWatchdog;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks one given server one question, with dnsjava, without any cache. Class IN, or CH for {@code
 * whoami.cloudflare}-style TXT questions. One hard deadline; a truncated UDP answer is asked again
 * over TCP; answers are checked for owner, type and class; anything malformed or hostile becomes a
 * {@link DnsAnswer} with a reason, never an exception.
 *
 * <p>dnsjava builds and parses the messages (random IDs come from its {@code Header}); the sockets
 * are our own so that one deadline bounds UDP, the TCP retry and the server name lookup, and so
 * that the OS picks a fresh random source port for every question.
 *
 * <p>The UDP socket is connected to the server, so only the server's datagrams reach us: an answer
 * with another ID or another question is reported as {@link DnsStatus#MALFORMED} at once rather
 * than waited past.
 */
public class DnsClient {
  /** EDNS0 payload size recommended by DNS Flag Day 2020: avoids fragmentation. */
  private static final int EDNS_UDP_PAYLOAD = 1232;

  private static final int MAX_CNAME_HOPS = 8;

  private final SystemResolver systemResolver = new SystemResolver();

  /** Question of class IN. */
  public DnsAnswer query(DnsServer server, String name, DnsRecordType type, Duration timeout) {
    return ask(server, name, type, DClass.IN, timeout);
  }

  /** Question of class CH (CHAOS), e.g. TXT {@code whoami.cloudflare}. */
  public DnsAnswer queryChaos(DnsServer server, String name, DnsRecordType type, Duration timeout) {
    return ask(server, name, type, DClass.CH, timeout);
  }

  private DnsAnswer ask(
      DnsServer server, String name, DnsRecordType type, int dclass, Duration timeout) {
    long start = System.nanoTime();
    Deadline deadline = Deadline.in(timeout);
    Outcome outcome;
    try {
      outcome = exchange(server, name, type, dclass, deadline);
    } catch (RuntimeException e) {
      // A bug of ours or of the parser on hostile input; still a value, never a crash of a round.
      outcome = Outcome.failed(DnsStatus.MALFORMED, "could not process the answer", false);
    }
    return new DnsAnswer(
        server,
        name,
        type,
        outcome.status,
        outcome.authoritative,
        outcome.records,
        outcome.reason,
        Duration.ofNanos(System.nanoTime() - start),
        outcome.overTcp);
  }

  private Outcome exchange(
      DnsServer server, String name, DnsRecordType type, int dclass, Deadline deadline) {
    Name qname;
    try {
      qname = Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException | RuntimeException e) {
      return Outcome.failed(DnsStatus.ERROR, "'" + name + "' is not a valid DNS name", false);
    }
    int qtype = Type.value(type.name());
    InetSocketAddress target;
    var literal = IpLiterals.parse(server.host());
    if (literal.isPresent()) {
      target = new InetSocketAddress(literal.get(), server.port());
    } else {
      SystemResolver.Resolution r = systemResolver.resolveAny(server.host(), deadline.remaining());
      if (r.addresses().isEmpty()) {
        return Outcome.failed(
            "timeout".equals(r.reason()) ? DnsStatus.TIMEOUT : DnsStatus.NETWORK_ERROR,
            "cannot resolve the server name " + server.host() + " (" + r.reason() + ")",
            false);
      }
      target = new InetSocketAddress(IpLiterals.parse(r.addresses().get(0)).get(), server.port());
    }

    Message query = Message.newQuery(Record.newRecord(qname, qtype, dclass));
    query.addRecord(new OPTRecord(EDNS_UDP_PAYLOAD, 0, 0), Section.ADDITIONAL);
    byte[] wire = query.toWire();

    Outcome udp = overUdp(target, wire, query, qname, qtype, dclass, deadline);
    if (!udp.truncated) {
      return udp;
    }
    return overTcp(target, wire, query, qname, qtype, dclass, deadline);
  }

  private Outcome overUdp(
      InetSocketAddress target,
      byte[] wire,
      Message query,
      Name qname,
      int qtype,
      int dclass,
      Deadline deadline) {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(target);
      socket.send(new DatagramPacket(wire, wire.length));
      byte[] buffer = new byte[65535];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      if (deadline.expired()) {
        return timeout(deadline, false);
      }
      socket.setSoTimeout(deadline.remainingMillisForSocket());
      socket.receive(packet);
      byte[] answer = java.util.Arrays.copyOf(buffer, packet.getLength());
      return judge(answer, query, qname, qtype, dclass, false);
    } catch (SocketTimeoutException e) {
      return timeout(deadline, false);
    } catch (PortUnreachableException e) {
      return Outcome.failed(DnsStatus.NETWORK_ERROR, "port unreachable (no DNS server)", false);
    } catch (IOException e) {
      return Outcome.failed(DnsStatus.NETWORK_ERROR, networkReason(e), false);
    }
  }

  private Outcome overTcp(
      InetSocketAddress target,
      byte[] wire,
      Message query,
      Name qname,
      int qtype,
      int dclass,
      Deadline deadline) {
    if (deadline.expired()) {
      return timeout(deadline, true);
    }
    Socket socket = new Socket();
    try (socket;
        SocketWatchdog watchdog = SocketWatchdog.watch(socket, deadline)) {
      try {
        socket.connect(target, deadline.remainingMillisForSocket());
        socket.setSoTimeout(deadline.remainingMillisForSocket());
        OutputStream out = socket.getOutputStream();
        byte[] framed = new byte[wire.length + 2];
        framed[0] = (byte) (wire.length >>> 8);
        framed[1] = (byte) wire.length;
        System.arraycopy(wire, 0, framed, 2, wire.length);
        out.write(framed);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int length = in.readUnsignedShort();
        byte[] answer = new byte[length];
        in.readFully(answer);
        return judge(answer, query, qname, qtype, dclass, true);
      } catch (SocketTimeoutException e) {
        return timeout(deadline, true);
      } catch (EOFException e) {
        return Outcome.failed(
            DnsStatus.MALFORMED, "the TCP connection closed before a full answer", true);
      } catch (IOException e) {
        if (watchdog.fired()) {
          return timeout(deadline, true);
        }
        return Outcome.failed(DnsStatus.NETWORK_ERROR, "over TCP: " + networkReason(e), true);
      }
    } catch (IOException e) {
      return Outcome.failed(DnsStatus.NETWORK_ERROR, networkReason(e), true);
    }
  }

  /** Parses and checks one answer; never logs or echoes the raw message. */
  private Outcome judge(
      byte[] wire, Message query, Name qname, int qtype, int dclass, boolean overTcp) {
    Message answer;
    try {
      answer = new Message(wire);
    } catch (IOException | RuntimeException e) {
      return Outcome.failed(DnsStatus.MALFORMED, "the answer could not be parsed", overTcp);
    }
    var header = answer.getHeader();
    if (header.getID() != query.getHeader().getID()) {
      return Outcome.failed(DnsStatus.MALFORMED, "the answer's ID does not match", overTcp);
    }
    if (!header.getFlag(Flags.QR)) {
      return Outcome.failed(DnsStatus.MALFORMED, "the answer is not a response", overTcp);
    }
    Record question = answer.getQuestion();
    if (question == null
        || !question.getName().equals(qname)
        || question.getType() != qtype
        || question.getDClass() != dclass) {
      return Outcome.failed(DnsStatus.MALFORMED, "the answer is for a different question", overTcp);
    }
    boolean authoritative = header.getFlag(Flags.AA);
    if (!overTcp && header.getFlag(Flags.TC)) {
      Outcome truncated = Outcome.failed(DnsStatus.MALFORMED, "truncated", false);
      truncated.truncated = true;
      return truncated;
    }
    int rcode = answer.getRcode();
    if (rcode != Rcode.NOERROR) {
      DnsStatus status =
          switch (rcode) {
            case Rcode.NXDOMAIN -> DnsStatus.NXDOMAIN;
            case Rcode.SERVFAIL -> DnsStatus.SERVFAIL;
            case Rcode.REFUSED -> DnsStatus.REFUSED;
            default -> DnsStatus.ERROR;
          };
      Outcome o = Outcome.failed(status, "the server answered " + Rcode.string(rcode), overTcp);
      o.authoritative = authoritative;
      return o;
    }

    List<Record> section = answer.getSection(Section.ANSWER);
    // Follow CNAMEs inside the answer: only the question name and its aliases may own records.
    Map<Name, Name> aliases = new HashMap<>();
    for (Record r : section) {
      if (r instanceof CNAMERecord c && qtype != Type.CNAME) {
        aliases.put(c.getName(), c.getTarget());
      }
    }
    Set<Name> owners = new HashSet<>();
    Name current = qname;
    for (int hop = 0; current != null && hop <= MAX_CNAME_HOPS && owners.add(current); hop++) {
      current = aliases.get(current);
    }

    List<DnsRecord> records = new ArrayList<>();
    boolean matched = false;
    for (Record r : section) {
      if (r.getDClass() != dclass) {
        return Outcome.failed(
            DnsStatus.MALFORMED, "the answer holds a record of another class", overTcp);
      }
      if (!owners.contains(r.getName())) {
        return Outcome.failed(
            DnsStatus.MALFORMED, "the answer holds a record for another name", overTcp);
      }
      int t = r.getType();
      if (t == qtype) {
        matched = true;
        records.add(toRecord(r));
      } else if (t == Type.CNAME) {
        records.add(toRecord(r));
      } else if (t != Type.RRSIG && t != Type.DNAME) {
        return Outcome.failed(
            DnsStatus.MALFORMED, "the answer holds a record of another type", overTcp);
      }
    }
    Outcome o = new Outcome();
    o.status = matched ? DnsStatus.OK : DnsStatus.NO_DATA;
    o.reason = matched ? null : "no " + Type.string(qtype) + " record for this name";
    o.authoritative = authoritative;
    o.records = List.copyOf(records);
    o.overTcp = overTcp;
    return o;
  }

  private static DnsRecord toRecord(Record r) {
    String owner = r.getName().toString(true);
    DnsRecordType type;
    String value;
    if (r instanceof ARecord a) {
      type = DnsRecordType.A;
      value = IpLiterals.format(a.getAddress());
    } else if (r instanceof AAAARecord a) {
      type = DnsRecordType.AAAA;
      value = IpLiterals.format(a.getAddress());
    } else if (r instanceof TXTRecord t) {
      type = DnsRecordType.TXT;
      value = String.join("", t.getStrings());
    } else if (r instanceof NSRecord ns) {
      type = DnsRecordType.NS;
      value = ns.getTarget().toString();
    } else if (r instanceof SOARecord) {
      type = DnsRecordType.SOA;
      value = r.getName().toString();
    } else if (r instanceof CNAMERecord c) {
      type = DnsRecordType.CNAME;
      value = c.getTarget().toString();
    } else {
      throw new IllegalStateException("unexpected record type " + Type.string(r.getType()));
    }
    return new DnsRecord(owner, type, value, r.getTTL());
  }

  private static Outcome timeout(Deadline deadline, boolean overTcp) {
    return Outcome.failed(
        DnsStatus.TIMEOUT,
        overTcp ? "no answer over TCP before the deadline" : "no answer before the deadline",
        overTcp);
  }

  private static String networkReason(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    if (e instanceof java.net.NoRouteToHostException) {
      return "no route to the server";
    }
    if (e instanceof SocketException && e.getMessage() != null) {
      String m = e.getMessage().toLowerCase(java.util.Locale.ROOT);
      if (m.contains("unreachable")) {
        return "network unreachable";
      }
      if (m.contains("reset")) {
        return "connection reset";
      }
    }
    return "network error (" + e.getClass().getSimpleName() + ")";
  }

  /** Mutable while being built; frozen into a {@link DnsAnswer}. */
  private static final class Outcome {
    DnsStatus status;
    String reason;
    boolean authoritative;
    List<DnsRecord> records = List.of();
    boolean overTcp;
    boolean truncated;

    static Outcome failed(DnsStatus status, String reason, boolean overTcp) {
      Outcome o = new Outcome();
      o.status = status;
      o.reason = reason;
      o.overTcp = overTcp;
      return o;
    }
  }
}
