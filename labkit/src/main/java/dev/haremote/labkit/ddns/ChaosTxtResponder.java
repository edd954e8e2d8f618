package dev.haremote.labkit.ddns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Answers {@code whoami.cloudflare}-style questions over UDP on loopback: TXT of class CH with a
 * text set by the test (what 1.1.1.1 answers with the asker's address).
 */
public final class ChaosTxtResponder implements AutoCloseable {
  private final DatagramSocket socket;
  private volatile String text;

  public ChaosTxtResponder(String text) throws SocketException {
    this.text = text;
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread t = new Thread(this::serve, "chaos-txt");
    t.setDaemon(true);
    t.start();
  }

  public void say(String text) {
    this.text = text;
  }

  /** {@code 127.0.0.1:PORT} */
  public String hostPort() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  private void serve() {
    byte[] buffer = new byte[1500];
    while (!socket.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        socket.receive(p);
        byte[] q = java.util.Arrays.copyOf(p.getData(), p.getLength());
        Message query = new Message(q);
        Record question = query.getQuestion();
        Message answer = new Message(query.getHeader().getID());
        answer.getHeader().setFlag(Flags.QR);
        answer.addRecord(question, Section.QUESTION);
        if (question.getType() == Type.TXT && question.getDClass() == DClass.CH) {
          answer.addRecord(new TXTRecord(question.getName(), DClass.CH, 0, text), Section.ANSWER);
        } else {
          answer.getHeader().setRcode(Rcode.REFUSED);
        }
        byte[] wire = answer.toWire(512);
        socket.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
      } catch (SocketException closed) {
        return;
      } catch (IOException | RuntimeException e) {
        // ignore malformed questions
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
