package org.titansync.notify;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.titansync.testing.Await;
import org.titansync.testing.ServerFolder;

/**
 * A real MTA for the mail tests: Debian's Exim (exim4-daemon-light) as its own daemon, with a
 * config of its own on a free loopback port: STARTTLS with a test certificate made here, AUTH
 * (PLAIN and LOGIN, offered only over TLS) for one user, and every mail delivered to one mailbox
 * file the test reads back. Its log says what the client did (EHLO name, failed AUTHs). In CI
 * (CI=true) a missing Exim fails the test; elsewhere it skips it. .ci/run installs it.
 */
final class EximServer implements AutoCloseable {
  static final String USER = "titan";
  private static final Path EXIM = Path.of("/usr/sbin/exim4");
  private static final String EXIM_USER = "Debian-exim";

  private final Path dir;
  private final int port;
  private final String password;
  private Process process;

  private EximServer(Path dir, int port, String password) {
    this.dir = dir;
    this.port = port;
    this.password = password;
  }

  static EximServer start(String password) throws Exception {
    String why = null;
    if (!Files.isExecutable(EXIM)) {
      why = EXIM + " is missing: install Debian's exim4-daemon-light (.ci/run does)";
    } else if (!"0".equals(run(List.of("id", "-u")).strip())) {
      why = "the Exim tests run as root";
    }
    if (why != null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    Path dir = ServerFolder.create("exim", "exim-" + System.nanoTime());
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EximServer server = new EximServer(dir, port, password);
    server.prepare();
    server.startProcess();
    return server;
  }

  private void prepare() throws Exception {
    for (String folder : List.of("spool", "log", "mail")) {
      Files.createDirectories(dir.resolve(folder));
      giveToExim(dir.resolve(folder));
    }
    run(
        List.of(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            dir.resolve("key.pem").toString(),
            "-out",
            dir.resolve("cert.pem").toString()));
    giveToExim(dir.resolve("key.pem"));
    // What docs/operations.md tells a district with a private CA: a trust store for the JVM.
    run(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-importcert",
            "-noprompt",
            "-alias",
            "test-mta",
            "-file",
            dir.resolve("cert.pem").toString(),
            "-keystore",
            trustStore().toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            "changeit"));
    String check = "{eq{$auth%s}{" + USER + "}}{eq{$auth%s}{" + password + "}}";
    String config =
        String.join(
            "\n",
            "primary_hostname = mail.test",
            "exim_user = " + EXIM_USER,
            "exim_group = " + EXIM_USER,
            "spool_directory = " + dir.resolve("spool"),
            "log_file_path = " + dir.resolve("log") + "/%slog",
            "pid_file_path = " + dir.resolve("exim.pid"),
            "daemon_smtp_ports = " + port,
            "local_interfaces = 127.0.0.1",
            "tls_advertise_hosts = *",
            "tls_certificate = " + dir.resolve("cert.pem"),
            "tls_privatekey = " + dir.resolve("key.pem"),
            "auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}",
            "acl_smtp_rcpt = check_rcpt",
            "log_selector = +smtp_connection",
            "host_lookup =",
            "rfc1413_hosts =",
            "begin acl",
            "check_rcpt:",
            "  accept authenticated = *",
            "  deny message = authentication required",
            "begin routers",
            "everyone:",
            "  driver = accept",
            "  transport = mailbox",
            "begin transports",
            "mailbox:",
            "  driver = appendfile",
            "  file = " + dir.resolve("mail/mailbox"),
            "  user = " + EXIM_USER,
            "begin authenticators",
            "plain:",
            "  driver = plaintext",
            "  public_name = PLAIN",
            "  server_prompts = :",
            "  server_condition = ${if and {" + String.format(check, "2", "3") + "}}",
            "  server_set_id = $auth2",
            "login:",
            "  driver = plaintext",
            "  public_name = LOGIN",
            "  server_prompts = Username:: : Password::",
            "  server_condition = ${if and {" + String.format(check, "1", "2") + "}}",
            "  server_set_id = $auth1",
            "");
    Files.writeString(dir.resolve("exim.conf"), config);
  }

  private void startProcess() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            EXIM.toString(), "-C", dir.resolve("exim.conf").toString(), "-bdf", "-q1s");
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("exim.out").toFile());
    process = pb.start();
    Await.until(
        "exim listening, or its end",
        Duration.ofSeconds(20),
        () -> log().contains("listening for SMTP") || !process.isAlive());
    if (!process.isAlive()) {
      throw new AssertionError("exim did not start: " + log() + read(dir.resolve("exim.out")));
    }
  }

  int port() {
    return port;
  }

  /** A PKCS12 trust store (password "changeit") holding the server's certificate. */
  Path trustStore() {
    return dir.resolve("trust.p12");
  }

  /** Exim's main log. */
  String log() {
    return read(dir.resolve("log/mainlog"));
  }

  /**
   * Every mail delivered, in mbox form, once every mail Exim took is delivered: Exim says 250 as
   * soon as a mail is in its spool and delivers it to the mailbox a moment later, so a mailbox read
   * at once can miss the mail the client was just told was taken.
   */
  String mailbox() {
    Await.until(
        "exim delivered every mail it took",
        Duration.ofSeconds(20),
        () -> count(" <= ") == count(" Completed"));
    return read(dir.resolve("mail/mailbox"));
  }

  /** How many lines of the main log contain {@code text}. */
  int count(String text) {
    return (int) log().lines().filter(l -> l.contains(text)).count();
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void giveToExim(Path file) throws IOException {
    UserPrincipal exim =
        file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(EXIM_USER);
    Files.setOwner(file, exim);
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(command.get(0) + " failed: " + out);
    }
    return out;
  }
}
