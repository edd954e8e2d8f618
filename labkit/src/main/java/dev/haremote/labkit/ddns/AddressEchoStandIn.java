package dev.haremote.labkit.ddns;

/**
 * An HTTP echo service (ipify, icanhazip) that answers a body set by the test instead of the
 * caller's address, so a test on loopback can pretend to be behind any public address.
 */
public final class AddressEchoStandIn extends ProviderStandIn {
  private volatile String body;

  public AddressEchoStandIn(String body) {
    this.body = body;
  }

  /** Listening on {@code listen}, e.g. {@code ::1} so an IPv6 source can reach it. */
  public AddressEchoStandIn(java.net.InetAddress listen, String body) {
    super(listen);
    this.body = body;
  }

  /** What {@code GET /} answers from now on. */
  public void say(String body) {
    this.body = body;
  }

  public String url() {
    return baseUrl() + "/";
  }

  @Override
  protected Canned respond(Received request) {
    return text(200, body + "\n");
  }
}
