package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, cases 1 and 2: a person who can write to the inbox only (an SFTP upload account, a
 * share) names entries so that the daemon would reach outside the inbox, or stall on them. The real
 * daemon against the sandbox, mail on.
 */
class InboxNamesTest {
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final String SECRET = "DB_PASSWORD=hunter2-outside-9Xq";
  private static final String ATTACKER = "the uploader's own bytes\n";

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

  /**
   * Case 1. A folder stays in the inbox ({@code a}: here titan-sync's own lock folder under a plain
   * name, as the docs allow; an uploader can also make one again as fast as it is quarantined), and
   * names that, with {@code \} read as {@code /}, climb out of it: to a file of secrets next to the
   * inbox, to a folder there, and to the guardrails' window. None of them is opened, quoted or
   * moved; each name is refused unopened and quarantined under a safe name, its content intact.
   */
  @Test
  void backslashNamesReachNothingOutsideTheInbox() throws Exception {
    Path home = dir.resolve("d");
    try (DaemonHarness h = DaemonHarness.start(home);
        LogLines logs = LogLines.start()) {
      h.writeConfig("lock_dir = \"inbox/a\"\n" + email());
      Path secret = Files.writeString(home.resolve("secret.env"), SECRET + "\n");
      Path folder = Files.createDirectories(home.resolve("somefolder"));
      Files.writeString(folder.resolve("notes.txt"), "kept where it is\n");
      h.startDaemon();
      // A first export makes the guardrails' window.
      Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("monday.csv"));
      Path window = home.resolve("logs/guard-window.json");
      await("the first export applied", WAIT, io(() -> files(home.resolve("archive")).size() == 1));
      assertTrue(Files.isRegularFile(window), "the first run wrote the window");
      byte[] windowBefore = Files.readAllBytes(window);
      int mailsBefore = SMTP.getReceivedMessages().length;
      assertTrue(Files.isDirectory(h.inbox().resolve("a")), "the folder a stays in the inbox");

      List<String> names =
          List.of(
              "a\\..\\..\\secret.env",
              "a\\..\\..\\somefolder",
              "a\\..\\..\\logs\\guard-window.json");
      for (String name : names) {
        Files.writeString(h.inbox().resolve(name), ATTACKER);
      }
      Path logsDir = home.resolve("logs");
      await(
          "the names out of the inbox, or something outside it gone",
          WAIT,
          io(
              () ->
                  inboxNames(h).equals(List.of("a"))
                      || !Files.exists(secret)
                      || !Files.exists(folder)
                      || !Files.exists(window)));
      // Every run so far mailed (a run's mail goes out before its file moves).
      await(
          "a mail per run",
          WAIT,
          io(() -> SMTP.getReceivedMessages().length >= runs(logsDir).size()));
      List<String> everything = new ArrayList<>();
      everything.add(logs.text());
      for (MimeMessage m : SMTP.getReceivedMessages()) {
        everything.add(GreenMailUtil.getWholeMessage(m));
      }
      for (Path p : files(home)) {
        if (!p.equals(secret)) {
          everything.add(Files.readString(p, StandardCharsets.ISO_8859_1));
        }
      }
      assertAll(
          "nothing outside the inbox is read, quoted, moved or changed",
          () -> assertEquals(SECRET + "\n", Files.readString(secret), "secret.env"),
          () -> assertEquals("kept where it is\n", Files.readString(folder.resolve("notes.txt"))),
          () -> assertArrayEquals(windowBefore, Files.readAllBytes(window), "guard-window.json"),
          () ->
              assertTrue(
                  everything.stream().noneMatch(t -> t.contains("hunter2")),
                  "the secret is quoted in the logs, a mail, a report or a reason file"));

      await("the names out of the inbox", WAIT, io(() -> inboxNames(h).equals(List.of("a"))));
      assertEquals(mailsBefore + 3, SMTP.getReceivedMessages().length, "one mail per name");
      List<Path> quarantined = new ArrayList<>();
      try (Stream<Path> s = Files.list(home.resolve("quarantine"))) {
        s.filter(p -> !p.getFileName().toString().endsWith(".reason.txt"))
            .sorted()
            .forEach(quarantined::add);
      }
      assertEquals(3, quarantined.size(), quarantined.toString());
      for (Path q : quarantined) {
        String shown = q.getFileName().toString();
        assertFalse(shown.contains("\\"), "a safe name: " + shown);
        assertEquals(ATTACKER, Files.readString(q), "moved by its own entry, content intact");
        String reason = Files.readString(InboxFolders.reasonFile(q));
        assertTrue(reason.contains("a\\..\\..\\"), reason);
        assertTrue(reason.contains("backslash"), reason);
      }
      for (Path run : runs(logsDir).subList(1, 4)) {
        assertEquals("refused", DaemonHarness.status(run));
        assertFalse(Files.exists(run.resolve("input.csv")), "nothing opened nor copied");
      }

      // The inbox goes on: the next export is applied.
      dropChanged(h, "tuesday.csv", "Mariana");
      await("the next export applied", WAIT, () -> firstName(h, "E1001").equals("Mariana"));
    }
  }

  /**
   * Case 2. A name with a backslash and no such folder, older than the next export: it is refused
   * unopened and quarantined, and the export dropped after it is applied.
   */
  @Test
  void aBadNameDoesNotHoldBackTheNextExport() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      h.writeConfig("");
      h.startDaemon();
      Path bad = Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("x\\staff.csv"));
      Files.setLastModifiedTime(bad, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
      dropChanged(h, "staff.csv", "Mariana");

      await("the newer export applied", WAIT, () -> firstName(h, "E1001").equals("Mariana"));
      await("the bad name quarantined", WAIT, io(() -> inboxNames(h).isEmpty()));
      List<Path> quarantined = files(dir.resolve("quarantine"));
      assertEquals(2, quarantined.size(), "the entry and its reason: " + quarantined);
      Path moved =
          quarantined.stream()
              .filter(p -> !p.getFileName().toString().endsWith(".reason.txt"))
              .findFirst()
              .orElseThrow();
      assertArrayEquals(Files.readAllBytes(DaemonHarness.SAMPLE), Files.readAllBytes(moved));
      assertEquals(1, files(dir.resolve("archive")).size());
      await(
          "readiness UP",
          WAIT,
          () -> h.get("/observe/health/ready?exposureLevel=full").status() == 200);
    }
  }

  /**
   * Case 2, when even quarantine fails: the bad name is set aside in the inbox, readiness goes DOWN
   * naming it (escaped), and the next export is still applied.
   */
  @Test
  void aBadNameThatCannotBeQuarantinedIsSetAsideAndTheNextExportGoesOn() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir);
        LogLines logs = LogLines.start()) {
      h.writeConfig("");
      h.startDaemon();
      // The quarantine folder cannot take anything: a file sits in its place.
      Path quarantine = dir.resolve("quarantine");
      Files.delete(quarantine);
      Files.writeString(quarantine, "not a folder\n");
      String name = "x\\sta\nff.csv";
      Path bad = Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve(name));
      Files.setLastModifiedTime(bad, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
      dropChanged(h, "staff.csv", "Mariana");

      await("the newer export applied", WAIT, () -> firstName(h, "E1001").equals("Mariana"));
      await("the newer export archived", WAIT, io(() -> files(dir.resolve("archive")).size() == 1));
      // The name as titan-sync shows it: the line break escaped (and the JSON escapes that once).
      String shown = "x\\sta\\nff.csv could not be moved out of the inbox";
      await(
          "readiness DOWN naming the entry",
          WAIT,
          () -> {
            DaemonHarness.Answer a = h.get("/observe/health/ready?exposureLevel=full");
            return a.status() == 503 && messages(a.body()).contains(shown);
          });
      assertTrue(logs.text().contains("inbox stuck: " + shown), logs.text());
      assertEquals(List.of(name), inboxNames(h), "set aside where it is");
      assertArrayEquals(Files.readAllBytes(DaemonHarness.SAMPLE), Files.readAllBytes(bad));
      assertEquals(1, files(dir.resolve("archive")).size());
    }
  }

  /** The checks' messages in a health answer, parsed from its JSON. */
  private static String messages(String json) {
    try {
      StringBuilder all = new StringBuilder();
      for (var check :
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("checks")) {
        all.append(check.path("message").asText()).append('\n');
      }
      return all.toString();
    } catch (IOException e) {
      return "";
    }
  }

  /** The inbox's entries but hidden ones, sorted. */
  static List<String> inboxNames(DaemonHarness h) throws IOException {
    try (Stream<Path> s = Files.list(h.inbox())) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    }
  }

  /** The sample export with E1001's first name changed, dropped whole into the inbox. */
  static void dropChanged(DaemonHarness h, String name, String firstName) throws IOException {
    String csv =
        Files.readString(DaemonHarness.SAMPLE, StandardCharsets.UTF_8)
            .replace("E1001,Maria,", "E1001," + firstName + ",");
    Path part = h.inbox().resolve(name + ".part");
    Files.writeString(part, csv, StandardCharsets.UTF_8);
    Files.move(part, h.inbox().resolve(name));
  }

  /** E1001's first name in the sandbox, empty when there is no such user. */
  static String firstName(DaemonHarness h, String externalId) {
    for (Map<String, Object> user : h.sandbox().users()) {
      if (externalId.equals(user.get("external_id"))) {
        return String.valueOf(user.get("first_name"));
      }
    }
    return "";
  }
}
