package dev.haremote.common.redact;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

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

  /** A canary with every character class an encoding treats specially. */
  private static final String CANARY = "duck tok/en+9c41=e7d2&é";

  static List<String> echoedForms() {
    byte[] raw = CANARY.getBytes(StandardCharsets.UTF_8);
    String urlUpper = URLEncoder.encode(CANARY, StandardCharsets.UTF_8);
    List<String> forms = new ArrayList<>();
    forms.add(CANARY);
    forms.add(urlUpper); // %2F, + for the space
    forms.add(lowerHex(urlUpper)); // %2f
    forms.add(urlUpper.replace("+", "%20"));
    forms.add(CANARY.replace("/", "%2F").replace(" ", "%20")); // encoded in part
    forms.add(CANARY.replace("/", "\\/")); // JSON-escaped
    forms.add(Base64.getEncoder().encodeToString(raw));
    forms.add(Base64.getEncoder().withoutPadding().encodeToString(raw));
    forms.add(Base64.getUrlEncoder().encodeToString(raw));
    forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
    forms.add(URLEncoder.encode(Base64.getEncoder().encodeToString(raw), StandardCharsets.UTF_8));
    for (String prefix : List.of("me:", "user:", "x")) { // each of the 3 base64 alignments
      byte[] inner = (prefix + CANARY + "@h").getBytes(StandardCharsets.UTF_8);
      forms.add(Base64.getEncoder().encodeToString(inner));
      forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(inner));
    }
    forms.add("https://h.example/update?token=" + urlUpper + "&ip=1");
    forms.add("https://me:" + urlUpper + "@h.example/");
    return forms;
  }

  private static String lowerHex(String encoded) {
    return java.util.regex.Pattern.compile("%[0-9A-F]{2}")
        .matcher(encoded)
        .replaceAll(m -> m.group().toLowerCase(java.util.Locale.ROOT));
  }

  @ParameterizedTest
  @MethodSource("echoedForms")
  void masksEveryFormAServerCanEchoASecretIn(String form) {
    Redactor.registerSecret(CANARY);
    String redacted = Redactor.redact("before " + form + " after");
    assertThat(redacted).startsWith("before ").endsWith(" after").contains(Redactor.MASK);
    for (String any : echoedForms()) {
      assertThat(redacted).doesNotContain(any);
    }
    // The longest piece of the canary's base64 that survives is shorter than a byte group.
    String b64 = Base64.getEncoder().withoutPadding().encodeToString(CANARY.getBytes(UTF_8));
    for (int i = 0; i + 4 <= b64.length(); i++) {
      assertThat(redacted).doesNotContain(b64.substring(i, i + 4));
    }
  }

  @Test
  void formsOfOneSecretLeaveOtherTextAlone() {
    Redactor.registerSecret(CANARY);
    String prose = "duck tok and en+9c41 are parts, ZHVjayB0b2 is not the whole";
    assertThat(Redactor.redact(prose)).isEqualTo(prose);
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
