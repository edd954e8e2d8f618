package dev.haremote.certwatch.config;

import dev.haremote.common.suite.ConfigCheck;
import dev.haremote.common.suite.ConfigProblem;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks what the mapping types cannot: unique ids, references between entries, ranges. */
@ApplicationScoped
public class CertWatchConfigCheck implements ConfigCheck {
  /** Ids end up in metric labels, JSON keys and Home Assistant unique_ids. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  private final CertWatchConfig config;

  public CertWatchConfigCheck(CertWatchConfig config) {
    this.config = config;
  }

  @Override
  public List<ConfigProblem> problems() {
    List<ConfigProblem> problems = new ArrayList<>();
    positive(problems, "certwatch.interval", config.interval());
    positive(problems, "certwatch.timeouts.endpoint", config.timeouts().endpoint());
    positive(problems, "certwatch.timeouts.file", config.timeouts().file());
    positive(problems, "certwatch.timeouts.ari", config.timeouts().ari());
    positive(problems, "certwatch.ari.default-retry-after", config.ari().defaultRetryAfter());
    positive(problems, "certwatch.ari.error-backoff", config.ari().errorBackoff());
    if (config.limits().maxFileBytes() < 1024) {
      problems.add(new ConfigProblem("certwatch.limits.max-file-bytes", "must be at least 1024"));
    }
    if (config.limits().maxCertificates() < 1) {
      problems.add(new ConfigProblem("certwatch.limits.max-certificates", "must be at least 1"));
    }
    config
        .trust()
        .extraCaFile()
        .filter(file -> !Files.isRegularFile(file) || !Files.isReadable(file))
        .ifPresent(
            file ->
                problems.add(
                    new ConfigProblem(
                        "certwatch.trust.extra-ca-file", "no readable file at " + file)));
    List<URI> directories = config.ari().directories();
    for (int i = 0; i < directories.size(); i++) {
      URI uri = directories.get(i);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null) {
        problems.add(
            new ConfigProblem(
                "certwatch.ari.directories[" + i + "]",
                "must be an http(s) URL, not '" + uri + "'"));
      }
    }

    Map<String, String> idOwners = new HashMap<>();
    Set<String> endpointIds = new HashSet<>();
    List<CertWatchConfig.Endpoint> endpoints = config.endpoints().orElse(List.of());
    for (int i = 0; i < endpoints.size(); i++) {
      CertWatchConfig.Endpoint e = endpoints.get(i);
      String key = "certwatch.endpoints[" + i + "]";
      id(problems, idOwners, key, e.id());
      endpointIds.add(e.id());
      if (e.host().isBlank()) {
        problems.add(new ConfigProblem(key + ".host", "must not be empty"));
      }
      if (e.port() < 1 || e.port() > 65535) {
        problems.add(new ConfigProblem(key + ".port", "must be 1-65535, not " + e.port()));
      }
      if (e.sni().isPresent() && e.sni().get().isBlank()) {
        problems.add(new ConfigProblem(key + ".sni", "must not be empty when set"));
      }
      if (e.address().isPresent() && e.address().get().isBlank()) {
        problems.add(new ConfigProblem(key + ".address", "must not be empty when set"));
      }
      if (e.families().isEmpty()) {
        problems.add(new ConfigProblem(key + ".families", "must name ipv4, ipv6 or both"));
      } else if (new HashSet<>(e.families()).size() != e.families().size()) {
        problems.add(new ConfigProblem(key + ".families", "names a family twice"));
      }
    }

    List<CertWatchConfig.CertificateFile> files = config.files().orElse(List.of());
    for (int i = 0; i < files.size(); i++) {
      CertWatchConfig.CertificateFile f = files.get(i);
      String key = "certwatch.files[" + i + "]";
      id(problems, idOwners, key, f.id());
      if (f.path().toString().isBlank()) {
        problems.add(new ConfigProblem(key + ".path", "must not be empty"));
      }
      f.servedBy()
          .filter(ref -> !endpointIds.contains(ref))
          .ifPresent(
              ref ->
                  problems.add(
                      new ConfigProblem(
                          key + ".served-by",
                          "names endpoint '"
                              + ref
                              + "', but no entry of certwatch.endpoints has that id")));
    }
    return problems;
  }

  private static void id(
      List<ConfigProblem> problems, Map<String, String> owners, String key, String id) {
    if (!ID.matcher(id).matches()) {
      problems.add(
          new ConfigProblem(
              key + ".id",
              "must be 1-63 letters, digits, '_', '.' or '-' (starting with a letter or digit), not '"
                  + id
                  + "'"));
      return;
    }
    String earlier = owners.putIfAbsent(id, key);
    if (earlier != null) {
      problems.add(new ConfigProblem(key + ".id", "'" + id + "' is already the id of " + earlier));
    }
  }

  private static void positive(List<ConfigProblem> problems, String key, Duration value) {
    if (value.isNegative() || value.isZero()) {
      problems.add(new ConfigProblem(key, "must be positive, not " + value));
    }
  }
}
