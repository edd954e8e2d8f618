package dev.haremote.hatests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Status documents in the shape of CONTRACT.md for the three services, for stand-ins: whole rounds,
 * the answer before the first round, and rounds with every optional field null.
 */
final class Statuses {
  private Statuses() {}

  static String now() {
    return Instant.now().toString();
  }

  // ---- reachability-service

  static String reachabilityTarget(
      String id, String verdict, Boolean reachable, Double seconds, boolean ipv6) {
    String r = reachable == null ? "null" : reachable.toString();
    String v = verdict == null ? "null" : "\"" + verdict + "\"";
    String advice = verdict == null ? "null" : "\"" + id + ": " + advice(verdict) + "\"";
    String family =
        """
        {"resolved":true,"tcp":%1$s,"tls":%1$s,"http_status":200,"home_assistant":%1$s,\
        "websocket":%1$s,"duration_seconds":%2$s,"reachable":%1$s,"verdict":%3$s}"""
            .formatted(r, seconds == null ? "null" : seconds, v);
    return """
        {"id":"%1$s","url":"https://%1$s.example.org:8123","checked_at":"%2$s","reachable":%3$s,\
        "verdict":%4$s,"advice":%5$s,"verdict_family":null,"raw_reachable":%3$s,"raw_verdict":%4$s,\
        "ipv4":%6$s,"ipv6":%7$s,"hairpin":null,"split_horizon":null,"split_horizon_needed":null,\
        "plain_http_exposed":false,"cgnat":null,"dns_drift":null,"external":null,"internal":null,\
        "duration_seconds":%8$s,"evidence":[]}"""
        .formatted(
            id,
            now(),
            r,
            v,
            advice,
            family,
            ipv6 ? family : "null",
            seconds == null ? "null" : seconds);
  }

  static String reachability(String verdict, Boolean reachable, List<String> targets) {
    return """
        {"checked_at":%1$s,"reachable":%2$s,"verdict":%3$s,"advice":%4$s,"targets":[%5$s],\
        "ddns_error":null}"""
        .formatted(
            verdict == null && reachable == null ? "null" : "\"" + now() + "\"",
            reachable == null ? "null" : reachable.toString(),
            verdict == null ? "null" : "\"" + verdict + "\"",
            verdict == null ? "null" : "\"" + advice(verdict) + "\"",
            String.join(",", targets));
  }

  static String advice(String verdict) {
    return switch (verdict) {
      case "ok" -> "Nothing to do.";
      case "port_closed" ->
          "Nothing answers on the public address: forward TCP port 8123 to Home Assistant.";
      case "cert_expired" -> "The certificate expired: renew it and restart Home Assistant.";
      default -> "See the documentation for " + verdict + ".";
    };
  }

  // ---- cert-watch-service

  static String certificate(String key, Double daysLeft, String notAfter, Boolean problem) {
    String[] parts = key.split("-");
    String reason = Boolean.TRUE.equals(problem) ? "\"renewal_overdue\"" : "null";
    return """
        {"id":"%1$s","source":"%2$s","family":%3$s,"subject":"CN=home.example.org",\
        "sans":["home.example.org"],"issuer":"CN=Lab CA","serial":"01","fingerprint_sha256":"ab",\
        "not_before":null,"not_after":%4$s,"expires_in_seconds":null,"days_left":%5$s,\
        "hostname_match":true,"chain_valid":true,"chain_complete":true,"renewal_due_at":null,\
        "renewal_overdue":%6$s,"served_matches_file":null,"key_matches":null,"error":null,\
        "checked_at":"%7$s","key":"%8$s","problem":%9$s,"problem_reason":%10$s,"advice":%11$s}"""
        .formatted(
            parts[1],
            parts[0],
            parts.length > 2 ? "\"" + parts[2] + "\"" : "null",
            notAfter == null ? "null" : "\"" + notAfter + "\"",
            daysLeft == null ? "null" : daysLeft,
            Boolean.TRUE.equals(problem),
            now(),
            key,
            problem == null ? "false" : problem,
            reason,
            problem == null ? "null" : "\"" + key + ": " + (problem ? "renew now" : "none") + "\"");
  }

  static String certWatch(boolean checked, List<String> certificates) {
    return """
        {"checked_at":%1$s,"ok":%2$s,"min_days_left":null,"certificates":[%3$s]}"""
        .formatted(
            checked ? "\"" + now() + "\"" : "null",
            checked ? "true" : "null",
            String.join(",", certificates));
  }

  // ---- ddns-service

  static String record(
      String name, String family, String published, Boolean inSync, String lastUpdateAt) {
    String lastUpdate =
        lastUpdateAt == null
            ? "null"
            : """
                {"at":"%s","result":"good","address":"%s","detail":null}"""
                .formatted(lastUpdateAt, published);
    return """
        {"name":"%1$s","family":"%2$s","provider":"none","update":false,"expected":%3$s,\
        "published":%3$s,"in_sync":%4$s,"drift_since":%5$s,"ttl":60,"propagated":%4$s,\
        "caches_expire_at":null,"last_update":%6$s,"updates_stopped":null,\
        "next_update_not_before":null,"update_attempts":0,"update_successes":0,"zone":null,\
        "authoritative":[],"resolvers":[],"checked_at":"%7$s","error":null,\
        "resolvers_agree":%4$s,"advice":%8$s}"""
        .formatted(
            name,
            family,
            published == null ? "null" : "\"" + published + "\"",
            inSync == null ? "null" : inSync,
            Boolean.FALSE.equals(inSync) ? "\"" + now() + "\"" : "null",
            lastUpdate,
            now(),
            inSync == null ? "null" : "\"" + name + " " + family + ": all good\"");
  }

  static String ddns(boolean checked, String ipv4, Boolean cgnat, List<String> records) {
    return """
        {"checked_at":%1$s,"in_sync":null,"public_ipv4":%2$s,"public_ipv6":null,\
        "sources_agree":true,"cgnat":%3$s,"cgnat_advice":null,"router_wan_address":null,\
        "odd_sources":[],"sources":[],"records":[%4$s],"error":null,"double_nat":null,\
        "advice":null}"""
        .formatted(
            checked ? "\"" + now() + "\"" : "null",
            ipv4 == null ? "null" : "\"" + ipv4 + "\"",
            cgnat == null ? "null" : cgnat,
            String.join(",", records));
  }

  static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }
}
