package dev.haremote.ddns.discovery;

import dev.haremote.common.http.HttpProbe;
import dev.haremote.common.http.HttpProbeRequest;
import dev.haremote.common.http.HttpProbeResult;
import dev.haremote.common.net.Deadline;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.net.Kubernetes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The router's WAN address over UPnP IGD: SSDP M-SEARCH for the gateway (or a configured
 * description URL), its WANIPConnection control URL from the description, then the SOAP action
 * {@code GetExternalIPAddress}. An empty answer means the router has no public address (miniupnpd
 * says so for private, CG-NAT and documentation WAN addresses): that is what CG-NAT looks like.
 *
 * <p>Only the router ({@link UpnpRouter}) is listened to and asked: SSDP answers from other hosts
 * and URLs on other hosts become a reason in the reading, never a request. Redirects are not
 * followed.
 */
public final class UpnpSource implements AddressSource {
  private static final String SEARCH_TARGET = "urn:schemas-upnp-org:device:InternetGatewayDevice:1";
  private static final int BODY_CAP = 64 * 1024;
  private static final int IGNORED_SHOWN = 3;

  /** Why a pod hears no router: its own network is not the home's LAN. */
  static final String POD_NETWORK =
      "SSDP multicast does not cross the pod network: in Kubernetes UPnP discovery needs"
          + " ddns.hostNetwork on (docs/deploy.md, \"Network\")";

  private final String id;
  private final InetSocketAddress ssdpAddress;
  private final URI location;
  private final UpnpRouter router;
  private final HttpProbe http;
  private final SpecialUseRanges ranges;
  private final Duration timeout;
  private final boolean inPod;

  /**
   * @param location the IGD description URL, or null to find it with SSDP at {@code ssdpAddress}
   * @param router the only host whose SSDP answers are taken and whose URLs are fetched
   */
  public UpnpSource(
      String id,
      InetSocketAddress ssdpAddress,
      URI location,
      UpnpRouter router,
      HttpProbe http,
      SpecialUseRanges ranges,
      Duration timeout) {
    this(id, ssdpAddress, location, router, http, ranges, timeout, Kubernetes.inPod());
  }

  /**
   * @param inPod runs in a Kubernetes pod: an SSDP search without answer then says that multicast
   *     does not cross the pod network
   */
  public UpnpSource(
      String id,
      InetSocketAddress ssdpAddress,
      URI location,
      UpnpRouter router,
      HttpProbe http,
      SpecialUseRanges ranges,
      Duration timeout,
      boolean inPod) {
    this.inPod = inPod;
    this.id = id;
    this.ssdpAddress = ssdpAddress;
    this.location = location;
    this.router = router;
    this.http = http;
    this.ranges = ranges;
    this.timeout = timeout;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String type() {
    return SourceType.UPNP.key();
  }

  @Override
  public IpFamily family() {
    return IpFamily.IPV4;
  }

  @Override
  public SourceReading read() {
    Deadline deadline = Deadline.in(timeout);
    UpnpRouter.Current gateway = router.current();
    if (!gateway.known()) {
      return SourceReading.failed(
          this,
          "no default gateway in /proc/net/route or /proc/net/ipv6_route: set the source's router"
              + " to the router's address");
    }
    URI description = location;
    if (description == null) {
      Search found = search(deadline, gateway);
      if (found.location() == null) {
        boolean unheard = inPod && !found.routerAnswered();
        return SourceReading.failed(
            this, unheard ? found.reason() + "; " + POD_NETWORK : found.reason());
      }
      description = found.location();
    }
    if (!gateway.isOnRouter(description)) {
      return SourceReading.failed(
          this, "LOCATION " + notOnRouter(description, gateway) + ": not fetched");
    }
    HttpProbeResult desc = http.execute(get(description, deadline));
    if (!desc.responded() || desc.status() != 200 || desc.bodyTruncated()) {
      return SourceReading.failed(this, "gateway description: " + httpProblem(desc));
    }
    Optional<Control> control = controlOf(description, desc.body());
    if (control.isEmpty()) {
      return SourceReading.failed(this, "gateway description has no WANIPConnection service");
    }
    if (!gateway.isOnRouter(control.get().url())) {
      return SourceReading.failed(
          this, "control URL " + notOnRouter(control.get().url(), gateway) + ": not fetched");
    }
    HttpProbeResult soap = http.execute(soapRequest(control.get(), deadline));
    if (!soap.responded() || soap.status() != 200 || soap.bodyTruncated()) {
      return SourceReading.failed(this, "GetExternalIPAddress: " + httpProblem(soap));
    }
    Optional<String> external = externalAddress(soap.body());
    if (external.isEmpty()) {
      return SourceReading.failed(this, "GetExternalIPAddress answer has no NewExternalIPAddress");
    }
    String text = external.get().trim();
    if (text.isEmpty()) {
      return new SourceReading(
          id, type(), family(), null, null, "the router has no public address", true);
    }
    Optional<InetAddress> address = AddressLiteral.toInetAddress(text);
    if (address.isEmpty()) {
      return SourceReading.failed(this, "NewExternalIPAddress is not an address literal");
    }
    return LiteralCheck.fromAddress(this, address.get(), ranges);
  }

  /** The LOCATION the router answered with, or why there is none. */
  /**
   * @param routerAnswered the router answered the search (without a usable LOCATION)
   */
  record Search(URI location, String reason, boolean routerAnswered) {}

  private Search search(Deadline deadline, UpnpRouter.Current gateway) {
    String request =
        "M-SEARCH * HTTP/1.1\r\n"
            + "HOST: 239.255.255.250:1900\r\n"
            + "MAN: \"ssdp:discover\"\r\n"
            + "MX: 2\r\n"
            + "ST: "
            + SEARCH_TARGET
            + "\r\n\r\n";
    byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
    Set<String> ignored = new LinkedHashSet<>();
    boolean routerWithoutLocation = false;
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(new DatagramPacket(bytes, bytes.length, ssdpAddress));
      byte[] buffer = new byte[2048];
      while (!deadline.expired()) {
        socket.setSoTimeout(deadline.remainingMillisForSocket());
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          break;
        }
        if (!gateway.isRouter(packet.getAddress())) {
          ignored.add(AddressLiteral.canonical(packet.getAddress()));
          continue; // any LAN host can answer: only the router's answer is taken
        }
        String answer =
            new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
        Optional<URI> loc = locationHeader(answer);
        if (loc.isPresent()) {
          return new Search(loc.get(), null, true);
        }
        routerWithoutLocation = true;
      }
    } catch (IOException e) {
      return new Search(null, "SSDP search failed: " + e.getClass().getSimpleName(), false);
    }
    String reason =
        routerWithoutLocation
            ? gateway.describe() + " answered the SSDP search without an http LOCATION"
            : "no UPnP gateway answered the SSDP search";
    return new Search(
        null,
        ignored.isEmpty() ? reason : reason + "; " + ignored(ignored, gateway),
        routerWithoutLocation);
  }

  /** {@code SSDP answer from 10.0.0.7 ignored: not the gateway 10.0.0.1}. */
  private static String ignored(Set<String> from, UpnpRouter.Current gateway) {
    List<String> shown = from.stream().limit(IGNORED_SHOWN).toList();
    String who =
        String.join(", ", shown)
            + (from.size() > shown.size() ? " and " + (from.size() - shown.size()) + " more" : "");
    return (from.size() == 1 ? "SSDP answer from " : "SSDP answers from ")
        + who
        + " ignored: not "
        + gateway.describe();
  }

  /** {@code on 10.0.0.9, not the gateway 10.0.0.1}: the host only, never the rest of the URL. */
  private static String notOnRouter(URI url, UpnpRouter.Current gateway) {
    String host = url.getHost() == null ? "(no host)" : url.getHost();
    if (host.length() > 64) {
      host = host.substring(0, 64) + "...";
    }
    return "on " + host + ", not " + gateway.describe();
  }

  static Optional<URI> locationHeader(String ssdpAnswer) {
    for (String line : ssdpAnswer.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("location")) {
        try {
          URI uri = URI.create(line.substring(colon + 1).trim());
          String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
          if (scheme.equals("http") && uri.getHost() != null) {
            return Optional.of(uri);
          }
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  record Control(URI url, String serviceType) {}

  static Optional<Control> controlOf(URI description, byte[] xml) {
    Optional<Document> doc = parse(xml);
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    URI base = description;
    NodeList urlBase = doc.get().getElementsByTagNameNS("*", "URLBase");
    if (urlBase.getLength() > 0 && !urlBase.item(0).getTextContent().isBlank()) {
      try {
        base = URI.create(urlBase.item(0).getTextContent().trim());
      } catch (IllegalArgumentException e) {
        base = description;
      }
    }
    NodeList services = doc.get().getElementsByTagNameNS("*", "service");
    for (int i = 0; i < services.getLength(); i++) {
      Element service = (Element) services.item(i);
      String type = child(service, "serviceType");
      String control = child(service, "controlURL");
      if (type != null
          && control != null
          && (type.contains(":WANIPConnection:") || type.contains(":WANPPPConnection:"))) {
        try {
          return Optional.of(new Control(base.resolve(control.trim()), type.trim()));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  static Optional<String> externalAddress(byte[] soapXml) {
    Optional<Document> doc = parse(soapXml);
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    NodeList nodes = doc.get().getElementsByTagNameNS("*", "NewExternalIPAddress");
    return nodes.getLength() == 0 ? Optional.empty() : Optional.of(nodes.item(0).getTextContent());
  }

  private static String child(Element parent, String name) {
    NodeList nodes = parent.getElementsByTagNameNS("*", name);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }

  /** XML from the LAN is untrusted: no DTDs, no external entities. */
  private static Optional<Document> parse(byte[] xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      return Optional.of(f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)));
    } catch (ParserConfigurationException | org.xml.sax.SAXException | IOException e) {
      return Optional.empty();
    }
  }

  private HttpProbeRequest get(URI url, Deadline deadline) {
    return new HttpProbeRequest(
        url, null, "GET", Map.of(), null, BODY_CAP, deadline.remaining(), 0);
  }

  private HttpProbeRequest soapRequest(Control control, Deadline deadline) {
    String body =
        "<?xml version=\"1.0\"?>\r\n"
            + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">"
            + "<s:Body><u:GetExternalIPAddress xmlns:u=\""
            + control.serviceType()
            + "\"></u:GetExternalIPAddress></s:Body></s:Envelope>\r\n";
    return new HttpProbeRequest(
        control.url(),
        null,
        "POST",
        Map.of(
            "Content-Type",
            "text/xml; charset=\"utf-8\"",
            "SOAPAction",
            "\"" + control.serviceType() + "#GetExternalIPAddress\""),
        body.getBytes(StandardCharsets.UTF_8),
        BODY_CAP,
        deadline.remaining(),
        0);
  }

  private static String httpProblem(HttpProbeResult r) {
    if (!r.responded()) {
      return r.failure();
    }
    return r.bodyTruncated() ? "answer too long" : "http status " + r.status();
  }
}
