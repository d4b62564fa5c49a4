package org.titansync.notify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP front for tests, in front of GreenMail's plain SMTP port. GreenMail 2.1 has no
 * STARTTLS (greenmail issue #135), so this front offers it, upgrades with GreenMail's own test
 * certificate and then relays the encrypted session to GreenMail. It can also turn the first
 * connections away with a 421, as a busy relay does.
 */
final class SmtpFront implements AutoCloseable {
  private static final char[] STORE_PASSWORD = "changeit".toCharArray();

  private final ServerSocket server;
  private final int target;
  private final boolean startTls;
  private final AtomicInteger refuse;
  private final SSLContext ssl;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<String> clearText = new CopyOnWriteArrayList<>();
  private final AtomicInteger upgraded = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();

  private SmtpFront(int target, boolean startTls, int refuse) throws Exception {
    this.target = target;
    this.startTls = startTls;
    this.refuse = new AtomicInteger(refuse);
    this.ssl = startTls ? sslContext() : null;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** Offers STARTTLS, then relays to GreenMail at {@code target}. */
  static SmtpFront withStartTls(int target) throws Exception {
    return new SmtpFront(target, true, 0);
  }

  /** Answers the first {@code n} connections with 421, then relays in the clear. */
  static SmtpFront refusingFirst(int n, int target) throws Exception {
    return new SmtpFront(target, false, n);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Commands the client sent before the TLS upgrade. */
  List<String> clearText() {
    return List.copyOf(clearText);
  }

  int upgrades() {
    return upgraded.get();
  }

  int connections() {
    return connections.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      OutputStream out = client.getOutputStream();
      if (refuse.getAndDecrement() > 0) {
        send(out, "421 4.3.2 busy, try again later");
        return;
      }
      if (!startTls) {
        relay(client, client.getInputStream(), out, false);
        return;
      }
      InputStream in = client.getInputStream();
      send(out, "220 front ESMTP");
      while (true) {
        String line = readLine(in);
        if (line == null) {
          return;
        }
        clearText.add(line);
        String verb = line.toUpperCase(Locale.ROOT);
        if (verb.startsWith("EHLO")) {
          send(out, "250-front\r\n250-STARTTLS\r\n250 8BITMIME");
        } else if (verb.startsWith("STARTTLS")) {
          send(out, "220 2.0.0 ready to start TLS");
          break;
        } else if (verb.startsWith("QUIT")) {
          send(out, "221 bye");
          return;
        } else {
          send(out, "530 5.7.0 must issue STARTTLS first");
        }
      }
      SSLSocket tls =
          (SSLSocket)
              ssl.getSocketFactory()
                  .createSocket(client, client.getInetAddress().getHostAddress(), 0, false);
      tls.setUseClientMode(false);
      tls.startHandshake();
      upgraded.incrementAndGet();
      try (tls) {
        relay(tls, tls.getInputStream(), tls.getOutputStream(), true);
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** Pipes the client to GreenMail both ways; after STARTTLS GreenMail's greeting is not wanted. */
  private void relay(Socket client, InputStream in, OutputStream out, boolean skipGreeting)
      throws IOException {
    try (Socket back = new Socket(InetAddress.getLoopbackAddress(), target)) {
      InputStream backIn = back.getInputStream();
      if (skipGreeting) {
        readLine(backIn);
      }
      OutputStream backOut = back.getOutputStream();
      threads.execute(
          () -> {
            try {
              in.transferTo(backOut);
              back.shutdownOutput();
            } catch (IOException e) {
              // either side closed
            }
          });
      backIn.transferTo(out);
      client.shutdownOutput();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        return line.toString(StandardCharsets.US_ASCII).stripTrailing();
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
  }

  private static void send(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static SSLContext sslContext() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = SmtpFront.class.getResourceAsStream("/greenmail.p12")) {
      store.load(in, STORE_PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, STORE_PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
