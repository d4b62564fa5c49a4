package org.titansync.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's mail through a real MTA (Exim: STARTTLS with a private certificate, AUTH over TLS
 * only), sent by {@code titan-sync sync --sandbox} in a JVM of its own that trusts the server's
 * certificate as docs/operations.md tells districts to: a trust store named by {@code
 * javax.net.ssl.trustStore}.
 */
class EximMailTest {
  private static final String PASSWORD = "Right-pass-7";

  @TempDir Path dir;

  @Test
  void aRunMailIsDeliveredWhole() throws Exception {
    try (EximServer mta = EximServer.start(PASSWORD)) {
      Path config = config(mta, PASSWORD);
      assertEquals(0, sync(mta, config), read(dir.resolve("err.txt")));

      String mbox = mta.mailbox();
      assertTrue(mbox.contains("helo=district.example"), "EHLO names the mail domain: " + mbox);
      assertEquals(1, mta.count("H=(district.example)"), mta.log());
      assertEquals(1, mta.count("A=plain:titan") + mta.count("A=login:titan"), "AUTH over TLS");
      assertEquals(1, mta.count(" X=TLS"), "STARTTLS: " + mta.log());

      MimeMessage mail = parse(mbox);
      assertTrue(mail.getSubject().startsWith("[Sûreté]"), mail.getSubject());
      assertEquals("Titan Sync <titan-sync@district.example>", mail.getHeader("From", ","));
      assertEquals("it@district.example", mail.getHeader("To", ","));
      assertTrue(mail.getMessageID().endsWith("@district.example>"), mail.getMessageID());
      assertEquals("auto-generated", mail.getHeader("Auto-Submitted", ","));
      List<String> parts = new ArrayList<>();
      Multipart alternative = (Multipart) mail.getContent();
      for (int i = 0; i < alternative.getCount(); i++) {
        Part part = alternative.getBodyPart(i);
        parts.add(
            part.getContentType().replaceAll(";.*", "").strip().toLowerCase(java.util.Locale.ROOT));
        String body = String.valueOf(part.getContent());
        assertTrue(body.contains("Zoë") && body.contains("Müller"), part.getContentType());
      }
      assertEquals(List.of("text/plain", "text/html"), parts);
    }
  }

  @Test
  void aWrongPasswordCostsOneFailedAuth() throws Exception {
    try (EximServer mta = EximServer.start(PASSWORD)) {
      Path config = config(mta, "not-the-password");
      assertEquals(0, sync(mta, config), "a mail that fails never fails the run");
      assertEquals(1, mta.count("authenticator failed"), mta.log());
      assertEquals("", mta.mailbox());
    }
  }

  /** doctor logs in once and sends a test mail; with a wrong password it names the fix. */
  @Test
  void doctorChecksTheLoginAndSendsATestMail() throws Exception {
    try (EximServer mta = EximServer.start(PASSWORD)) {
      Path config = config(mta, PASSWORD);
      assertEquals(
          0, cli(mta, "doctor", "--sandbox", "--test-mail", "--config", config.toString()));
      String out = read(dir.resolve("out.txt"));
      assertTrue(
          out.contains("ok    mail: 127.0.0.1:" + mta.port() + " answers over STARTTLS"), out);
      assertTrue(out.contains("ok    mail: test mail sent to it@district.example"), out);
      assertTrue(mta.mailbox().contains("titan-sync can send mail from this machine."));
      assertTrue(mta.mailbox().contains("@district.example>"), "Message-ID: " + mta.mailbox());

      config = config(mta, "not-the-password");
      assertEquals(2, cli(mta, "doctor", "--sandbox", "--config", config.toString()));
      out = read(dir.resolve("out.txt"));
      assertTrue(out.contains("FIX   mail: 127.0.0.1:" + mta.port() + " refused the login"), out);
      assertEquals(1, mta.count("authenticator failed"), mta.log());
    }
  }

  private Path config(EximServer mta, String password) throws Exception {
    Path config = dir.resolve("config.toml");
    Files.writeString(
        config,
        "[paths]\nlogs = \""
            + dir.resolve("logs")
            + "\"\n"
            + "[email]\n"
            + "enabled = true\n"
            + "host = \"127.0.0.1\"\n"
            + "port = "
            + mta.port()
            + "\n"
            + "username = \""
            + EximServer.USER
            + "\"\n"
            + "password = \""
            + password
            + "\"\n"
            + "from = \"Titan Sync <titan-sync@district.example>\"\n"
            + "to = [\"it@district.example\"]\n"
            + "subject_prefix = \"[Sûreté]\"\n"
            + "send_on = [\"always\"]\n",
        StandardCharsets.UTF_8);
    // It holds the mail password: readable by its owner only, or doctor asks to fix that first.
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    return config;
  }

  /** {@code sync --sandbox} in a JVM that trusts the test server's certificate. */
  private int sync(EximServer mta, Path config) throws Exception {
    return cli(
        mta,
        "sync",
        "--sandbox",
        "--config",
        config.toString(),
        Path.of("samples/staff.csv").toAbsolutePath().toString());
  }

  /** titan-sync ARGS in a JVM that trusts the test server's certificate. */
  private int cli(EximServer mta, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Djavax.net.ssl.trustStore=" + mta.trustStore(),
                "-Djavax.net.ssl.trustStorePassword=changeit",
                "-cp",
                classPath(),
                "org.titansync.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectOutput(dir.resolve("out.txt").toFile());
    pb.redirectError(dir.resolve("err.txt").toFile());
    pb.environment().remove("TITAN_SYNC_SMTP_PASSWORD");
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("sync did not end");
    }
    return p.exitValue();
  }

  private static MimeMessage parse(String mbox) throws Exception {
    String message = mbox.substring(mbox.indexOf('\n') + 1); // without mbox's "From " line
    return new MimeMessage(
        Session.getInstance(new Properties()),
        new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
  }

  private static String classPath() {
    return java.util.Arrays.stream(
            System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(e -> !e.contains("surefirebooter"))
        .distinct()
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
