package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.files;
import static org.titansync.daemon.DaemonHarness.io;
import static org.titansync.daemon.DaemonHarness.runs;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.cli.TitanSyncCommand;

/**
 * Never follow a link, show names safely, keep the inbox moving, and tell the truth in health: the
 * real daemon against the sandbox (and GreenMail where a mail is due).
 */
class DaemonSafetyTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SECRET = "TITAN_API_KEY=never-shown-7Qz9";

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP}));

  @TempDir Path dir;

  private static String email() {
    return "[email]\n"
        + "enabled = true\n"
        + "host = \"127.0.0.1\"\n"
        + "port = "
        + SMTP.getSmtp().getPort()
        + "\n"
        + "starttls = false\n"
        + "from = \"titan-sync@district.org\"\n"
        + "to = [\"it@district.org\"]\n";
  }

  @Test
  void aLinkInTheInboxIsRefusedWithoutBeingOpenedAndOnlyItsNameIsShown() throws Exception {
    Path secret = Files.writeString(dir.resolve("titan.env"), SECRET + "\n");
    try (DaemonHarness h = DaemonHarness.start(dir.resolve("d"));
        LogLines logs = LogLines.start()) {
      h.writeConfig(email());
      h.startDaemon();
      Path link = Files.createSymbolicLink(h.inbox().resolve("staff.csv"), secret);
      Path quarantined = h.dir().resolve("quarantine/staff.csv");
      await(
          "the link in quarantine/",
          WAIT,
          () -> Files.exists(quarantined, LinkOption.NOFOLLOW_LINKS));
      await("its mail", WAIT, () -> SMTP.getReceivedMessages().length == 1);

      assertTrue(Files.isSymbolicLink(quarantined), "the link itself was moved, not a copy");
      assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
      assertEquals(SECRET + "\n", Files.readString(secret), "its target is untouched");
      String reason = Files.readString(h.dir().resolve("quarantine/staff.csv.reason.txt"));
      assertTrue(reason.contains("staff.csv is a symbolic link"), reason);
      MimeMessage[] mails = SMTP.getReceivedMessages();
      String mail = GreenMailUtil.getWholeMessage(mails[0]);
      assertTrue(mail.contains("symbolic link"), mail);

      List<Path> runs = runs(h.dir().resolve("logs"));
      assertEquals(1, runs.size());
      assertEquals("refused", DaemonHarness.status(runs.get(0)));
      assertFalse(Files.exists(runs.get(0).resolve("input.csv")), "nothing copied from it");
      List<String> everything = new ArrayList<>(List.of(reason, mail, logs.text()));
      for (Path p : files(h.dir())) {
        if (!Files.isSymbolicLink(p)) {
          everything.add(Files.readString(p, StandardCharsets.ISO_8859_1));
        }
      }
      for (String text : everything) {
        assertFalse(text.contains("never-shown"), "the target's content never shows");
        assertFalse(text.contains(secret.toString()), "the target's path never shows");
      }
      assertTrue(logs.text().contains("staff.csv is a symbolic link"), logs.text());
    }
  }

  @Test
  void aFolderInTheInboxIsQuarantinedUnopenedButTheDaemonsOwnLockFolderStays() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(outside.resolve("titan.env"), SECRET + "\n");
    try (DaemonHarness h = DaemonHarness.start(dir.resolve("d"))) {
      // A lock folder in the inbox under a plain name: titan-sync's own, never refused.
      h.writeConfig("lock_dir = \"inbox/locks\"\n");
      h.startDaemon();
      Path lockDir = h.inbox().resolve("locks");
      Path folder = Files.createDirectories(h.inbox().resolve("exports"));
      Files.writeString(folder.resolve("staff.csv"), SECRET + "\n");
      Files.createSymbolicLink(h.inbox().resolve("shared"), outside);
      Path quarantine = h.dir().resolve("quarantine");
      await(
          "the folder and the link to a folder in quarantine/",
          WAIT,
          () ->
              Files.isDirectory(quarantine.resolve("exports"), LinkOption.NOFOLLOW_LINKS)
                  && Files.isSymbolicLink(quarantine.resolve("shared")));

      assertEquals(
          SECRET + "\n",
          Files.readString(quarantine.resolve("exports/staff.csv")),
          "the folder moved as it is");
      assertEquals(SECRET + "\n", Files.readString(outside.resolve("titan.env")));
      String reason = Files.readString(quarantine.resolve("exports.reason.txt"));
      assertTrue(reason.contains("exports is a folder"), reason);
      String linkReason = Files.readString(quarantine.resolve("shared.reason.txt"));
      assertTrue(linkReason.contains("shared is a symbolic link"), linkReason);
      for (String text : List.of(reason, linkReason)) {
        assertFalse(text.contains("never-shown"), text);
        assertFalse(text.contains(outside.toString()), text);
      }
      List<Path> runs = runs(h.dir().resolve("logs"));
      assertEquals(2, runs.size());
      for (Path run : runs) {
        assertEquals("refused", DaemonHarness.status(run));
        assertFalse(Files.exists(run.resolve("input.csv")), "nothing copied from it");
      }

      Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("staff.csv"));
      await(
          "the next file archived", WAIT, io(() -> files(h.dir().resolve("archive")).size() == 1));
      assertTrue(Files.isDirectory(lockDir), "the lock folder stays in the inbox");
      assertEquals(3, runs(h.dir().resolve("logs")).size(), "the lock folder was never run");
    }
  }

  @Test
  void aLogsFolderThatStaysFullIsMailedOnceNotAtEveryRetry() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      h.writeConfig("[sync]\nmin_free_mb = 1000000000\n" + email()); // more than any disk has
      Path logs = dir.resolve("logs");
      h.startDaemon();
      Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("staff.csv"));
      // The mail of a run goes out before its file is settled and tried again: once the third
      // run's result is there, the second run's mail would have been sent.
      await(
          "three runs stopped by the logs folder check",
          WAIT,
          io(
              () -> {
                List<Path> runs = runs(logs);
                return runs.size() >= 3
                    && Files.exists(runs.get(2).resolve("result.json"))
                    && "storage".equals(DaemonHarness.status(runs.get(2)));
              }));
      assertEquals(1, SMTP.getReceivedMessages().length, "one mail for the first such run");
      assertTrue(
          GreenMailUtil.getWholeMessage(SMTP.getReceivedMessages()[0]).contains("min_free_mb"),
          "the mail says why");
      assertTrue(Files.exists(h.inbox().resolve("staff.csv")), "the file waits in the inbox");
    }
  }

  @Test
  void aFifoIsRefusedWithoutBlockingAndTheFileAfterItGoesThrough() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      h.writeConfig("");
      h.startDaemon();
      Path fifo = h.inbox().resolve("export.csv");
      Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
      assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
      await(
          "the FIFO in quarantine/",
          WAIT,
          () -> Files.exists(dir.resolve("quarantine/export.csv"), LinkOption.NOFOLLOW_LINKS));
      String reason = Files.readString(dir.resolve("quarantine/export.csv.reason.txt"));
      assertTrue(reason.contains("not a regular file"), reason);

      Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("staff.csv"));
      await("the next file archived", WAIT, io(() -> files(dir.resolve("archive")).size() == 1));
    }
  }

  @Test
  void aLineBreakInAFileNameForgesNoLogLineNorReasonLineAndTheFileIsRefusedUnopened()
      throws Exception {
    String forged = "12:00:00.000 ERROR [] o.t.run.SyncJob: forged";
    try (DaemonHarness h = DaemonHarness.start(dir);
        LogLines logs = LogLines.start()) {
      h.writeConfig("");
      h.startDaemon();
      String name = "bad\n" + forged + ".csv";
      Files.writeString(h.inbox().resolve(name), "this is not the staff export\n");
      await(
          "the file in quarantine/", WAIT, io(() -> files(dir.resolve("quarantine")).size() == 2));

      List<Path> quarantined = files(dir.resolve("quarantine"));
      Path reasonFile =
          quarantined.stream()
              .filter(p -> p.getFileName().toString().endsWith(".reason.txt"))
              .findFirst()
              .orElseThrow();
      assertFalse(reasonFile.getFileName().toString().contains("\n"), "a safe name");
      String reason = Files.readString(reasonFile);
      assertTrue(reason.lines().noneMatch(l -> l.startsWith(forged)), reason);
      assertTrue(reason.contains("bad\\n12:00"), reason);
      assertTrue(reason.contains("control character"), reason);
      String layout = logs.layout();
      assertTrue(layout.lines().noneMatch(l -> l.startsWith(forged)), layout);
      assertTrue(layout.contains("bad\\n12:00"), layout);
      Path run = runs(dir.resolve("logs")).get(0);
      assertEquals("refused", DaemonHarness.status(run));
      assertFalse(Files.exists(run.resolve("input.csv")), "never opened");
    }
  }

  @Test
  void aNameTooLongToUseIsRefusedUnopenedAndNewerFilesFollow() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      h.writeConfig("");
      h.startDaemon();
      String longName = "staff-export-" + "x".repeat(233) + ".csv"; // 250 bytes: more than 200
      assertEquals(250, longName.length());
      Path older = h.inbox().resolve(longName);
      Files.copy(DaemonHarness.SAMPLE, older);
      Files.setLastModifiedTime(
          older, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
      Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("newer.csv"));

      await("the newer file archived", WAIT, io(() -> files(dir.resolve("archive")).size() == 1));
      await(
          "the long name quarantined",
          WAIT,
          io(() -> files(dir.resolve("quarantine")).size() == 2));
      Path shortened =
          files(dir.resolve("quarantine")).stream()
              .filter(p -> !p.getFileName().toString().endsWith(".reason.txt"))
              .findFirst()
              .orElseThrow();
      String shown = shortened.getFileName().toString();
      assertTrue(shown.contains("staff-export-") && shown.endsWith(".csv"), shown);
      assertTrue(shown.length() <= 200, shown);
      assertEquals(Files.readString(DaemonHarness.SAMPLE), Files.readString(shortened));
      String reason = Files.readString(InboxFolders.reasonFile(shortened));
      assertTrue(reason.contains("250 bytes long"), reason);
      assertEquals(2, runs(dir.resolve("logs")).size(), "one run each");
      try (Stream<Path> s = Files.list(h.inbox())) {
        assertTrue(s.allMatch(p -> p.getFileName().toString().startsWith(".")), "inbox empty");
      }
    }
  }

  @Test
  void aFileThatCannotBeMovedIsQuarantinedAndNewerFilesPass() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      h.writeConfig("");
      h.startDaemon();
      // Today's archive folder cannot be made: a file sits where it should be.
      Files.createDirectories(dir.resolve("archive"));
      Files.writeString(
          dir.resolve("archive").resolve(LocalDate.now(ZoneId.systemDefault()).toString()), "x");
      Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("first.csv"));
      await("first.csv quarantined", WAIT, () -> Files.exists(dir.resolve("quarantine/first.csv")));
      String reason = Files.readString(dir.resolve("quarantine/first.csv.reason.txt"));
      assertTrue(reason.contains("could not be moved where it belongs"), reason);

      Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("second.csv"));
      await(
          "second.csv quarantined", WAIT, () -> Files.exists(dir.resolve("quarantine/second.csv")));
      assertEquals(2, runs(dir.resolve("logs")).size(), "one run each");
    }
  }

  @Test
  void aFileFailingAgainAndAgainMakesReadinessDownWithTheReason() throws Exception {
    // Titan refuses the key at once: each attempt fails fast, and the file stays for a retry.
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      Path config = h.writeConfig("");
      String key = "api_key = \"" + h.sandbox().options().apiKey() + "\"";
      String toml = Files.readString(config);
      assertTrue(toml.contains(key), toml);
      Files.writeString(config, toml.replace(key, "api_key = \"not-the-key\""));
      h.startDaemon();
      Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("staff.csv"));
      await(
          "readiness to say the inbox is stuck",
          WAIT,
          () -> {
            DaemonHarness.Answer a = h.get("/observe/health/ready?exposureLevel=full");
            return a.status() == 503 && a.body().contains("staff.csv failed 3 times in a row");
          });
      assertTrue(Files.exists(h.inbox().resolve("staff.csv")), "still in the inbox");
    }
  }

  @Test
  void aForeignHolderOfTheInboxLockMakesReadinessDownWithALogLine() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir);
        LogLines logs = LogLines.start()) {
      h.writeConfig("");
      Path lockDir = Files.createDirectories(h.inbox().resolve(".titan-sync-lock"));
      Process holder = holdLock(lockDir.resolve("titan-sync"));
      try {
        h.startDaemon();
        Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("staff.csv"));
        await(
            "readiness to name the lock",
            WAIT,
            () ->
                h.get("/observe/health/ready?exposureLevel=full")
                    .body()
                    .contains("held by another process"));
        assertEquals(503, h.get("/observe/health/ready").status());
        assertEquals(
            1,
            logs.text().lines().filter(l -> l.contains("held by another process")).count(),
            "one log line for the state, not one per poll");
        assertTrue(Files.exists(h.inbox().resolve("staff.csv")), "nothing processed");
      } finally {
        holder.destroyForcibly().waitFor();
      }
      await(
          "the daemon to take the lock", WAIT, io(() -> files(dir.resolve("archive")).size() == 1));
      assertTrue(logs.text().contains("holds the inbox lock"), logs.text());
    }
  }

  @Test
  void aSecondDaemonOnABusyHealthPortRefusesToStartNamingThePortAndTheSetting() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir);
        ServerSocket busy =
            new ServerSocket(h.httpPort(), 50, java.net.InetAddress.getLoopbackAddress())) {
      Path config = h.writeConfig("");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit =
          TitanSyncCommand.execute(
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              "run",
              "--config",
              config.toString(),
              "--stop-after",
              "5");
      assertTrue(busy.isBound());
      assertEquals(2, exit, err.toString());
      String message = err.toString().strip();
      assertEquals(1, message.lines().count(), message);
      assertTrue(message.contains("127.0.0.1:" + h.httpPort()), message);
      assertTrue(message.contains("daemon.http_port"), message);
      assertFalse(message.contains("BindException\n"), message);
    }
  }

  /** A JVM that holds the lock file as another daemon would, until it is killed. */
  private Process holdLock(Path lockFile) throws Exception {
    Path source = dir.resolve("HoldLock.java");
    Files.writeString(
        source,
        """
        import java.nio.channels.FileChannel;
        import java.nio.file.*;
        public class HoldLock {
          public static void main(String[] a) throws Exception {
            FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
            c.lock();
            System.out.println("locked");
            System.out.flush();
            System.in.read(); // held until the test closes our input or ends us

          }
        }
        """);
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                source.toString(),
                lockFile.toString())
            .redirectErrorStream(true)
            .start();
    String first =
        new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    assertEquals("locked", first);
    return p;
  }
}
