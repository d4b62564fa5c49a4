package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.files;
import static org.titansync.daemon.DaemonHarness.io;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.cli.TitanSyncCommand;

/**
 * Personal data stays with the service account: under a umask that lets everyone read new files,
 * every file and folder titan-sync makes in logs/, archive/, held/ and quarantine/ is owner-only,
 * after daemon runs (archived, held, refused) and CLI runs (against Titan and the sandbox).
 */
class PersonalDataModesTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Set<PosixFilePermission> OTHERS =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  @TempDir Path dir;

  @Test
  void everyFileAndFolderTitanSyncMakesIsOwnerOnlyWhateverTheUmask() throws Exception {
    Path probe = Files.createFile(dir.resolve("umask-probe"));
    Assumptions.assumeTrue(
        Files.getPosixFilePermissions(probe).contains(PosixFilePermission.OTHERS_READ),
        "this JVM's umask already hides new files from others");
    Files.delete(probe);

    try (DaemonHarness h = DaemonHarness.start(dir)) {
      // window_hours = 0: the last CLI run goes to a second, fresh sandbox on this machine, which
      // the
      // window would count as the same Titan as the daemon's.
      Path config =
          h.writeConfig("[guardrails]\nmin_rows_percent_of_last = 95\nwindow_hours = 0\n");
      org.titansync.app.TitanSyncApp daemon = h.startDaemon();
      Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("a-staff.csv"));
      await("the good file archived", WAIT, io(() -> files(dir.resolve("archive")).size() == 1));
      List<String> lines = Files.readAllLines(DaemonHarness.SAMPLE, StandardCharsets.UTF_8);
      Files.write(h.inbox().resolve("b-staff.csv"), lines.subList(0, lines.size() - 8));
      await("the short file held", WAIT, io(() -> files(dir.resolve("held")).size() == 2));
      Files.writeString(h.inbox().resolve("c-broken.csv"), "not the staff export\n");
      await(
          "the broken file quarantined",
          WAIT,
          io(() -> files(dir.resolve("quarantine")).size() == 2));
      daemon.close(); // stops the daemon before the CLI runs on the same setup

      assertEquals(0, cli("sync", DaemonHarness.SAMPLE.toString(), "--config", config.toString()));
      assertEquals(
          0,
          cli("sync", DaemonHarness.SAMPLE.toString(), "--sandbox", "--config", config.toString()));
      assertTrue(Files.exists(dir.resolve("logs/sandbox-state.json")));
      assertTrue(Files.size(dir.resolve("logs/audit.jsonl")) > 0);
    }

    List<String> readableByOthers = new ArrayList<>();
    for (String folder : List.of("logs", "archive", "held", "quarantine")) {
      try (Stream<Path> all = Files.walk(dir.resolve(folder))) {
        all.forEach(
            p -> {
              try {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
                if (mode.stream().anyMatch(OTHERS::contains)) {
                  readableByOthers.add(
                      dir.relativize(p) + " " + PosixFilePermissions.toString(mode));
                }
              } catch (java.io.IOException e) {
                readableByOthers.add(dir.relativize(p) + " " + e);
              }
            });
      }
    }
    assertEquals(List.of(), readableByOthers);
  }

  private static int cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        TitanSyncCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    if (exit != 0) {
      System.err.println(out + "\n" + err);
    }
    return exit;
  }
}
