package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.mail.CapturedLogs;

/** `sync` against the sandbox with [email] on: the mail a run sends, or the note it leaves. */
class MailEndToEndTest {
  private static final String PASSWORD = "E2e-Pw-83kQz-never-shown";

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP}))
          .withConfiguration(
              GreenMailConfiguration.aConfig()
                  .withUser("titan-sync@district.org", "titan-sync", PASSWORD));

  @TempDir Path dir;

  private static String email(int port) {
    return "[email]\n"
        + "enabled = true\n"
        + "host = \"127.0.0.1\"\n"
        + "port = "
        + port
        + "\n"
        + "starttls = false\n"
        + "username = \"titan-sync\"\n"
        + "password = \""
        + PASSWORD
        + "\"\n"
        + "from = \"titan-sync@district.org\"\n"
        + "to = [\"it@district.org\"]\n";
  }

  private static String sample() {
    return Path.of("samples/staff.csv").toAbsolutePath().toString();
  }

  @Test
  void anAppliedRunMailsItsChangesAndQuietRunsAfterItDoNot() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig(email(SMTP.getSmtp().getPort()));

      CliHarness.Result applied = h.run("sync", sample());
      assertEquals(0, applied.exit(), applied.out() + applied.err());
      String runId = h.lastRun().getFileName().toString();
      MimeMessage[] got = SMTP.getReceivedMessages();
      assertEquals(1, got.length);
      assertTrue(
          got[0].getSubject().matches("\\[titan-sync] Applied \\d+ changes\\."),
          got[0].getSubject());
      String whole = GreenMailUtil.getWholeMessage(got[0]);
      assertTrue(whole.contains("multipart/alternative"), whole);
      String text = GreenMailUtil.getBody(got[0]);
      assertTrue(text.contains(runId), "run id in the mail");

      CliHarness.Result quiet = h.run("sync", sample());
      assertEquals(0, quiet.exit());
      assertTrue(quiet.lastLine().contains("nothing to do"), quiet.lastLine());
      h.run("sync", sample(), "--dry-run");
      assertEquals(1, SMTP.getReceivedMessages().length, "no mail for quiet runs or dry runs");
    }
  }

  @Test
  void aDryRunMailsWithSendOnAlwaysAndWritesNothing() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig(email(SMTP.getSmtp().getPort()) + "send_on = [\"always\"]\n");

      CliHarness.Result r = h.run("sync", sample(), "--dry-run");
      assertEquals(0, r.exit(), r.out() + r.err());
      MimeMessage[] got = SMTP.getReceivedMessages();
      assertEquals(1, got.length, "a dry run sends its mail when send_on says always");
      assertTrue(
          got[0].getSubject().matches("\\[titan-sync] Dry run: \\d+ changes would be made\\."),
          got[0].getSubject());
      assertEquals(0, h.sandbox().writeCount(), "a dry run writes nothing");
    }
  }

  @Test
  void anUnreachableTitanIsMailedAndTheExitCodeStays() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig(email(SMTP.getSmtp().getPort()));
      h.sandbox().close();

      CliHarness.Result r = h.run("sync", sample());
      assertEquals(5, r.exit(), r.out() + r.err());
      MimeMessage[] got = SMTP.getReceivedMessages();
      assertEquals(1, got.length);
      assertEquals(
          "[titan-sync] Failed: Titan could not be reached, nothing was written.",
          got[0].getSubject());
    }
  }

  @Test
  void aMailThatCannotBeSentIsNotedAndChangesNothingElse() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (CliHarness h = CliHarness.start(dir);
        CapturedLogs logs = CapturedLogs.start()) {
      h.extraConfig(email(closed));

      CliHarness.Result r = h.run("sync", sample());
      assertEquals(0, r.exit(), "the exit code says how the sync went: " + r.out() + r.err());
      assertTrue(
          r.out().contains("note: mail to it@district.org could not be sent (4 attempts)"),
          r.out());
      assertTrue(r.lastLine().contains("applied"), r.lastLine());

      Path run = h.lastRun();
      Map<String, Object> result = CliHarness.readJson(run.resolve("result.json"));
      assertEquals("applied", result.get("status"));
      assertEquals(0, result.get("exit_code"));
      @SuppressWarnings("unchecked")
      List<String> notes = (List<String>) result.get("notes");
      assertEquals(1, notes.size());
      assertTrue(notes.get(0).startsWith("mail to it@district.org could not be sent"));
      assertTrue(Files.readString(run.resolve("report.html")).contains("could not be sent"));

      StringBuilder files = new StringBuilder();
      try (Stream<Path> all = Files.walk(h.logs())) {
        for (Path f : all.filter(Files::isRegularFile).toList()) {
          files.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
        }
      }
      for (String text : List.of(r.out(), r.err(), logs.text(), files.toString())) {
        assertFalse(text.contains(PASSWORD), "the password leaked");
      }
      assertTrue(logs.warnings().stream().anyMatch(w -> w.contains("could not be sent")));
    }
  }
}
