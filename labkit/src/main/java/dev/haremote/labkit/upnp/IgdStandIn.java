package dev.haremote.labkit.upnp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UPnP Internet Gateway Device on loopback: answers SSDP M-SEARCH (unicast, on an OS-chosen UDP
 * port) with a LOCATION, serves the device description with a WANIPConnection:1 service, and
 * answers the SOAP action {@code GetExternalIPAddress} with the WAN address set by the test. An
 * empty WAN address is what Debian's miniupnpd answers when its WAN address is private or CG-NAT.
 *
 * <p>A hostile LAN host is played by pointing LOCATION or the control URL elsewhere ({@link
 * #locationOverride}, {@link #controlUrlOverride}) and by listening on another loopback address
 * (127.0.0.2): the counters show whether anything was fetched.
 */
public final class IgdStandIn implements AutoCloseable {
  private static final String SERVICE = "urn:schemas-upnp-org:service:WANIPConnection:1";
  private final DatagramSocket ssdp;
  private final HttpServer http;
  private final Thread ssdpThread;
  private final AtomicInteger soapCalls = new AtomicInteger();
  private final AtomicInteger descriptionFetches = new AtomicInteger();
  private final String host;
  private volatile String wanAddress;
  private volatile String locationOverride;
  private volatile String controlUrlOverride;

  public IgdStandIn(String wanAddress) {
    this(wanAddress, InetAddress.getLoopbackAddress());
  }

  /** Listens (SSDP and HTTP) on {@code lo}, e.g. 127.0.0.2 to stand for another LAN host. */
  public IgdStandIn(String wanAddress, InetAddress lo) {
    this.wanAddress = wanAddress;
    this.host = lo.getHostAddress();
    try {
      ssdp = new DatagramSocket(new InetSocketAddress(lo, 0));
      http = HttpServer.create(new InetSocketAddress(lo, 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    http.createContext(
        "/rootDesc.xml",
        ex -> {
          descriptionFetches.incrementAndGet();
          reply(ex, "text/xml", description());
        });
    http.createContext("/ctl/IPConn", this::soap);
    http.start();
    ssdpThread = new Thread(this::answerSearches, "igd-ssdp");
    ssdpThread.setDaemon(true);
    ssdpThread.start();
  }

  public void wanAddress(String address) {
    this.wanAddress = address;
  }

  /** {@code 127.0.0.1:PORT} for {@code ssdp-address}. */
  public String ssdpAddress() {
    return host + ":" + ssdp.getLocalPort();
  }

  public String location() {
    return "http://" + host + ":" + http.getAddress().getPort() + "/rootDesc.xml";
  }

  /** The control URL its description names. */
  public String controlUrl() {
    return "http://" + host + ":" + http.getAddress().getPort() + "/ctl/IPConn";
  }

  /** Answer SSDP searches with this LOCATION instead of its own (null: its own). */
  public void locationOverride(String url) {
    this.locationOverride = url;
  }

  /** Name this control URL in the description instead of its own path (null: its own). */
  public void controlUrlOverride(String url) {
    this.controlUrlOverride = url;
  }

  public int soapCalls() {
    return soapCalls.get();
  }

  public int descriptionFetches() {
    return descriptionFetches.get();
  }

  private void answerSearches() {
    byte[] buffer = new byte[2048];
    while (!ssdp.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        ssdp.receive(p);
        String request = new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
        if (!request.startsWith("M-SEARCH")) {
          continue;
        }
        String answer =
            "HTTP/1.1 200 OK\r\n"
                + "CACHE-CONTROL: max-age=120\r\n"
                + "ST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n"
                + "USN: uuid:00000000-0000-0000-0000-000000000001::urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n"
                + "EXT:\r\n"
                + "SERVER: labkit UPnP/1.1 IgdStandIn/1.0\r\n"
                + "LOCATION: "
                + (locationOverride != null ? locationOverride : location())
                + "\r\n\r\n";
        byte[] bytes = answer.getBytes(StandardCharsets.US_ASCII);
        ssdp.send(new DatagramPacket(bytes, bytes.length, p.getSocketAddress()));
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        // next datagram
      }
    }
  }

  private String description() {
    return "<?xml version=\"1.0\"?>\n"
        + "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><specVersion><major>1</major><minor>0</minor></specVersion>"
        + "<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>"
        + "<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>"
        + "<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>"
        + "<serviceList><service><serviceType>"
        + SERVICE
        + "</serviceType>"
        + "<serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId>"
        + "<controlURL>"
        + (controlUrlOverride != null ? controlUrlOverride : "/ctl/IPConn")
        + "</controlURL><eventSubURL>/evt/IPConn</eventSubURL>"
        + "<SCPDURL>/WANIPCn.xml</SCPDURL></service></serviceList>"
        + "</device></deviceList></device></deviceList></device></root>\n";
  }

  private void soap(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String action = ex.getRequestHeaders().getFirst("SOAPAction");
    if (!"POST".equals(ex.getRequestMethod())
        || action == null
        || !action.contains("#GetExternalIPAddress")
        || !body.contains("GetExternalIPAddress")) {
      reply(ex, 500, "text/xml", "<error>unsupported</error>");
      return;
    }
    soapCalls.incrementAndGet();
    reply(
        ex,
        "text/xml; charset=\"utf-8\"",
        "<?xml version=\"1.0\"?>\r\n<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body>"
            + "<u:GetExternalIPAddressResponse xmlns:u=\""
            + SERVICE
            + "\">"
            + "<NewExternalIPAddress>"
            + wanAddress
            + "</NewExternalIPAddress>"
            + "</u:GetExternalIPAddressResponse></s:Body></s:Envelope>\r\n");
  }

  private static void reply(HttpExchange ex, String type, String body) throws IOException {
    reply(ex, 200, type, body);
  }

  private static void reply(HttpExchange ex, int status, String type, String body)
      throws IOException {
    try (ex) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", type);
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    ssdp.close();
    http.stop(0);
  }
}
