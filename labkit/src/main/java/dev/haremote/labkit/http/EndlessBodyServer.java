package dev.haremote.labkit.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Sends valid response headers and then a body that never ends (plain until-close, chunked, or a
 * huge Content-Length), as fast as the client reads it: a probe without a body cap would read
 * forever.
 */
public final class EndlessBodyServer implements AutoCloseable {
  /** How the endless body is framed. */
  public enum Framing {
    UNTIL_CLOSE,
    CHUNKED,
    HUGE_CONTENT_LENGTH
  }

  private final MiniHttpServer server;

  private EndlessBodyServer(MiniHttpServer server) {
    this.server = server;
  }

  public static EndlessBodyServer start(Framing framing) throws IOException {
    byte[] block = new byte[8192];
    Arrays.fill(block, (byte) 'x');
    byte[] chunkHead =
        (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    return new EndlessBodyServer(
        MiniHttpServer.start(
            InetAddress.getLoopbackAddress(),
            0,
            ex -> {
              Map<String, String> headers =
                  switch (framing) {
                    case UNTIL_CLOSE -> Map.of("Content-Type", "text/plain", "Connection", "close");
                    case CHUNKED ->
                        Map.of("Content-Type", "text/plain", "Transfer-Encoding", "chunked");
                    case HUGE_CONTENT_LENGTH ->
                        Map.of("Content-Type", "text/plain", "Content-Length", "1099511627776");
                  };
              ex.writeHead(200, headers);
              OutputStream out = ex.out();
              while (true) {
                if (framing == Framing.CHUNKED) {
                  out.write(chunkHead);
                  out.write(block);
                  out.write('\r');
                  out.write('\n');
                } else {
                  out.write(block);
                }
                out.flush();
              }
            }));
  }

  public URI url() {
    return server.url(null, "/");
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
