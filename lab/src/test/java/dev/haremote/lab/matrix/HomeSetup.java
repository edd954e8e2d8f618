package dev.haremote.lab.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One home of the combination matrix: a level for each of the lab's switches. The levels are the
 * ways the guide's links break in real homes; {@link #FACTORS} lists them in the order the matrix
 * tables show them.
 *
 * @param forward4 the router's IPv4 forward of 443: to nginx, none, or to the wrong host (a NAS)
 * @param pinhole6 the router's IPv6 firewall lets 443 in to the home host
 * @param hairpin NAT loopback on the router
 * @param cgnat the router sits behind the ISP's carrier NAT
 * @param rewrite the home's DNS rewrite of the name: none, right, or stale (an old address)
 * @param websocket nginx passes the WebSocket upgrade
 * @param trusted Home Assistant trusts nginx (use_x_forwarded_for, trusted_proxies)
 * @param cert the served certificate: good, expired, or leaf-only (cert.pem without intermediate)
 * @param recordStale the DDNS record still holds an old address
 */
public record HomeSetup(
    String forward4,
    boolean pinhole6,
    boolean hairpin,
    boolean cgnat,
    String rewrite,
    boolean websocket,
    boolean trusted,
    String cert,
    boolean recordStale) {

  /** Each factor with its levels, as lab.sh names them; level 0 is the healthy one. */
  public static final Map<String, List<String>> FACTORS = factors();

  private static Map<String, List<String>> factors() {
    Map<String, List<String>> f = new LinkedHashMap<>();
    f.put("forward4", List.of("nginx", "off", "wrong"));
    f.put("pinhole6", List.of("open", "closed"));
    f.put("hairpin", List.of("on", "off"));
    f.put("carrier", List.of("public", "cgnat"));
    f.put("rewrite", List.of("off", "on", "stale"));
    f.put("websocket", List.of("ws", "nows"));
    f.put("trusted", List.of("proxied", "untrusted"));
    f.put("cert", List.of("good", "expired", "leafonly"));
    f.put("record", List.of("right", "stale"));
    return f;
  }

  public static HomeSetup healthy() {
    return of(new int[FACTORS.size()]);
  }

  /** The setup of one row of level indices, in the order of {@link #FACTORS}. */
  public static HomeSetup of(int[] row) {
    List<List<String>> levels = new ArrayList<>(FACTORS.values());
    return new HomeSetup(
        levels.get(0).get(row[0]),
        row[1] == 0,
        row[2] == 0,
        row[3] == 1,
        levels.get(4).get(row[4]),
        row[5] == 0,
        row[6] == 0,
        levels.get(7).get(row[7]),
        row[8] == 1);
  }

  public static int[] levelCounts() {
    return FACTORS.values().stream().mapToInt(List::size).toArray();
  }

  /** The switches in lab.sh's words, e.g. {@code forward4=off pinhole6=open ...}. */
  public Map<String, String> switches() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("forward4", forward4);
    s.put("pinhole6", pinhole6 ? "open" : "closed");
    s.put("hairpin", hairpin ? "on" : "off");
    s.put("carrier", cgnat ? "cgnat" : "public");
    s.put("rewrite", rewrite);
    s.put("websocket", websocket ? "ws" : "nows");
    s.put("trusted", trusted ? "proxied" : "untrusted");
    s.put("cert", cert);
    s.put("record", recordStale ? "stale" : "right");
    return s;
  }

  /** Only the switches that differ from the healthy home, for tables. */
  public String faults() {
    Map<String, String> healthy = healthy().switches();
    List<String> out = new ArrayList<>();
    switches()
        .forEach(
            (k, v) -> {
              if (!v.equals(healthy.get(k))) {
                out.add(k + "=" + v);
              }
            });
    return out.isEmpty() ? "(healthy)" : String.join(" ", out);
  }
}
