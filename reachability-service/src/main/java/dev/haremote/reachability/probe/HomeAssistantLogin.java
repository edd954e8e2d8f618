package dev.haremote.reachability.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haremote.common.secret.SecretFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * The optional Home Assistant access token of one target ({@code ha-token-file}), used to finish
 * the WebSocket's auth phase: with it the check proves the whole path up to {@code auth_ok}, and
 * Home Assistant logs nothing (it warns about every connection closed in the auth phase).
 *
 * <p>A token Home Assistant refuses counts there as a failed login, and enough of them ban the
 * address. So a token is sent once and, while unproven, by one probe at a time; once refused it is
 * not sent again until the file holds another one. The token is read from the file for every use
 * (rotation needs no restart) and never leaves this class except onto the probed socket.
 */
public final class HomeAssistantLogin {
  /** {@code websocket_auth} values. */
  public static final String OK = "ok";

  public static final String REFUSED = "refused";
  public static final String WITHHELD = "withheld";

  private static final Logger LOG = Logger.getLogger(HomeAssistantLogin.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String targetId;
  private final Path tokenFile;
  private String provenDigest;
  private String refusedDigest;
  private String tryingDigest;

  public HomeAssistantLogin(String targetId, Path tokenFile) {
    this.targetId = targetId;
    this.tokenFile = tokenFile;
  }

  /** One use of the token: the auth message to send, or none (and why). */
  public record Attempt(String message, String digest, String withheldBecause) {
    public boolean send() {
      return message != null;
    }

    /** Never the message: it holds the token. */
    @Override
    public String toString() {
      return send() ? "Attempt[send]" : "Attempt[withheld: " + withheldBecause + "]";
    }
  }

  /** The auth message for the next WebSocket, unless the token is unreadable, refused or busy. */
  public synchronized Attempt begin() {
    String token;
    try {
      token = SecretFile.read(tokenFile);
    } catch (IllegalArgumentException e) {
      return new Attempt(null, null, e.getMessage());
    }
    String digest = digest(token);
    if (digest.equals(refusedDigest)) {
      return new Attempt(null, digest, "Home Assistant refused this token before");
    }
    if (!digest.equals(provenDigest)) {
      if (digest.equals(tryingDigest)) {
        return new Attempt(null, digest, "the token is being tried by another probe");
      }
      tryingDigest = digest;
    }
    String message =
        JSON.createObjectNode().put("type", "auth").put("access_token", token).toString();
    return new Attempt(message, digest, null);
  }

  /**
   * What Home Assistant answered to the auth message ({@code null}: no answer).
   *
   * @return the {@code websocket_auth} value: ok, refused (now or before, for this token), or
   *     withheld when nothing was learned
   */
  public synchronized String finish(Attempt attempt, String answer) {
    if (!attempt.send()) {
      return attempt.digest() != null && attempt.digest().equals(refusedDigest)
          ? REFUSED
          : WITHHELD;
    }
    if (attempt.digest().equals(tryingDigest)) {
      tryingDigest = null;
    }
    String type = typeOf(answer);
    if ("auth_ok".equals(type)) {
      provenDigest = attempt.digest();
      return OK;
    }
    if ("auth_invalid".equals(type)) {
      if (!attempt.digest().equals(refusedDigest)) {
        LOG.warnf(
            "Home Assistant refused the access token in %s (target %s); it is not sent again"
                + " until the file holds another token",
            tokenFile, targetId);
      }
      refusedDigest = attempt.digest();
      if (attempt.digest().equals(provenDigest)) {
        provenDigest = null;
      }
      return REFUSED;
    }
    return WITHHELD;
  }

  private static String typeOf(String answer) {
    if (answer == null) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(answer);
      return node == null ? null : node.path("type").asText(null);
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static String digest(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
