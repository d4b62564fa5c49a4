package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.config.SyncConfig;
import org.titansync.notify.MailGate;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.store.StateFolder;

/**
 * The daemon's mail for runs that end {@code storage}: the first such run of a file is mailed, its
 * retries are not while they keep ending so, and once a run of the file ends otherwise the next
 * {@code storage} run is mailed again (docs/operations.md, "Email").
 */
class StorageMailGateTest {
  @TempDir Path dir;

  @Test
  void aFileIsMailedAtItsFirstStorageRunAndAgainOnlyAfterTheStateChanged() throws Exception {
    SyncConfig.Paths paths =
        new SyncConfig.Paths(
            dir.resolve("inbox"),
            dir.resolve("logs"),
            dir.resolve("archive"),
            dir.resolve("quarantine"),
            dir.resolve("held"),
            30);
    InboxFolders folders = new InboxFolders(paths, "");
    folders.create();
    InboxIntake intake =
        new InboxIntake(
            new InboxFilter(Duration.ofSeconds(1), ""),
            folders,
            new DaemonMetrics(new SimpleMeterRegistry()),
            new InboxReadiness(dir.resolve("inbox/.titan-sync-lock")),
            new StateFolder(paths.logs()),
            false,
            Duration.ofSeconds(1),
            ConfigWatch.of(null));
    Path file = Files.writeString(paths.inbox().resolve("staff.csv"), "x\n");
    Path other = Files.writeString(paths.inbox().resolve("other.csv"), "x\n");

    List<Boolean> mailed = new ArrayList<>();
    for (RunStatus status :
        List.of(
            RunStatus.STORAGE,
            RunStatus.STORAGE,
            RunStatus.STORAGE,
            RunStatus.UNREACHABLE,
            RunStatus.STORAGE,
            RunStatus.STORAGE)) {
      mailed.add(gate(intake, file).open(summary(status)));
    }
    assertEquals(List.of(true, false, false, true, true, false), mailed);
    assertEquals(true, gate(intake, other).open(summary(RunStatus.STORAGE)), "another file");
    assertEquals(true, gate(intake, file).open(summary(RunStatus.REFUSED)), "not a storage run");
  }

  /** The gate the intake gives a run of {@code file}, as the inbox route calls it. */
  private static MailGate gate(InboxIntake intake, Path file) {
    Exchange ex = new DefaultExchange(new DefaultCamelContext());
    ex.getMessage().setBody(file);
    Object request = intake.request(ex);
    assertEquals("SyncRequest", request.getClass().getSimpleName());
    return ex.getProperty(MailGate.PROPERTY, MailGate.class);
  }

  private static RunSummary summary(RunStatus status) {
    return new RunSummary(
        "20261129-170000-abcd",
        "staff.csv",
        "2026-11-29T17:00:00Z",
        "2026-11-29T17:00:01Z",
        status,
        false,
        null,
        Map.of(),
        List.of(),
        status.label(),
        List.of());
  }
}
