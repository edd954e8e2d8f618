package dev.haremote.certwatch.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrivateKeyMatchTest {
  private static final TestCertificates.Issued CA = TestCertificates.root("Key Test CA");

  static Stream<Arguments> keys() {
    Function<KeyPair, String> pkcs8 = TestCertificates::pkcs8;
    Function<KeyPair, String> traditional = TestCertificates::traditional;
    return Stream.of(
        Arguments.of("rsa pkcs8", TestCertificates.rsa(), pkcs8),
        Arguments.of("rsa traditional", TestCertificates.rsa(), traditional),
        Arguments.of("ec pkcs8", TestCertificates.ec(), pkcs8),
        Arguments.of("ec traditional", TestCertificates.ec(), traditional));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void matchingAndOtherKey(String name, KeyPair keys, Function<KeyPair, String> format) {
    TestCertificates.Issued leaf =
        TestCertificates.leaf(
            CA, List.of("home.test"), Instant.now(), Instant.now().plusSeconds(3600), keys);
    byte[] own = format.apply(keys).getBytes(StandardCharsets.US_ASCII);
    PrivateKeyMatch mine = PrivateKeyMatch.check(own, leaf.certificate());
    assertThat(mine.matches()).as(mine.toString()).isTrue();
    // A UTF-8 byte order mark before the block (Windows editors) is read past, as OpenSSL does.
    byte[] withBom = new byte[own.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(own, 0, withBom, 3, own.length);
    PrivateKeyMatch bom = PrivateKeyMatch.check(withBom, leaf.certificate());
    assertThat(bom.matches()).as(bom.toString()).isTrue();

    KeyPair other =
        "RSA".equals(keys.getPrivate().getAlgorithm())
            ? TestCertificates.rsa()
            : TestCertificates.ec();
    byte[] wrong = format.apply(other).getBytes(StandardCharsets.US_ASCII);
    assertThat(PrivateKeyMatch.check(wrong, leaf.certificate()).matches()).isFalse();

    // An RSA key for an EC certificate (or the reverse) is a mismatch too, not an error.
    KeyPair otherAlgorithm =
        "RSA".equals(keys.getPrivate().getAlgorithm())
            ? TestCertificates.ec()
            : TestCertificates.rsa();
    PrivateKeyMatch cross =
        PrivateKeyMatch.check(
            format.apply(otherAlgorithm).getBytes(StandardCharsets.US_ASCII), leaf.certificate());
    assertThat(cross.matches()).as(cross.toString()).isFalse();
    assertThat(cross.reason()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void garbageKeyIsBadKey(String name, KeyPair keys, Function<KeyPair, String> format) {
    TestCertificates.Issued leaf =
        TestCertificates.leaf(
            CA, List.of("home.test"), Instant.now(), Instant.now().plusSeconds(3600), keys);
    PrivateKeyMatch result =
        PrivateKeyMatch.check("not a key".getBytes(StandardCharsets.US_ASCII), leaf.certificate());
    assertThat(result.matches()).isNull();
    assertThat(result.reason()).isEqualTo(Reason.BAD_KEY);
  }
}
