package dev.haremote.k8s;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every dashboard query made runnable against Prometheus directly: Grafana's variables replaced the
 * way Grafana would (all values selected, a few minutes of range), {@code label_values(m, l)}
 * turned into {@code group by (l) (m)}.
 */
final class DashboardQueries {
  private DashboardQueries() {}

  static Map<String, String> all() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Path file : GrafanaDashboardsTest.dashboardFiles().toList()) {
      GrafanaDashboardsTest.queries(file).forEach((where, expr) -> out.put(where, runnable(expr)));
    }
    return out;
  }

  static String runnable(String expr) {
    String e = expr.strip();
    var labelValues =
        java.util.regex.Pattern.compile("^label_values\\((.*),\\s*(\\w+)\\)$").matcher(e);
    if (labelValues.matches()) {
      e = "group by (" + labelValues.group(2) + ") (" + labelValues.group(1) + ")";
    }
    return e.replace("$__rate_interval", "1m")
        .replace("${__rate_interval}", "1m")
        .replace("$__range", "5m")
        .replace("${__range}", "5m")
        .replace("$__interval", "15s")
        .replaceAll("\\$\\{?(target|id|name|family|job|instance)}?", ".*");
  }
}
