package dev.haremote.labkit.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A DNS server for tests: UDP and TCP on the same OS-chosen port, a small zone (name, type, TTL,
 * value), the AA flag on or off, and hostile modes (silence, garbage, answers to another question
 * or ID, records for another owner or type, NXDOMAIN, SERVFAIL, truncation over UDP).
 */
public final class TestDnsServer implements AutoCloseable {
  /** How the server answers. */
  public enum Mode {
    NORMAL,
    /** Never answers (UDP or TCP). */
    SILENT,
    /** Answers random bytes that are not a DNS message. */
    GARBAGE,
    /** A proper answer with another message ID. */
    MISMATCHED_ID,
    /** A proper answer to another question name. */
    MISMATCHED_QUESTION,
    /** The right question, but the answer record belongs to another name. */
    WRONG_OWNER,
    /** The right question, but an answer record of another type. */
    WRONG_TYPE,
    NXDOMAIN,
    SERVFAIL,
    /** UDP answers carry TC and no records; TCP answers are complete. */
    TRUNCATE_UDP,
    /** UDP answers carry TC; the TCP retry gets no answer at all. */
    TRUNCATE_UDP_SILENT_TCP
  }

  private final List<Record> zone = new CopyOnWriteArrayList<>();
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final ExecutorService threads;
  private final AtomicInteger udpQueries = new AtomicInteger();
  private final AtomicInteger tcpQueries = new AtomicInteger();
  private volatile Mode mode = Mode.NORMAL;
  private volatile boolean authoritative = true;
  private volatile boolean closed;

  private TestDnsServer(DatagramSocket udp, ServerSocket tcp) {
    this.udp = udp;
    this.tcp = tcp;
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "test-dns");
              t.setDaemon(true);
              return t;
            });
    threads.execute(this::serveUdp);
    threads.execute(this::acceptTcp);
  }

  public static TestDnsServer start() throws IOException {
    return start(InetAddress.getLoopbackAddress());
  }

  /** Binds UDP on an OS-chosen port, then TCP on the same port (retrying on collision). */
  public static TestDnsServer start(InetAddress address) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0));
      ServerSocket tcp = new ServerSocket();
      try {
        tcp.setReuseAddress(true);
        tcp.bind(new InetSocketAddress(address, udp.getLocalPort()), 50);
        return new TestDnsServer(udp, tcp);
      } catch (BindException e) {
        last = e;
        udp.close();
        tcp.close();
      }
    }
    throw last;
  }

  /**
   * Adds a record of class IN, e.g. {@code add("home.example.org", "A", 300, "192.0.2.1")}; TXT
   * values are given in zone-file form ({@code "\"text\""}) or bare.
   */
  public TestDnsServer add(String name, String type, long ttl, String value) {
    try {
      int t = Type.value(type);
      String rdata = t == Type.TXT && !value.startsWith("\"") ? "\"" + value + "\"" : value;
      zone.add(Record.fromString(absolute(name), t, DClass.IN, ttl, rdata, Name.root));
    } catch (IOException e) {
      throw new IllegalArgumentException("bad test record " + name + " " + type + " " + value, e);
    }
    return this;
  }

  /** A TXT record of class CH, like {@code whoami.cloudflare}. */
  public TestDnsServer addChaosTxt(String name, long ttl, String text) {
    zone.add(new TXTRecord(absolute(name), DClass.CH, ttl, text));
    return this;
  }

  /** Removes every record of the name and type (class IN). */
  public TestDnsServer remove(String name, String type) {
    Name n = absolute(name);
    int t = Type.value(type);
    zone.removeIf(r -> r.getName().equals(n) && r.getType() == t);
    return this;
  }

  public TestDnsServer authoritative(boolean aa) {
    this.authoritative = aa;
    return this;
  }

  public TestDnsServer mode(Mode mode) {
    this.mode = mode;
    return this;
  }

  public int port() {
    return udp.getLocalPort();
  }

  public InetAddress address() {
    return udp.getLocalAddress();
  }

  /** {@code host:port} or {@code [v6]:port}, as the suite's config takes it. */
  public String hostPort() {
    String host = address().getHostAddress();
    return host.contains(":") ? "[" + host + "]:" + port() : host + ":" + port();
  }

  public int udpQueries() {
    return udpQueries.get();
  }

  public int tcpQueries() {
    return tcpQueries.get();
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      udpQueries.incrementAndGet();
      byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
      byte[] answer = answer(query, false);
      if (answer != null) {
        try {
          udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
        } catch (IOException ignored) {
          // The client is gone; nothing to do.
        }
      }
    }
  }

  private void acceptTcp() {
    while (!closed) {
      Socket s;
      try {
        s = tcp.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      threads.execute(() -> serveTcp(s));
    }
  }

  private void serveTcp(Socket s) {
    try (s) {
      s.setSoTimeout(30_000);
      DataInputStream in = new DataInputStream(s.getInputStream());
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      while (true) {
        int length = in.readUnsignedShort();
        byte[] query = in.readNBytes(length);
        tcpQueries.incrementAndGet();
        byte[] answer = answer(query, true);
        if (answer == null) {
          // Silent over TCP too: hold the connection until the client gives up.
          while (in.read() >= 0) {
            // keep reading
          }
          return;
        }
        out.writeShort(answer.length);
        out.write(answer);
        out.flush();
      }
    } catch (IOException ignored) {
      // Connection ended.
    }
  }

  /** The wire answer, or null for no answer at all. */
  private byte[] answer(byte[] wire, boolean overTcp) {
    Mode m = mode;
    if (m == Mode.SILENT || (m == Mode.TRUNCATE_UDP_SILENT_TCP && overTcp)) {
      return null;
    }
    if (m == Mode.GARBAGE) {
      byte[] junk = new byte[40];
      new java.util.Random().nextBytes(junk);
      if (wire.length >= 2) {
        junk[0] = wire[0];
        junk[1] = wire[1];
      }
      junk[2] = (byte) 0x84;
      junk[4] = 0x00;
      junk[5] = 0x7f; // claims 127 questions
      return junk;
    }
    Message query;
    try {
      query = new Message(wire);
    } catch (IOException e) {
      return null;
    }
    Record question = query.getQuestion();
    if (question == null) {
      return null;
    }
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    if (authoritative) {
      response.getHeader().setFlag(Flags.AA);
    }
    response.addRecord(question, Section.QUESTION);

    switch (m) {
      case NXDOMAIN -> response.getHeader().setRcode(Rcode.NXDOMAIN);
      case SERVFAIL -> response.getHeader().setRcode(Rcode.SERVFAIL);
      case MISMATCHED_ID -> response.getHeader().setID((query.getHeader().getID() + 1) & 0xffff);
      case MISMATCHED_QUESTION -> {
        response.removeAllRecords(Section.QUESTION);
        try {
          response.addRecord(
              Record.newRecord(
                  Name.fromString("other.invalid."), question.getType(), question.getDClass()),
              Section.QUESTION);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
      case WRONG_OWNER, WRONG_TYPE -> {
        try {
          Name owner =
              m == Mode.WRONG_OWNER ? Name.fromString("attacker.invalid.") : question.getName();
          int type =
              m == Mode.WRONG_TYPE
                  ? (question.getType() == Type.A ? Type.AAAA : Type.A)
                  : question.getType();
          String rdata =
              type == Type.A ? "192.0.2.66" : type == Type.AAAA ? "2001:db8::66" : "\"x\"";
          response.addRecord(
              Record.fromString(owner, type, question.getDClass(), 60, rdata, Name.root),
              Section.ANSWER);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
      case TRUNCATE_UDP_SILENT_TCP -> response.getHeader().setFlag(Flags.TC);
      case TRUNCATE_UDP -> {
        if (!overTcp) {
          response.getHeader().setFlag(Flags.TC);
        } else {
          addMatches(response, question);
        }
      }
      default -> addMatches(response, question);
    }
    return response.toWire();
  }

  private void addMatches(Message response, Record question) {
    List<Record> matches = new ArrayList<>();
    boolean nameExists = false;
    for (Record r : zone) {
      if (r.getName().equals(question.getName()) && r.getDClass() == question.getDClass()) {
        nameExists = true;
        if (r.getType() == question.getType()) {
          matches.add(r);
        }
      }
    }
    if (!nameExists) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
      return;
    }
    for (Record r : matches) {
      response.addRecord(r, Section.ANSWER);
    }
  }

  private static Name absolute(String name) {
    try {
      return Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (IOException e) {
      throw new IllegalArgumentException("bad DNS name " + name, e);
    }
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    try {
      tcp.close();
    } catch (IOException ignored) {
      // Shutting down.
    }
    threads.shutdownNow();
  }
}
