package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.files;
import static org.titansync.daemon.DaemonHarness.io;
import static org.titansync.daemon.DaemonHarness.runs;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.mail.CapturedLogs;

/**
 * The SFTP source against a real OpenSSH server with a chrooted internal-sftp account (see {@link
 * OpenSshServer}), as districts run it: the cases of issue 25, each of which failed with the
 * camel-ftp consumer titan-sync had before.
 */
class OpenSshSourceTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final byte[] SAMPLE = read(DaemonHarness.SAMPLE);

  @TempDir Path dir;

  /** Case 1: the defaults (login folder, move) with a chroot: fetched once, moved, never again. */
  @Test
  void withTheDefaultsAFileIsFetchedOnceAndMovedToFetchedBesideIt() throws Exception {
    try (OpenSshServer sshd = OpenSshServer.start("defaults", "/uploads");
        DaemonHarness h = DaemonHarness.start(dir)) {
      h.writeConfig(sshd.sftpToml(sshd.password(), ""));
      h.startDaemon();
      sshd.put("/uploads/staff.csv", SAMPLE);

      Path archive = h.dir().resolve("archive");
      await("the file synced", WAIT, io(() -> files(archive).size() == 1));
      assertFalse(Files.exists(sshd.folder("/uploads/staff.csv")), "taken off the server");
      assertEquals(1, files(sshd.folder("/uploads/.fetched")).size(), "in /uploads/.fetched");
      h.awaitSftpPolls(8);
      assertEquals(1, runs(h.dir().resolve("logs")).size(), "pulled once, not again");
      assertEquals("applied", DaemonHarness.status(runs(h.dir().resolve("logs")).get(0)));
      assertEquals(1.0, metric(h, "titan_sync_sftp_files_fetched_total"));
    }
  }

  /**
   * Case 2: "/uploads" means /uploads of the chroot, whatever the login folder (here /uploads
   * itself, where camel-ftp's relative "uploads" meant /uploads/uploads).
   */
  @Test
  void anAbsoluteRemoteDirIsTakenAsItIs() throws Exception {
    try (OpenSshServer sshd = OpenSshServer.start("absolute", "/uploads");
        DaemonHarness h = DaemonHarness.start(dir)) {
      Files.createDirectories(sshd.folder("/uploads/uploads"));
      sshd.giveToUser(sshd.folder("/uploads/uploads"));
      h.writeConfig(sshd.sftpToml(sshd.password(), "remote_dir = \"/uploads\"\n"));
      h.startDaemon();
      sshd.put("/uploads/staff.csv", SAMPLE);
      sshd.put("/uploads/uploads/decoy.csv", SAMPLE);

      await("the file synced", WAIT, io(() -> files(h.dir().resolve("archive")).size() == 1));
      assertEquals(1, files(sshd.folder("/uploads/.fetched")).size(), "moved beside it");
      assertTrue(Files.exists(sshd.folder("/uploads/uploads/decoy.csv")), "not a relative path");
      assertEquals(List.of(), files(sshd.folder("/uploads/uploads/.fetched")));
    }
  }

  /**
   * Case 3: a folder the account may read but not change. The move is refused, so the file never
   * reaches the inbox, readiness names it, and it is not pulled again poll after poll.
   */
  @Test
  void aFileThatCannotBeMovedIsNeverTakenAndReadinessNamesIt() throws Exception {
    try (OpenSshServer sshd = OpenSshServer.start("readonly", "/uploads");
        DaemonHarness h = DaemonHarness.start(dir)) {
      Path uploads = sshd.folder("/uploads");
      sshd.put("/uploads/staff.csv", SAMPLE);
      Files.setOwner(uploads, Files.getOwner(uploads.getParent())); // root's, 0755: read-only
      h.writeConfig(sshd.sftpToml(sshd.password(), ""));
      h.startDaemon();

      Path logsDir = h.dir().resolve("logs");
      await(
          "readiness names the file (or the file synced again and again)",
          WAIT,
          io(
              () ->
                  h.get("/observe/health/ready?exposureLevel=full")
                          .body()
                          .contains("staff.csv cannot be moved")
                      || runs(logsDir).size() >= 2));
      assertEquals(List.of(), runs(logsDir), "no run: it was never taken");
      h.awaitSftpPolls(8);
      assertEquals(List.of(), runs(logsDir), "no run: it was never taken");
      assertEquals(503, h.get("/observe/health/ready").status());
      assertEquals(List.of(), exports(h.inbox()), "nothing in the inbox");
      assertEquals(1.0, metric(h, "titan_sync_sftp_failures_total{cause=\"move\""));
      assertTrue(Files.exists(uploads.resolve("staff.csv")), "left on the server");
    }
  }

  /**
   * Case 4: a file over max_file_mb is refused by its listed size, never downloaded (sshd sent far
   * fewer bytes than it holds), readiness names it, and the poller goes on with the next file.
   */
  @Test
  void aFileOverMaxFileMbIsNeverDownloadedAndTheNextOneIs() throws Exception {
    try (OpenSshServer sshd = OpenSshServer.start("big", "/uploads");
        DaemonHarness h = DaemonHarness.start(dir)) {
      h.writeConfig("[csv]\nmax_file_mb = 1\n" + sshd.sftpToml(sshd.password(), ""));
      sshd.put("/uploads/huge.csv", new byte[3 * 1024 * 1024]);
      h.startDaemon();
      await(
          "readiness names the big file (or a run for it)",
          WAIT,
          io(
              () ->
                  h.get("/observe/health/ready?exposureLevel=full").body().contains("huge.csv is")
                      || !runs(h.dir().resolve("logs")).isEmpty()));
      sshd.put("/uploads/staff.csv", SAMPLE);
      await("the next file synced", WAIT, io(() -> files(h.dir().resolve("archive")).size() == 1));
      assertEquals(1, runs(h.dir().resolve("logs")).size(), "no run for the big file");
      h.stopDaemon();
      await("sshd logged the connection's end", WAIT, () -> sshd.count("Transferred:") > 0);
      long most = sshd.mostBytesSentOnAConnection();
      assertTrue(most < 1024 * 1024, "sent " + most + " bytes on one connection");
    }
  }

  /**
   * Case 4: a file larger than the daemon's heap, within max_file_mb, is streamed to disk. The
   * daemon (a JVM of its own with 96 MB of heap) fetches it and then the next file: before, the
   * download went into the heap, ended in an OutOfMemoryError, and the poller never ran again.
   */
  @Test
  void aFileLargerThanTheHeapIsStreamedAndThePollerGoesOn() throws Exception {
    try (OpenSshServer sshd = OpenSshServer.start("heap", "/uploads");
        DaemonHarness h = DaemonHarness.start(dir)) {
      Path config =
          h.writeConfig(
              "[csv]\nmax_file_mb = 400\n"
                  + sshd.sftpToml(sshd.password(), "remote_dir = \".\"\n"));
      Path big = sshd.folder("/uploads/big.csv");
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(big))) {
        out.write("not,a,staff,export\n".getBytes(StandardCharsets.US_ASCII));
        byte[] line = ("x".repeat(1023) + "\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 160 * 1024; i++) {
          out.write(line);
        }
      }
      sshd.giveToUser(big);
      Process daemon = DaemonHarness.startChildWithHeap(config, "-Xmx96m");
      try {
        await(
            "the big file taken off the server",
            Duration.ofMinutes(2),
            io(() -> files(sshd.folder("/uploads/.fetched")).size() == 1));
        Files.delete(files(sshd.folder("/uploads/.fetched")).get(0));
        sshd.put("/uploads/staff.csv", SAMPLE);
        await(
            "the next file synced",
            Duration.ofMinutes(2),
            io(() -> files(h.dir().resolve("archive")).size() == 1));
        assertTrue(daemon.isAlive());
        String err = Files.readString(h.dir().resolve("err.txt"));
        assertFalse(err.contains("OutOfMemoryError"), err);
      } finally {
        daemon.destroy();
        daemon.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        for (Path p : files(h.dir())) {
          if (Files.size(p) > 10_000_000) {
            Files.delete(p); // the copies of the big file
          }
        }
      }
    }
  }

  /**
   * Case 5: the login folder (internal-sftp -d /uploads) cannot be entered when the session opens,
   * so the server starts it in "/". Each poll logs in anew: once the folder is readable again the
   * file is fetched, instead of a session that stays in "/" for good, silently.
   */
  @Test
  void aSessionOpenedWhileTheLoginFolderWasUnreadableDoesNotStayElsewhere() throws Exception {
    try (OpenSshServer sshd = OpenSshServer.start("stuck", "/uploads");
        DaemonHarness h = DaemonHarness.start(dir)) {
      Path uploads = sshd.folder("/uploads");
      sshd.put("/uploads/staff.csv", SAMPLE);
      Files.setPosixFilePermissions(uploads, PosixFilePermissions.fromString("---------"));
      h.writeConfig(sshd.sftpToml(sshd.password(), ""));
      h.startDaemon();
      await("sessions opened while it was unreadable", WAIT, () -> sshd.count("Accepted") >= 2);
      Files.setPosixFilePermissions(uploads, PosixFilePermissions.fromString("rwxr-xr-x"));
      await("the file synced", WAIT, io(() -> files(h.dir().resolve("archive")).size() == 1));
      assertEquals(1, files(sshd.folder("/uploads/.fetched")).size());
    }
  }

  /**
   * Case 5 and 7: a folder that cannot be listed turns readiness DOWN naming it, with a WARN line
   * per failed poll; once readable, the file is fetched and one INFO line says polls work again.
   */
  @Test
  void aFolderUnreadableAtFirstIsFetchedFromOnceItIsReadable() throws Exception {
    try (OpenSshServer sshd = OpenSshServer.start("unreadable", "/");
        DaemonHarness h = DaemonHarness.start(dir);
        CapturedLogs logs = CapturedLogs.start()) {
      Path uploads = sshd.folder("/uploads");
      sshd.put("/uploads/staff.csv", SAMPLE);
      Files.setPosixFilePermissions(uploads, PosixFilePermissions.fromString("---------"));
      h.writeConfig(
          sshd.sftpToml(sshd.password(), "remote_dir = \"uploads\"\ndown_after_failures = 2\n"));
      h.startDaemon();
      await(
          "a session opened, and two polls failed on the folder",
          WAIT,
          () ->
              sshd.count("Accepted password") >= 1
                  && logs.warnings().stream().filter(w -> w.contains("uploads")).count() >= 2);
      String readiness = h.get("/observe/health/ready?exposureLevel=full").body();
      Files.setPosixFilePermissions(uploads, PosixFilePermissions.fromString("rwxr-xr-x"));
      await("the file synced", WAIT, io(() -> files(h.dir().resolve("archive")).size() == 1));
      await("ready again", WAIT, () -> h.get("/observe/health/ready").status() == 200);
      assertTrue(readiness.contains("cannot list"), "DOWN while unreadable: " + readiness);
      String text = logs.text();
      assertEquals(1, count(text, "INFO SFTP: polls work again"), text);
      assertTrue(count(text, "WARN SFTP poll failed (folder") >= 2, text);
    }
  }

  /**
   * Case 6: a wrong password costs one failed login, then titan-sync waits (sftp.backoff_seconds)
   * instead of trying again at every poll.
   */
  @Test
  void aWrongPasswordCostsOneFailedLoginThenBacksOff() throws Exception {
    try (OpenSshServer sshd = OpenSshServer.start("password", "/uploads");
        DaemonHarness h = DaemonHarness.start(dir);
        CapturedLogs logs = CapturedLogs.start()) {
      h.writeConfig(sshd.sftpToml("not-the-password", "down_after_failures = 1\n"));
      h.startDaemon();
      String failed = "Failed password for " + OpenSshServer.USER;
      await(
          "ten polls skipped (or a second failed login)",
          WAIT,
          () ->
              metric(h, "titan_sync_sftp_polls_total{result=\"skipped\"") >= 10
                  || sshd.count(failed) >= 2);
      assertEquals(1, sshd.count(failed), sshd.logText());
      assertTrue(
          h.get("/observe/health/ready?exposureLevel=full")
              .body()
              .contains("the server refused the login"));
      assertFalse(h.get("/observe/metrics").body().contains("not-the-password"));
      assertFalse(logs.text().contains("not-the-password"), "the password is never logged");
    }
  }

  /**
   * Case 7: a host key that is not the known one turns readiness DOWN naming it, with one WARN line
   * per failure (no stack trace); once the key is right, polls work again with one INFO line, and
   * the metrics count it all.
   */
  @Test
  void healthAndMetricsFollowAWrongHostKeyAndItsRecovery() throws Exception {
    try (OpenSshServer sshd = OpenSshServer.start("hostkey", "/uploads");
        OpenSshServer other = OpenSshServer.start("otherkey", "/uploads");
        DaemonHarness h = DaemonHarness.start(dir);
        CapturedLogs logs = CapturedLogs.start()) {
      Path knownHosts = sshd.knownHosts();
      String right = Files.readString(knownHosts);
      String wrong =
          Files.readString(other.knownHosts()).replace(":" + other.port(), ":" + sshd.port());
      String toml =
          sshd.sftpToml(sshd.password(), "down_after_failures = 1\nbackoff_seconds = 1\n");
      h.writeConfig(toml);
      Files.writeString(knownHosts, wrong);
      h.startDaemon();
      await(
          "readiness names the host key",
          WAIT,
          () ->
              h.get("/observe/health/ready?exposureLevel=full")
                  .body()
                  .contains("is not the one in sftp.known_hosts"));
      Files.writeString(knownHosts, right);
      sshd.put("/uploads/staff.csv", SAMPLE);
      await("the file synced", WAIT, io(() -> files(h.dir().resolve("archive")).size() == 1));
      await("ready", WAIT, () -> h.get("/observe/health/ready?exposureLevel=full").status() == 200);
      assertTrue(metric(h, "titan_sync_sftp_failures_total{cause=\"host_key\"") >= 1);
      assertTrue(metric(h, "titan_sync_sftp_polls_total{result=\"ok\"") >= 1);
      assertTrue(metric(h, "titan_sync_sftp_last_good_poll_timestamp_seconds") > 0);
      List<String> warnings =
          logs.warnings().stream().filter(w -> w.startsWith("SFTP poll failed")).toList();
      assertFalse(warnings.isEmpty());
      assertTrue(warnings.get(0).contains("(host_key, 1 in a row)"), warnings.get(0));
      assertEquals(List.of(), logs.warningStacks(), "no stack trace above DEBUG");
      String text = logs.text();
      assertEquals(1, count(text, "INFO SFTP: polls work again"), text);
      assertEquals(0, sshd.count("Failed password"));
    }
  }

  /**
   * Case 8: the SIS pauses in the middle of its upload for longer than the quiet period. The half
   * it wrote is taken (no listing can tell), but the rest it writes into the moved copy is seen,
   * and the whole file is fetched and synced too, instead of being lost in .fetched/.
   */
  @Test
  void theEndOfAnUploadThatPausedIsNotLost() throws Exception {
    try (OpenSshServer sshd = OpenSshServer.start("pause", "/uploads");
        DaemonHarness h = DaemonHarness.start(dir);
        CapturedLogs logs = CapturedLogs.start()) {
      h.writeConfig(sshd.sftpToml(sshd.password(), "remote_dir = \".\"\n"));
      h.startDaemon();
      int half = SAMPLE.length / 2;
      JSch jsch = new JSch();
      jsch.setKnownHosts(sshd.knownHosts().toString());
      Session sis = jsch.getSession(OpenSshServer.USER, "127.0.0.1", sshd.port());
      sis.setPassword(sshd.password());
      sis.setConfig("PreferredAuthentications", "password");
      sis.connect(10_000);
      try {
        ChannelSftp upload = (ChannelSftp) sis.openChannel("sftp");
        upload.connect(10_000);
        try (OutputStream out = upload.put("/uploads/staff.csv")) {
          out.write(SAMPLE, 0, half);
          out.flush();
          await(
              "the half file taken",
              WAIT,
              io(() -> files(sshd.folder("/uploads/.fetched")).size() == 1));
          out.write(SAMPLE, half, SAMPLE.length - half);
        }
        upload.disconnect();
      } finally {
        sis.disconnect();
      }
      Path logsDir = h.dir().resolve("logs");
      await(
          "the whole file synced",
          WAIT,
          io(
              () ->
                  runs(logsDir).stream()
                      .anyMatch(
                          r ->
                              Files.exists(r.resolve("result.json"))
                                  && sameBytes(r.resolve("input.csv"), SAMPLE))));
      assertTrue(logs.text().contains("changed on the server after it was taken"), logs.text());
    }
  }

  /** The files in the inbox itself, without its hidden lock folder. */
  private static List<Path> exports(Path inbox) throws java.io.IOException {
    try (var s = Files.list(inbox)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".titan-sync")).toList();
    }
  }

  /** doctor: host key, login, folder and the move, each named with its fix when it fails. */
  @Test
  void doctorConnectsAndChecksTheMoveFolder() throws Exception {
    try (OpenSshServer sshd = OpenSshServer.start("doctor", "/uploads");
        DaemonHarness h = DaemonHarness.start(dir)) {
      Path config = h.writeConfig(sshd.sftpToml(sshd.password(), ""));
      String out = doctor(config);
      assertTrue(out.contains("ok    SFTP: " + OpenSshServer.USER + "@127.0.0.1:"), out);
      assertTrue(out.contains("(login folder /uploads)"), out);
      assertTrue(out.contains("ok    SFTP: fetched files can be moved to /uploads/.fetched"), out);
      assertEquals(List.of(), files(sshd.folder("/uploads")), "the probe is gone");

      Path uploads = sshd.folder("/uploads");
      Files.setOwner(uploads, Files.getOwner(uploads.getParent()));
      out = doctor(config);
      assertTrue(
          out.contains("FIX   SFTP: cannot create a file in /uploads (permission denied)"), out);
      assertTrue(out.contains("or set sftp.after_fetch = \"delete\""), out);

      h.writeConfig(sshd.sftpToml("not-the-password", ""));
      out = doctor(config);
      assertTrue(out.contains("FIX   SFTP: the server refused the login"), out);
      assertEquals(1, sshd.count("Failed password"), sshd.logText());
    }
  }

  private static String doctor(Path config) {
    java.io.StringWriter out = new java.io.StringWriter();
    org.titansync.cli.TitanSyncCommand.execute(
        new java.io.PrintWriter(out, true),
        new java.io.PrintWriter(new java.io.StringWriter(), true),
        new String[] {"doctor", "--config", config.toString()});
    return out.toString();
  }

  private static boolean sameBytes(Path file, byte[] expected) {
    try {
      return java.util.Arrays.equals(Files.readAllBytes(file), expected);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** The value of the first metric line that starts with {@code prefix}; 0 when none. */
  static double metric(DaemonHarness h, String prefix) {
    for (String line : h.get("/observe/metrics").body().lines().toList()) {
      if (line.startsWith(prefix)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  private static int count(String text, String part) {
    Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
