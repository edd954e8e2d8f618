package dev.haremote.labkit.bind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * A real BIND 9 ({@code /usr/sbin/named}, Debian package bind9) for tests and the lab: its own temp
 * directory, one primary zone, a TSIG key (hmac-sha256) allowed to update it, listening on one
 * address and an OS-chosen port, in the foreground ({@code -g}). {@link #start()} returns once it
 * answers the zone's SOA.
 */
public final class BindServer implements AutoCloseable {
  public static final Path NAMED = Paths.get("/usr/sbin/named");

  private final InetAddress listen;
  private final String zone;
  private final List<String> records;
  private final String keyName;
  private final String secret;
  private Path dir;
  private Process process;
  private int port;

  private BindServer(Builder b) {
    this.listen = b.listen;
    this.zone = absolute(b.zone);
    this.records = List.copyOf(b.records);
    this.keyName = b.keyName;
    this.secret = b.secret;
  }

  /** True when Debian's named is installed. */
  public static boolean available() {
    return Files.isExecutable(NAMED);
  }

  public static Builder builder(String zone) {
    return new Builder(zone);
  }

  /** Configures the server before {@link #start()}. */
  public static final class Builder {
    private final String zone;
    private final List<String> records = new ArrayList<>();
    private InetAddress listen = InetAddress.getLoopbackAddress();
    private String keyName = "ddns-key";
    private String secret = randomSecret();

    private Builder(String zone) {
      this.zone = zone;
    }

    /** The address to listen on (default 127.0.0.1; an IPv6 literal works too). */
    public Builder listen(InetAddress address) {
      this.listen = address;
      return this;
    }

    /** A zone file line relative to the origin, e.g. {@code home 60 IN A 192.0.2.1}. */
    public Builder record(String zoneFileLine) {
      records.add(zoneFileLine);
      return this;
    }

    public Builder key(String name, String base64Secret) {
      this.keyName = name;
      this.secret = base64Secret;
      return this;
    }

    public BindServer start() {
      BindServer s = new BindServer(this);
      s.startProcess();
      return s;
    }
  }

  public static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  public InetAddress address() {
    return listen;
  }

  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:PORT} or {@code [::1]:PORT}, as the services' config keys take it. */
  public String hostPort() {
    String host = listen.getHostAddress();
    return listen instanceof Inet6Address ? "[" + host + "]:" + port : host + ":" + port;
  }

  public String zone() {
    return zone;
  }

  public String keyName() {
    return keyName;
  }

  public String secret() {
    return secret;
  }

  public String algorithm() {
    return "hmac-sha256";
  }

  public Path directory() {
    return dir;
  }

  private void startProcess() {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        dir = Files.createTempDirectory("bind-");
        port = freePort();
        writeConfig();
        ProcessBuilder pb =
            new ProcessBuilder(
                    NAMED.toString(), "-g", "-n", "1", "-c", dir.resolve("named.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("named.log").toFile());
        if (listen instanceof Inet6Address) {
          pb.command().add(1, "-6");
        } else {
          pb.command().add(1, "-4");
        }
        process = pb.start();
        if (waitUntilAnswering(Duration.ofSeconds(20))) {
          return;
        }
        last = new IOException("named did not answer; its log:\n" + log());
        stopProcess();
      } catch (IOException e) {
        last = e;
        stopProcess();
      }
    }
    throw new UncheckedIOException("BIND could not be started", last);
  }

  private void writeConfig() throws IOException {
    String zoneName = zone.substring(0, zone.length() - 1);
    String listenLine =
        listen instanceof Inet6Address
            ? "listen-on { none; }; listen-on-v6 port "
                + port
                + " { "
                + listen.getHostAddress()
                + "; };"
            : "listen-on port "
                + port
                + " { "
                + listen.getHostAddress()
                + "; }; listen-on-v6 { none; };";
    String conf =
        "options {\n"
            + "  directory \""
            + dir
            + "\";\n"
            + "  pid-file \""
            + dir.resolve("named.pid")
            + "\";\n"
            + "  session-keyfile \""
            + dir.resolve("session.key")
            + "\";\n"
            + "  managed-keys-directory \""
            + dir
            + "\";\n"
            + "  "
            + listenLine
            + "\n"
            + "  recursion no;\n"
            + "  allow-query { any; };\n"
            + "  dnssec-validation no;\n"
            + "  notify no;\n"
            + "};\n"
            + "controls { };\n"
            + "key \""
            + keyName
            + "\" { algorithm hmac-sha256; secret \""
            + secret
            + "\"; };\n"
            + "zone \""
            + zoneName
            + "\" {\n"
            + "  type primary;\n"
            + "  file \""
            + dir.resolve("zone.db")
            + "\";\n"
            + "  allow-update { key \""
            + keyName
            + "\"; };\n"
            + "};\n";
    StringBuilder zoneFile = new StringBuilder();
    zoneFile.append("$ORIGIN ").append(zone).append("\n$TTL 60\n");
    zoneFile
        .append("@ IN SOA ns1.")
        .append(zone)
        .append(" hostmaster.")
        .append(zone)
        .append(" 1 3600 600 86400 60\n");
    zoneFile.append("@ IN NS ns1.").append(zone).append('\n');
    zoneFile
        .append("ns1 IN ")
        .append(listen instanceof Inet6Address ? "AAAA " : "A ")
        .append(listen.getHostAddress())
        .append('\n');
    for (String r : records) {
      zoneFile.append(r).append('\n');
    }
    Files.writeString(dir.resolve("named.conf"), conf, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("zone.db"), zoneFile.toString(), StandardCharsets.UTF_8);
  }

  /** A port free for both UDP and TCP right now (BIND needs both). */
  private int freePort() throws IOException {
    for (int i = 0; i < 20; i++) {
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(listen, 0))) {
        int p = udp.getLocalPort();
        try (ServerSocket tcp = new ServerSocket()) {
          tcp.bind(new InetSocketAddress(listen, p));
          return p;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no free port for both UDP and TCP on " + listen);
  }

  private boolean waitUntilAnswering(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        return false;
      }
      try {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(zone), Type.SOA, DClass.IN));
        Message r = resolver().send(q);
        if (r.getRcode() == Rcode.NOERROR && r.getSection(Section.ANSWER).size() > 0) {
          return true;
        }
      } catch (IOException e) {
        // not up yet
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private SimpleResolver resolver() {
    SimpleResolver r = new SimpleResolver(new InetSocketAddress(listen, port));
    r.setTimeout(Duration.ofSeconds(2));
    return r;
  }

  /**
   * The values of name's records of the type, asked directly of this server (presentation form).
   */
  public List<String> query(String name, int type) {
    try {
      Name owner = Name.fromString(absolute(name));
      Message q = Message.newQuery(Record.newRecord(owner, type, DClass.IN));
      Message r = resolver().send(q);
      return r.getSection(Section.ANSWER).stream()
          .filter(rec -> rec.getType() == type && rec.getName().equals(owner))
          .map(rec -> rec.rdataToString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The whole zone as presentation lines, sorted (for "nothing else changed" checks), via AXFR-free
   * walk.
   */
  public List<String> allRecords(List<String> names, int... types) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      for (int t : types) {
        for (String v : query(n, t)) {
          out.add(absolute(n) + " " + Type.string(t) + " " + v);
        }
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** Sets a record with this server's own key (as a provider stand-in would), over TCP. */
  public void replace(String name, int type, long ttl, String value) {
    try {
      Update u = new Update(Name.fromString(zone));
      u.replace(Name.fromString(absolute(name)), type, ttl, value);
      SimpleResolver r = resolver();
      r.setTCP(true);
      r.setTSIGKey(
          new TSIG(
              TSIG.HMAC_SHA256,
              Name.fromString(keyName + "."),
              Base64.getDecoder().decode(secret)));
      Message answer = r.send(u);
      if (answer.getRcode() != Rcode.NOERROR || !answer.isVerified()) {
        throw new IllegalStateException("update refused: " + Rcode.string(answer.getRcode()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's output so far (for test failure messages). */
  public String log() {
    try {
      return Files.readString(dir.resolve("named.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private void stopProcess() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temp dir left behind is harmless
      }
    }
  }

  @Override
  public void close() {
    stopProcess();
  }

  private static String absolute(String name) {
    return name.endsWith(".") ? name : name + ".";
  }
}
