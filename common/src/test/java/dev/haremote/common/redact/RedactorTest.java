package dev.haremote.common.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

  @AfterEach
  void forget() {
    Redactor.forgetAllForTest();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://www.duckdns.org/update?domains=home&token=abc-123&ip= | https://www.duckdns.org/update?domains=home&token=***&ip=",
        "GET /nic/update?hostname=h&password=hunter22 failed | GET /nic/update?hostname=h&password=*** failed",
        "api_token=xyz1 | api_token=***",
        "client_secret=s3; next | client_secret=***; next",
        "suite.api-token=abcd in config | suite.api-token=*** in config",
        "https://me:pa55@dynupdate.no-ip.com/nic/update | https://***@dynupdate.no-ip.com/nic/update",
        "Authorization: Bearer eyJhbGciOi.x.y | Authorization: Bearer ***",
        "authorization=Basic dXNlcjpwYXNz | authorization=Basic ***",
        "sent Bearer abc.def-123 upstream | sent Bearer *** upstream",
        "{\"api_token\": \"t0k\\\"en\", \"name\": \"x\"} | {\"api_token\": \"***\", \"name\": \"x\"}",
        "secret file /run/secrets/token does not exist | secret file /run/secrets/token does not exist",
        "basic checks passed, token-file=/run/secrets/duckdns | basic checks passed, token-file=/run/secrets/duckdns",
      })
  void masksPatternsAndLeavesProseAlone(String input, String expected) {
    assertThat(Redactor.redact(input)).isEqualTo(expected);
  }

  @Test
  void masksRegisteredSecretsWhereverTheyAppear() {
    Redactor.registerSecret("  s3cr3t-value\n");
    assertThat(Redactor.redact("connect failed for s3cr3t-value@host (s3cr3t-value)"))
        .isEqualTo("connect failed for ***@host (***)");
  }

  @Test
  void masksTheLongerOfTwoOverlappingSecretsAsAWhole() {
    Redactor.registerSecret("abcd");
    Redactor.registerSecret("abcdefgh");
    assertThat(Redactor.redact("x abcdefgh y abcd")).isEqualTo("x *** y ***");
  }

  @Test
  void ignoresValuesTooShortToBeSecrets() {
    Redactor.registerSecret("ab");
    Redactor.registerSecret(null);
    assertThat(Redactor.redact("a table")).isEqualTo("a table");
  }

  @Test
  void nullAndEmptyStayAsTheyAre() {
    assertThat(Redactor.redact(null)).isNull();
    assertThat(Redactor.redact("")).isEmpty();
  }

  @Test
  void registeringWhileRedactingOnOtherThreadsLosesNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        tasks.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    Redactor.registerSecret("secret-" + thread + "-" + i);
                    Redactor.redact("noise secret-" + thread + "-" + i);
                  }
                }));
      }
      for (Future<?> task : tasks) {
        task.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int t = 0; t < 4; t++) {
      for (int i = 0; i < 200; i++) {
        assertThat(Redactor.redact("[secret-" + t + "-" + i + "]")).isEqualTo("[***]");
      }
    }
  }
}
