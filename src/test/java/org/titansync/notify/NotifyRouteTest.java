package org.titansync.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.app.TitanSyncApp;
import org.titansync.config.ConfigLoader;
import org.titansync.config.SyncConfig;
import org.titansync.mail.CapturedLogs;
import org.titansync.mail.Runs;
import org.titansync.report.ReportWriter;
import org.titansync.run.RunSummary;
import org.titansync.store.StateFolder;

/**
 * The notify route with the real app and a real SMTP server (GreenMail): which runs send mail, what
 * arrives, TLS and login, retries, and what a mail that cannot be sent leaves behind.
 */
class NotifyRouteTest {
  /** Distinctive, so that finding it anywhere is a leak. */
  static final String PASSWORD = "Pw-Zq7xK93-never-shown";

  static final String LOGIN = "titan-sync";

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(
              ServerSetup.dynamicPort(
                  new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS}))
          .withConfiguration(
              GreenMailConfiguration.aConfig()
                  .withUser("titan-sync@district.org", LOGIN, PASSWORD));

  @TempDir Path dir;

  // GreenMail's certificate is self-signed and names no host: trust it, in tests only, through
  // JavaMail's own system properties (docs/operations.md, "Email").
  private static final List<String> TRUST =
      List.of(
          "mail.smtp.ssl.trust",
          "mail.smtps.ssl.trust",
          "mail.smtp.ssl.checkserveridentity",
          "mail.smtps.ssl.checkserveridentity");

  @BeforeAll
  static void trustTheTestCertificate() {
    System.setProperty("mail.smtp.ssl.trust", "*");
    System.setProperty("mail.smtps.ssl.trust", "*");
    System.setProperty("mail.smtp.ssl.checkserveridentity", "false");
    System.setProperty("mail.smtps.ssl.checkserveridentity", "false");
  }

  @AfterAll
  static void forgetIt() {
    TRUST.forEach(System::clearProperty);
  }

  /** [email] pointed at GreenMail's plain SMTP port, with login; {@code changes} win. */
  private SyncConfig config(Map<String, String> changes) throws Exception {
    Map<String, String> email = new LinkedHashMap<>();
    email.put("enabled", "true");
    email.put("host", "\"127.0.0.1\"");
    email.put("port", Integer.toString(SMTP.getSmtp().getPort()));
    email.put("starttls", "false");
    email.put("username", "\"" + LOGIN + "\"");
    email.put("password", "\"" + PASSWORD + "\"");
    email.put("from", "\"Titan Sync <titan-sync@district.org>\"");
    email.put("to", "[\"it@district.org\"]");
    email.put("cc", "[\"safety@district.org\"]");
    email.putAll(changes);
    // No Titan here: the notify route alone is under test.
    StringBuilder toml = new StringBuilder("[titan]\nbase_url = \"http://127.0.0.1:1\"\n[email]\n");
    email.forEach((k, v) -> toml.append(k).append(" = ").append(v).append('\n'));
    Path file = dir.resolve("config.toml");
    Files.writeString(file, toml, StandardCharsets.UTF_8);
    return ConfigLoader.load(file, Map.of());
  }

  /** Hands {@code run} to direct:notify as the sync route does, its run folder written. */
  private static RunSummary notify(SyncConfig config, RunSummary run, Map<String, Object> headers)
      throws Exception {
    StateFolder store = new StateFolder(config.paths().logs());
    new ReportWriter().writeResult(store, store.create(run.runId()), run);
    try (TitanSyncApp app = TitanSyncApp.start(config);
        ProducerTemplate producer = app.context().createProducerTemplate()) {
      return producer.requestBodyAndHeaders("direct:notify", run, headers, RunSummary.class);
    }
  }

  private static RunSummary notify(SyncConfig config, RunSummary run) throws Exception {
    return notify(config, run, Map.of());
  }

  private static MimeMessage onlyMailTo(String address) throws Exception {
    List<MimeMessage> got = new ArrayList<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      for (var r : m.getAllRecipients()) {
        if (r.toString().equals(address)) {
          got.add(m);
        }
      }
    }
    // GreenMail keeps one copy per recipient (to and cc): one mail to two people.
    assertEquals(1, got.size() == 2 ? 1 : got.size(), "mails: " + got.size());
    return got.get(0);
  }

  private static String part(MimeMessage m, String type) throws Exception {
    MimeMultipart alt = (MimeMultipart) m.getContent();
    for (int i = 0; i < alt.getCount(); i++) {
      if (alt.getBodyPart(i).isMimeType(type)) {
        return (String) alt.getBodyPart(i).getContent();
      }
    }
    throw new AssertionError("no " + type + " part");
  }

  @Test
  void anAppliedRunSendsOneMailWithAnEscapedHtmlBodyAndAPlainTextAlternative() throws Exception {
    RunSummary run = Runs.applied();
    RunSummary back = notify(config(Map.of()), run);

    assertEquals(run, back, "the summary comes back unchanged");
    assertEquals(2, SMTP.getReceivedMessages().length, "it@ and safety@ (cc)");
    MimeMessage m = onlyMailTo("it@district.org");
    assertEquals("[titan-sync] Applied 2 changes.", m.getSubject());
    assertEquals("safety@district.org", m.getRecipients(Message.RecipientType.CC)[0].toString());
    assertTrue(m.isMimeType("multipart/alternative"), m.getContentType());
    String text = part(m, "text/plain");
    String html = part(m, "text/html");
    assertTrue(text.contains("José Núñez") && html.contains("José Núñez"), "UTF-8 survives");
    assertTrue(text.contains(run.runId()) && html.contains(run.runId()));
    assertTrue(html.contains("Ann &lt;b&gt;bold&lt;/b&gt;"), html);
    assertFalse(html.contains("<b>bold"), html);
    assertTrue(text.contains("Ann <b>bold</b>"), text);
    assertTrue(m.getContentType().contains("alternative"));
    assertTrue(part(m, "text/html").contains("<h2 style=\"font-size:1.1em\">By school</h2>"));
  }

  @Test
  void aHeldRunsMailNamesTheCauseAndTheCommands() throws Exception {
    SyncConfig config = config(Map.of());
    RunSummary run = Runs.held();
    notify(config, run);

    MimeMessage m = onlyMailTo("it@district.org");
    assertEquals(
        "[titan-sync] Held for approval: 412 people would leave Lincoln Elementary.",
        m.getSubject());
    String text = part(m, "text/plain");
    assertTrue(text.contains("more than guardrails.max_removals (50)"), text);
    assertTrue(
        text.contains("titan-sync approve " + run.runId() + " --config " + config.configFile()),
        text);
    assertTrue(
        text.contains(
            "titan-sync sync \"" + Runs.INPUT + "\" --dry-run --config " + config.configFile()),
        text);
  }

  @Test
  void failedRunsSendMailSayingSo() throws Exception {
    SyncConfig config = config(Map.of());
    notify(config, Runs.partlyFailed());
    notify(config, Runs.unreachable());

    List<String> subjects = new ArrayList<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      if (m.getRecipients(Message.RecipientType.TO) != null && !subjects.contains(m.getSubject())) {
        subjects.add(m.getSubject());
      }
    }
    assertEquals(
        List.of(
            "[titan-sync] Partly failed: 1 of 2 changes applied.",
            "[titan-sync] Failed: Titan could not be reached, nothing was written."),
        subjects);
    String partly = GreenMailUtil.getWholeMessage(SMTP.getReceivedMessages()[0]);
    assertTrue(partly.contains("email is already used by another user"), "Titan's answer");
  }

  @Test
  void quietRunsAndDryRunsSendNothingUnlessSendOnSaysSo() throws Exception {
    SyncConfig defaults = config(Map.of());
    notify(defaults, Runs.nothingToDo(List.of()));
    notify(defaults, Runs.dryRun());
    assertEquals(0, SMTP.getReceivedMessages().length);

    SyncConfig heldOnly = config(Map.of("send_on", "[\"held\"]", "cc", "[]"));
    notify(heldOnly, Runs.applied());
    notify(heldOnly, Runs.unreachable());
    assertEquals(0, SMTP.getReceivedMessages().length);
    notify(heldOnly, Runs.held());
    assertEquals(1, SMTP.getReceivedMessages().length);

    SyncConfig errors = config(Map.of("send_on", "[\"errors\"]", "cc", "[]"));
    notify(errors, Runs.nothingToDo(List.of(Runs.rowError(14))));
    assertEquals(2, SMTP.getReceivedMessages().length);
    MimeMessage m = SMTP.getReceivedMessages()[1];
    assertEquals(
        "[titan-sync] No changes: Titan already matches the file. 1 row was skipped.",
        m.getSubject());
    assertTrue(
        part(m, "text/plain").contains("line 14, Row Person 14 (E3014, x@) [email]"),
        "errors with line numbers and the person");

    SyncConfig always = config(Map.of("send_on", "[\"always\"]", "cc", "[]"));
    notify(always, Runs.dryRun());
    assertEquals(
        "[titan-sync] Dry run: 1 change would be made.",
        SMTP.getReceivedMessages()[2].getSubject());
  }

  @Test
  void headersOfTheRunNeverReachTheMailAndComeBackToTheCaller() throws Exception {
    SyncConfig config = config(Map.of("cc", "[]"));
    RunSummary run = Runs.applied();
    StateFolder store = new StateFolder(config.paths().logs());
    new ReportWriter().writeResult(store, store.create(run.runId()), run);
    Map<String, Object> headers =
        Map.of("Subject", "stray subject", "To", "someone@elsewhere.org", "CC", "x@y.org");
    Exchange back;
    try (TitanSyncApp app = TitanSyncApp.start(config);
        ProducerTemplate producer = app.context().createProducerTemplate()) {
      back =
          producer.request(
              "direct:notify",
              ex -> {
                ex.getMessage().setBody(run);
                ex.getMessage().setHeaders(new java.util.HashMap<>(headers));
              });
    }
    MimeMessage[] got = SMTP.getReceivedMessages();
    assertEquals(1, got.length);
    assertEquals("[titan-sync] Applied 2 changes.", got[0].getSubject());
    assertEquals("it@district.org", got[0].getAllRecipients()[0].toString());
    // The caller gets its message back as it sent it: the summary and its own headers only.
    assertEquals(run, back.getMessage().getBody(RunSummary.class));
    assertEquals(headers, back.getMessage().getHeaders());
  }

  @Test
  void smtpsWithLoginDelivers() throws Exception {
    notify(
        config(
            Map.of(
                "ssl", "true",
                "port", Integer.toString(SMTP.getSmtps().getPort()),
                "cc", "[]")),
        Runs.applied());
    assertEquals(1, SMTP.getReceivedMessages().length);
  }

  @Test
  void starttlsUpgradesBeforeTheLoginAndDelivers() throws Exception {
    try (SmtpFront front = SmtpFront.withStartTls(SMTP.getSmtp().getPort())) {
      RunSummary run = Runs.applied();
      RunSummary back =
          notify(
              config(
                  Map.of("starttls", "true", "port", Integer.toString(front.port()), "cc", "[]")),
              run);
      assertEquals(run, back);
      assertEquals(1, front.upgrades());
      assertEquals(1, SMTP.getReceivedMessages().length);
      for (String line : front.clearText()) {
        assertFalse(line.toUpperCase(java.util.Locale.ROOT).startsWith("AUTH"), line);
      }
    }
  }

  @Test
  void starttlsIsRequiredSoAServerWithoutItGetsNeitherMailNorPassword() throws Exception {
    // GreenMail's plain port offers no STARTTLS.
    RunSummary back = notify(config(Map.of("starttls", "true", "cc", "[]")), Runs.applied());
    assertEquals(0, SMTP.getReceivedMessages().length);
    assertEquals(1, back.notes().size(), back.notes().toString());
    assertTrue(back.notes().get(0).contains("STARTTLS"), back.notes().get(0));
  }

  @Test
  void aCertificateThatDoesNotNameTheServerIsRefused() throws Exception {
    // Trusted but issued to another name: JavaMail's host name check (on by default) refuses it.
    System.clearProperty("mail.smtps.ssl.checkserveridentity");
    RunSummary back;
    try {
      back =
          notify(
              config(
                  Map.of(
                      "ssl", "true",
                      "port", Integer.toString(SMTP.getSmtps().getPort()),
                      "cc", "[]")),
              Runs.applied());
    } finally {
      System.setProperty("mail.smtps.ssl.checkserveridentity", "false");
    }
    assertEquals(0, SMTP.getReceivedMessages().length);
    assertTrue(back.notes().get(0).contains("could not be sent"), back.notes().toString());
  }

  @Test
  void anAddressNoServerWouldTakeIsNotedWithoutRetrying() throws Exception {
    RunSummary back =
        notify(config(Map.of("to", "[\"it desk@district.org\"]", "cc", "[]")), Runs.held());
    assertEquals(0, SMTP.getReceivedMessages().length);
    assertFalse(back.notes().get(0).contains("attempts"), "not redelivered: " + back.notes());
    assertTrue(
        back.notes().get(0).startsWith("mail to it desk@district.org could not be sent: "),
        back.notes().get(0));
  }

  @Test
  void aWrongPasswordIsNotedInTheReportsAndChangesNothingElse() throws Exception {
    String wrong = "Wrong-Pw-Zq7xK93-also-secret";
    SyncConfig config = config(Map.of("password", "\"" + wrong + "\"", "cc", "[]"));
    RunSummary run = Runs.applied();
    RunSummary back;
    String logs;
    try (CapturedLogs captured = CapturedLogs.start()) {
      back = notify(config, run);
      logs = captured.text();
    }
    assertEquals(0, SMTP.getReceivedMessages().length);
    assertEquals(run.status(), back.status());
    assertEquals(run.message(), back.message());
    assertEquals(run.outcomes(), back.outcomes());
    assertEquals(1, back.notes().size());
    String note = back.notes().get(0);
    assertTrue(note.startsWith("mail to it@district.org could not be sent"), note);

    Path runDir = config.paths().logs().resolve("runs").resolve(run.runId());
    assertTrue(Files.readString(runDir.resolve("result.json")).contains(note.substring(0, 40)));
    assertTrue(Files.readString(runDir.resolve("report.txt")).contains(note.substring(0, 40)));
    assertTrue(logs.contains(note), "logged as a warning: " + logs);
    assertNoSecret(wrong, logs, back.notes().toString(), folderText(config.paths().logs()));
  }

  @Test
  void anUnreachableServerIsRetriedThenNoted() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    SyncConfig config = config(Map.of("port", Integer.toString(closed), "cc", "[]"));
    RunSummary run = Runs.held();
    long start = System.nanoTime();
    RunSummary back;
    String logs;
    try (CapturedLogs captured = CapturedLogs.start()) {
      back = notify(config, run);
      logs = captured.text();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis >= 3000, "waits 0.5 + 1 + 2 s between the 4 attempts: " + millis);
    assertEquals(run.status(), back.status(), "the exit code still says held");
    assertTrue(back.notes().get(0).contains("could not be sent (4 attempts)"), back.notes().get(0));
    assertTrue(back.notes().get(0).contains("127.0.0.1"), back.notes().get(0));
    assertNoSecret(PASSWORD, logs, back.notes().toString(), folderText(config.paths().logs()));
  }

  @Test
  void aBusyServerIsRetriedUntilItTakesTheMail() throws Exception {
    try (SmtpFront front = SmtpFront.refusingFirst(2, SMTP.getSmtp().getPort())) {
      RunSummary run = Runs.applied();
      RunSummary back =
          notify(config(Map.of("port", Integer.toString(front.port()), "cc", "[]")), run);
      assertEquals(run, back, "no note: the third attempt went through");
      assertEquals(3, front.connections());
      assertEquals(1, SMTP.getReceivedMessages().length);
    }
  }

  @Test
  void thePasswordAppearsNowhere() throws Exception {
    SyncConfig config = config(Map.of("attach_reports", "true", "cc", "[]"));
    RunSummary run = Runs.held();
    String logs;
    try (CapturedLogs captured = CapturedLogs.start()) {
      notify(config, run);
      logs = captured.text();
    }
    MimeMessage[] got = SMTP.getReceivedMessages();
    assertEquals(1, got.length);
    assertTrue(logs.contains("sent to it@district.org"), "the log is captured: " + logs);
    assertNoSecret(
        PASSWORD,
        logs,
        GreenMailUtil.getWholeMessage(got[0]),
        folderText(config.paths().logs()),
        config.toString(),
        config.email().toString());
  }

  static void assertNoSecret(String secret, String... texts) {
    assertNotNull(secret);
    for (String text : texts) {
      assertFalse(text.contains(secret), "the password leaked into: " + abbreviate(text, secret));
    }
  }

  private static String abbreviate(String text, String secret) {
    int at = text.indexOf(secret);
    return text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 50));
  }

  /** Every file under a folder, as text. */
  static String folderText(Path folder) throws IOException {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        b.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
      }
    }
    assertTrue(
        b.length() > 0, "nothing under " + folder + ": " + Arrays.toString(folder.toFile().list()));
    return b.toString();
  }
}
