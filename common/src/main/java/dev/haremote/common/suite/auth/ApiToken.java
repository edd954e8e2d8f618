package dev.haremote.common.suite.auth;

import dev.haremote.common.redact.Redactor;
import dev.haremote.common.secret.SecretFile;
import dev.haremote.common.suite.ConfigCheck;
import dev.haremote.common.suite.ConfigProblem;
import dev.haremote.common.suite.SuiteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The suite's API token, from {@code suite.api-token} (env {@code SUITE_API_TOKEN}) or {@code
 * suite.api-token-file}. Read once; the value is registered with the Redactor and never leaves this
 * class except through {@link #matches}.
 */
@ApplicationScoped
public class ApiToken implements ConfigCheck {
  private final Optional<String> token;
  private final List<ConfigProblem> problems = new ArrayList<>();

  public ApiToken(SuiteConfig config) {
    Optional<String> inline = config.apiToken().map(String::strip).filter(t -> !t.isEmpty());
    inline.ifPresent(Redactor::registerSecret);
    Optional<String> fromFile = Optional.empty();
    if (config.apiTokenFile().isPresent()) {
      try {
        fromFile = Optional.of(SecretFile.read(config.apiTokenFile().get()));
      } catch (IllegalArgumentException e) {
        problems.add(new ConfigProblem("suite.api-token-file", e.getMessage()));
      }
    }
    if (inline.isPresent() && config.apiTokenFile().isPresent()) {
      problems.add(
          new ConfigProblem(
              "suite.api-token",
              "set either suite.api-token (env SUITE_API_TOKEN) or suite.api-token-file, not both"));
    }
    this.token = inline.isPresent() ? inline : fromFile;
  }

  /** True when a token is configured, i.e. writes are possible at all. */
  public boolean isConfigured() {
    return token.isPresent();
  }

  /** Compares in constant time (for equal lengths), so timing does not leak the token. */
  public boolean matches(String presented) {
    if (token.isEmpty() || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        token.get().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }
}
