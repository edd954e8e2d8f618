package dev.haremote.labkit.bind;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;

/**
 * A DNS-over-TCP server that answers every message with NOERROR without doing anything: unsigned,
 * or signed with a key of its own choosing. It stands for a spoofed or misconfigured server; a
 * client that trusts such an answer would report a change that never happened.
 */
public final class ForgedUpdateResponder implements AutoCloseable {
  private final ServerSocket server;
  private final TSIG signWith;
  private final AtomicInteger requests = new AtomicInteger();
  private final Thread thread;

  /**
   * @param signWith null for unsigned answers, else the (wrong) key to sign them with
   */
  public ForgedUpdateResponder(TSIG signWith) throws IOException {
    this.signWith = signWith;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.thread = new Thread(this::serve, "forged-update-responder");
    thread.setDaemon(true);
    thread.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public int requests() {
    return requests.get();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] query = new byte[in.readUnsignedShort()];
        in.readFully(query);
        requests.incrementAndGet();
        Message request = new Message(query);
        Message answer = new Message(request.getHeader().getID());
        answer.getHeader().setFlag(Flags.QR);
        answer.getHeader().setOpcode(request.getHeader().getOpcode());
        answer.getHeader().setRcode(Rcode.NOERROR);
        if (request.getQuestion() != null) {
          answer.addRecord(request.getQuestion(), 0);
        }
        if (signWith != null) {
          answer.setTSIG(signWith, Rcode.NOERROR, request.getTSIG());
        }
        byte[] wire = answer.toWire(65535);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeShort(wire.length);
        out.write(wire);
        out.flush();
      } catch (IOException e) {
        // next connection
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
