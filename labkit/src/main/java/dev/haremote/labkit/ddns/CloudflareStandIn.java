package dev.haremote.labkit.ddns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloudflare API v4's DNS records endpoints for one zone: list by type and name, PATCH, POST, with
 * bearer-token auth and the v4 envelope ({@code success}, {@code errors}, {@code result}).
 */
public final class CloudflareStandIn extends ProviderStandIn {
  private static final Pattern RECORDS =
      Pattern.compile("/client/v4/zones/([^/]+)/dns_records(?:/([^/?]+))?.*");
  private static final Pattern CONTENT = Pattern.compile("\"content\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");

  /** A record of the zone. */
  public record DnsRecord(String id, String type, String name, String content) {}

  private final String token;
  private final String zoneId;
  private final List<DnsRecord> records = new CopyOnWriteArrayList<>();

  public CloudflareStandIn(String token, String zoneId) {
    this.token = token;
    this.zoneId = zoneId;
  }

  /** The base for {@code ddns.records[i].cloudflare.url}. */
  public String apiUrl() {
    return baseUrl() + "/client/v4";
  }

  public void addRecord(String type, String name, String content) {
    records.add(new DnsRecord(UUID.randomUUID().toString().replace("-", ""), type, name, content));
  }

  public List<DnsRecord> records() {
    return List.copyOf(records);
  }

  private static Canned json(int status, String body) {
    return new Canned(status, body, Map.of("Content-Type", "application/json"));
  }

  private static Canned error(int status, int code, String message) {
    return json(
        status,
        "{\"success\":false,\"errors\":[{\"code\":"
            + code
            + ",\"message\":\""
            + message
            + "\"}],\"messages\":[],\"result\":null}");
  }

  private static String toJson(DnsRecord r) {
    return "{\"id\":\""
        + r.id()
        + "\",\"type\":\""
        + r.type()
        + "\",\"name\":\""
        + r.name()
        + "\",\"content\":\""
        + r.content()
        + "\",\"proxied\":false,\"ttl\":1}";
  }

  @Override
  protected Canned respond(Received request) {
    if (!("Bearer " + token).equals(header(request, "Authorization"))) {
      return error(403, 9109, "Invalid access token");
    }
    Matcher m = RECORDS.matcher(request.pathAndQuery());
    if (!m.matches()) {
      return error(404, 7000, "No route for that URI");
    }
    if (!m.group(1).equals(zoneId)) {
      return error(404, 7003, "Could not route to /zones/" + m.group(1));
    }
    String id = m.group(2);
    switch (request.method()) {
      case "GET" -> {
        Map<String, String> q = query(request.pathAndQuery());
        List<String> found = new ArrayList<>();
        for (DnsRecord r : records) {
          if ((q.get("type") == null || q.get("type").equals(r.type()))
              && (q.get("name") == null || q.get("name").equalsIgnoreCase(r.name()))) {
            found.add(toJson(r));
          }
        }
        return json(
            200,
            "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":["
                + String.join(",", found)
                + "]}");
      }
      case "PATCH", "PUT" -> {
        for (int i = 0; i < records.size(); i++) {
          DnsRecord r = records.get(i);
          if (r.id().equals(id)) {
            Matcher c = CONTENT.matcher(request.body());
            if (!c.find()) {
              return error(400, 9005, "Content is required");
            }
            DnsRecord updated = new DnsRecord(r.id(), r.type(), r.name(), c.group(1));
            records.set(i, updated);
            changed(new Change(r.name(), r.type(), c.group(1)));
            return json(
                200,
                "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":"
                    + toJson(updated)
                    + "}");
          }
        }
        return error(404, 81044, "Record does not exist.");
      }
      case "POST" -> {
        Matcher c = CONTENT.matcher(request.body());
        Matcher t = TYPE.matcher(request.body());
        Matcher n = NAME.matcher(request.body());
        if (!c.find() || !t.find() || !n.find()) {
          return error(400, 9005, "type, name and content are required");
        }
        DnsRecord created =
            new DnsRecord(
                UUID.randomUUID().toString().replace("-", ""), t.group(1), n.group(1), c.group(1));
        records.add(created);
        changed(new Change(created.name(), created.type(), created.content()));
        return json(
            200,
            "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + toJson(created) + "}");
      }
      default -> {
        return error(405, 10000, "Method not allowed");
      }
    }
  }
}
