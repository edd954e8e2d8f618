package dev.haremote.reachability.outside;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haremote.common.http.HttpProbeResult;
import dev.haremote.reachability.diagnosis.HttpIdentity;
import dev.haremote.reachability.diagnosis.VerdictCode;
import dev.haremote.reachability.probe.HomeAssistantIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one Globalping probe saw of {@code GET /manifest.json}, as a verdict of the suite.
 *
 * @param reachable true: reached Home Assistant; false: got in no further than {@code verdict};
 *     null: the probe gave no usable answer (offline, its own DNS failed, an unknown error)
 * @param verdict {@code ok} when Home Assistant answered, else the failure; null when unknown
 * @param detail a short, printable reason for the status
 */
public record ProbeReading(Boolean reachable, VerdictCode verdict, String detail) {
  private static final int DETAIL_MAX = 120;

  public ProbeReading {
    detail = detail == null ? null : clean(detail);
  }

  static ProbeReading unknown(String detail) {
    return new ProbeReading(null, null, clean(detail));
  }

  /**
   * Reads one probe's {@code result} object (FinishedHttpTestResult, FailedTestResult,
   * OfflineTestResult of the Globalping spec).
   *
   * <p>Home Assistant is told apart exactly as the suite's own probe does ({@link
   * HomeAssistantIdentity}): its manifest names "Home Assistant", aiohttp's bare "400: Bad Request"
   * is HA refusing an untrusted proxy. An answer that is not Home Assistant outranks the
   * certificate, as in the diagnosis: a router page with its own certificate is a wrong forward.
   */
  public static ProbeReading of(JsonNode result) {
    String status = result.path("status").asText("");
    return switch (status) {
      case "finished" -> finished(result);
      case "failed" -> failed(result.path("rawOutput").asText(""));
      case "offline" -> unknown("probe offline");
      default -> unknown("probe did not finish (" + status + ")");
    };
  }

  private static ProbeReading finished(JsonNode r) {
    int statusCode = r.path("statusCode").asInt(0);
    if (statusCode == 0) {
      return unknown("no HTTP status");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    r.path("headers")
        .fields()
        .forEachRemaining(
            h -> {
              List<String> values = new ArrayList<>();
              if (h.getValue().isArray()) {
                h.getValue().forEach(v -> values.add(v.asText()));
              } else {
                values.add(h.getValue().asText());
              }
              headers.put(h.getKey().toLowerCase(Locale.ROOT), values);
            });
    String body = r.path("rawBody").isTextual() ? r.path("rawBody").asText() : "";
    HttpProbeResult http =
        new HttpProbeResult(
            null,
            null,
            null,
            null,
            statusCode,
            headers,
            body.getBytes(StandardCharsets.UTF_8),
            r.path("truncated").asBoolean(false),
            null,
            Duration.ZERO);
    HomeAssistantIdentity.Judgement judgement = HomeAssistantIdentity.judge(http);
    if (judgement.identity() == HttpIdentity.OTHER) {
      return new ProbeReading(false, VerdictCode.NOT_HOME_ASSISTANT, judgement.detail());
    }
    JsonNode tls = r.path("tls");
    if (tls.isObject() && !tls.path("authorized").asBoolean(true)) {
      String error = tlsError(tls.path("error"));
      return new ProbeReading(false, certificateVerdict(error), "certificate: " + error);
    }
    return switch (judgement.identity()) {
      case HOME_ASSISTANT -> new ProbeReading(true, VerdictCode.OK, "Home Assistant answered");
      case PROXY_REJECTED ->
          new ProbeReading(false, VerdictCode.PROXY_UNTRUSTED, judgement.detail());
      case BANNED -> new ProbeReading(false, VerdictCode.IP_BANNED, judgement.detail());
      default -> new ProbeReading(false, VerdictCode.NOT_HOME_ASSISTANT, judgement.detail());
    };
  }

  /** Node's authorization error codes, as the probe reports them in {@code tls.error}. */
  static VerdictCode certificateVerdict(String error) {
    String e = error.toUpperCase(Locale.ROOT);
    if (e.contains("EXPIRED")) {
      return VerdictCode.CERT_EXPIRED;
    }
    if (e.contains("ALTNAME") || e.contains("HOSTNAME") || e.contains("MISMATCH")) {
      return VerdictCode.CERT_NAME_MISMATCH;
    }
    return VerdictCode.CERT_UNTRUSTED;
  }

  /** The spec says a string; older probes sent Node's Error object: take its code or message. */
  private static String tlsError(JsonNode error) {
    if (error.isTextual()) {
      return clean(error.asText());
    }
    if (error.isObject()) {
      return clean(error.path("code").asText(error.path("message").asText("unknown")));
    }
    return "unknown";
  }

  /**
   * A failed test: the probe's error message (Node's, e.g. {@code connect ECONNREFUSED
   * 203.0.113.7:8123}, {@code Request timeout.}). Refused and timed out are {@code port_closed}
   * (nothing answers: no forward, or a firewall), a broken handshake is {@code tls_error}; the
   * probe's own DNS failing tells nothing about the home and is no vote.
   */
  static ProbeReading failed(String rawOutput) {
    String raw = rawOutput.toUpperCase(Locale.ROOT);
    String detail = clean(rawOutput);
    if (raw.contains("ENOTFOUND") || raw.contains("EAI_AGAIN") || raw.contains("ENODATA")) {
      return unknown("probe could not resolve the name: " + detail);
    }
    if (raw.contains("ECONNREFUSED")) {
      return new ProbeReading(false, VerdictCode.PORT_CLOSED, "refused: " + detail);
    }
    if (raw.contains("TIMEOUT")
        || raw.contains("ETIMEDOUT")
        || raw.contains("EHOSTUNREACH")
        || raw.contains("ENETUNREACH")) {
      return new ProbeReading(false, VerdictCode.PORT_CLOSED, "timed out: " + detail);
    }
    if (raw.contains("TLS")
        || raw.contains("SSL")
        || raw.contains("EPROTO")
        || raw.contains("ECONNRESET")) {
      return new ProbeReading(false, VerdictCode.TLS_ERROR, "handshake failed: " + detail);
    }
    if (raw.contains("PARSE ERROR") || raw.contains("HPE_")) {
      return new ProbeReading(false, VerdictCode.NOT_HOME_ASSISTANT, "not HTTP: " + detail);
    }
    return unknown("probe failed: " + detail);
  }

  /** Only printable text of bounded length goes into the status. */
  static String clean(String s) {
    String t = s == null ? "" : s.replaceAll("[^\\p{Print}]", " ").strip();
    return t.length() > DETAIL_MAX ? t.substring(0, DETAIL_MAX) : t;
  }
}
