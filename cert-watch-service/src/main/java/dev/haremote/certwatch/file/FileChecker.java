package dev.haremote.certwatch.file;

import dev.haremote.certwatch.check.Observation;
import dev.haremote.certwatch.check.Reason;
import dev.haremote.certwatch.check.SourceKind;
import dev.haremote.certwatch.config.CertWatchConfig;
import dev.haremote.common.tls.ChainVerifier;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Checks one certificate file (and its key): bounded in size, in certificate count and in time (a
 * hung network mount must not stall the round: the read runs on its own thread and is abandoned at
 * the deadline).
 */
public class FileChecker {
  private final ChainVerifier verifier;
  private final ExecutorService readers;
  private final Duration timeout;
  private final long maxBytes;
  private final int maxCertificates;
  private final Clock clock;
  private final Supplier<Instant> verificationTime;

  public FileChecker(
      ChainVerifier verifier,
      ExecutorService readers,
      Duration timeout,
      long maxBytes,
      int maxCertificates,
      Clock clock,
      Supplier<Instant> verificationTime) {
    this.verifier = verifier;
    this.readers = readers;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
    this.maxCertificates = maxCertificates;
    this.clock = clock;
    this.verificationTime = verificationTime;
  }

  public Observation check(CertWatchConfig.CertificateFile file) {
    Future<Observation> future = readers.submit(() -> read(file));
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return failed(
          file, Reason.TIMEOUT, "reading " + file.path() + " took longer than " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return failed(file, Reason.TIMEOUT, "interrupted while reading " + file.path());
    } catch (ExecutionException e) {
      return failed(file, Reason.INTERNAL_ERROR, "unexpected error while reading " + file.path());
    }
  }

  private Observation read(CertWatchConfig.CertificateFile file) {
    FileBytes bytes = FileBytes.read(file.path(), maxBytes);
    if (!bytes.ok()) {
      return failed(file, bytes.reason(), bytes.detail());
    }
    CertificateParser.Parsed parsed = CertificateParser.parse(bytes.bytes(), maxCertificates);
    if (!parsed.ok()) {
      return failed(file, parsed.reason(), parsed.detail() + " in " + file.path());
    }
    // The key is read first: it tells which certificate of the file is the server's own, so a
    // file written intermediate-first is judged by its real leaf.
    Boolean keyMatches = null;
    String failure = null;
    String failureDetail = null;
    byte[] keyBytes = null;
    if (file.key().isPresent()) {
      FileBytes key = FileBytes.read(file.key().get(), maxBytes);
      if (!key.ok()) {
        failure = keyReadFailure(key.reason());
        failureDetail = "key: " + key.detail();
      } else {
        keyBytes = key.bytes();
      }
    }
    PrivateKeyMatch.Key key = keyBytes == null ? null : PrivateKeyMatch.read(keyBytes);
    ChainVerifier.Verification verification =
        verifier.verify(
            parsed.certificates(),
            verificationTime.get(),
            key == null || !key.ok() ? null : c -> Boolean.TRUE.equals(key.matches(c).matches()));
    if (key != null) {
      X509Certificate leaf =
          verification.leaf() != null ? verification.leaf() : parsed.certificates().get(0);
      PrivateKeyMatch match = key.matches(leaf);
      keyMatches = match.matches();
      if (match.reason() != null) {
        failure = match.reason();
        failureDetail = "key " + file.key().get() + ": " + match.detail();
      }
    }
    return new Observation(
        file.id(),
        SourceKind.FILE,
        /* family */ null,
        clock.instant(),
        parsed.certificates(),
        verification,
        /* hostnameMatch */ null,
        keyMatches,
        failure,
        failureDetail);
  }

  /**
   * The code of a key file that could not be read: the certificate file's code for the same cause
   * ({@code permission_denied}, {@code not_a_file}, {@code too_large}, {@code empty_file}, {@code
   * io_error}), except a missing key, which keeps its own {@code key_not_found}. {@code bad_key}
   * stays for a key file that was read but holds no usable key.
   */
  static String keyReadFailure(String fileReason) {
    return Reason.NOT_FOUND.equals(fileReason) || Reason.BROKEN_SYMLINK.equals(fileReason)
        ? Reason.KEY_NOT_FOUND
        : fileReason;
  }

  private Observation failed(CertWatchConfig.CertificateFile file, String reason, String detail) {
    return Observation.failed(file.id(), SourceKind.FILE, null, clock.instant(), reason, detail);
  }
}
