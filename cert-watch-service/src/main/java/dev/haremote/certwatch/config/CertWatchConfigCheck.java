package dev.haremote.certwatch.config;

import dev.haremote.certwatch.file.CertificateParser;
import dev.haremote.certwatch.file.FileBytes;
import dev.haremote.common.net.IpFamily;
import dev.haremote.common.suite.ConfigCheck;
import dev.haremote.common.suite.ConfigProblem;
import dev.haremote.common.suite.config.ConfigFiles;
import dev.haremote.common.suite.config.ConfigRules;
import dev.haremote.common.suite.config.UnmappedKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
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
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  private final CertWatchConfig config;

  public CertWatchConfigCheck(CertWatchConfig config) {
    this.config = config;
  }

  @Override
  public List<ConfigProblem> problems() {
    List<ConfigProblem> problems = new ArrayList<>();
    problems.addAll(
        UnmappedKeys.problems(ConfigFiles.ofThisProcess(), "certwatch", CertWatchConfig.class));
    ConfigRules.interval(problems, "certwatch.interval", config.interval());
    ConfigRules.timeout(problems, "certwatch.timeouts.endpoint", config.timeouts().endpoint());
    ConfigRules.timeout(problems, "certwatch.timeouts.file", config.timeouts().file());
    ConfigRules.timeout(problems, "certwatch.timeouts.ari", config.timeouts().ari());
    ConfigRules.interval(
        problems, "certwatch.ari.default-retry-after", config.ari().defaultRetryAfter());
    ConfigRules.interval(problems, "certwatch.ari.error-backoff", config.ari().errorBackoff());
    ConfigRules.interval(problems, "certwatch.clock.tolerance", config.clock().tolerance());
    ConfigRules.timeout(problems, "certwatch.clock.timeout", config.clock().timeout());
    config
        .clock()
        .referenceUrl()
        .filter(uri -> !isHttpUrl(uri))
        .ifPresent(
            uri ->
                problems.add(
                    new ConfigProblem(
                        "certwatch.clock.reference-url",
                        "must be an http(s) URL with a host, not '" + uri + "'")));
    if (config.limits().maxFileBytes() < 1024) {
      problems.add(new ConfigProblem("certwatch.limits.max-file-bytes", "must be at least 1024"));
    }
    if (config.limits().maxCertificates() < 1) {
      problems.add(new ConfigProblem("certwatch.limits.max-certificates", "must be at least 1"));
    }
    config.trust().extraCaFile().ifPresent(file -> extraCaFile(problems, file));
    List<URI> directories = config.ari().directories();
    for (int i = 0; i < directories.size(); i++) {
      URI uri = directories.get(i);
      if (!isHttpUrl(uri)) {
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
      ConfigRules.port(problems, key + ".port", e.port());
      ConfigRules.hostOrIpv4(problems, key + ".host", e.host());
      e.address().ifPresent(a -> ConfigRules.hostOrIpv4(problems, key + ".address", a));
      if (e.sni().isPresent() && e.sni().get().isBlank()) {
        problems.add(new ConfigProblem(key + ".sni", "must not be empty when set"));
      }
      if (e.address().isPresent() && e.address().get().isBlank()) {
        problems.add(new ConfigProblem(key + ".address", "must not be empty when set"));
      }
      e.address()
          .filter(CertWatchConfigCheck::isIpLiteral)
          .ifPresent(
              address -> {
                IpFamily literalFamily = address.contains(":") ? IpFamily.IPV6 : IpFamily.IPV4;
                for (IpFamily family : e.families()) {
                  if (family != literalFamily) {
                    problems.add(
                        new ConfigProblem(
                            key + ".families",
                            "includes "
                                + family.key()
                                + ", but address "
                                + address
                                + " is an "
                                + literalFamily.key()
                                + " address (use a name to check both families)"));
                  }
                }
              });
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

  /** The bundle is read once at start-up: a bad one must be a config line, not a stack trace. */
  private void extraCaFile(List<ConfigProblem> problems, Path file) {
    String key = "certwatch.trust.extra-ca-file";
    FileBytes bytes = FileBytes.read(file, config.limits().maxFileBytes());
    if (!bytes.ok()) {
      problems.add(new ConfigProblem(key, bytes.detail() + " (" + bytes.reason() + ")"));
      return;
    }
    CertificateParser.Parsed parsed = CertificateParser.parse(bytes.bytes(), 1000);
    if (!parsed.ok()) {
      problems.add(
          new ConfigProblem(
              key, "not a PEM bundle of CA certificates: " + parsed.detail() + " in " + file));
    }
  }

  private static boolean isHttpUrl(URI uri) {
    return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
        && uri.getHost() != null;
  }

  private static boolean isIpLiteral(String address) {
    return address.contains(":") || IPV4.matcher(address).matches();
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
}
