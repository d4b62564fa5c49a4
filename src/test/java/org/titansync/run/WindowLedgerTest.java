package org.titansync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.guard.Tally;
import org.titansync.guard.WindowEntry;

class WindowLedgerTest {
  @TempDir Path logs;

  private static WindowEntry entry(String runId, long at) {
    return new WindowEntry(runId, at, "", new Tally(1, 2, 3, 4, 5, 6), 40, 50);
  }

  @Test
  void whatIsAddedIsReadBackByAnotherLedgerOnTheSameFolder() throws Exception {
    new WindowLedger(new RunStore(logs)).add(entry("a", 1_000_000));
    new WindowLedger(new RunStore(logs))
        .add(new WindowEntry("b", 1_000_100, "approved", new Tally(0, 0, 8, 0, 0, 0), 47, 55));

    List<WindowEntry> read = new WindowLedger(new RunStore(logs)).read();

    assertEquals(
        List.of(
            entry("a", 1_000_000),
            new WindowEntry("b", 1_000_100, "approved", new Tally(0, 0, 8, 0, 0, 0), 47, 55)),
        read);
    Path file = logs.resolve(WindowLedger.FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (var s = Files.list(logs)) {
      assertEquals(List.of(file), s.toList(), "no temporary file left behind");
    }
  }

  @Test
  void entriesNoWindowCanReachAreDroppedAndARunIsKeptOnce() throws Exception {
    WindowLedger ledger = new WindowLedger(new RunStore(logs));
    long now = 2_000_000_000L;
    ledger.add(entry("ancient", now - 721 * 3600L));
    ledger.add(entry("month", now - 719 * 3600L));
    ledger.add(entry("again", now - 10));
    ledger.add(entry("again", now));

    List<String> ids = ledger.read().stream().map(WindowEntry::runId).toList();
    assertEquals(List.of("month", "again"), ids);
  }

  @Test
  void noFileIsAnEmptyWindowAndUnknownFieldsAreSkipped() throws Exception {
    WindowLedger ledger = new WindowLedger(new RunStore(logs));
    assertTrue(ledger.read().isEmpty());
    Files.writeString(
        logs.resolve(WindowLedger.FILE),
        "[{\"run_id\":\"x\",\"finished_at\":5,\"excused\":\"\",\"later_field\":1,"
            + "\"tally\":{\"removals\":2,\"updates\":0,\"domain_moves\":0,"
            + "\"privileged_changes\":0,\"role_changes\":0,\"creations\":0},"
            + "\"managed_users\":3,\"managed_memberships\":4}]");
    assertEquals(
        List.of(new WindowEntry("x", 5, "", new Tally(2, 0, 0, 0, 0, 0), 3, 4)), ledger.read());
  }

  @Test
  void runsAgainstTheSandboxAndAgainstTheDistrictsTitanNeverAddUp() throws Exception {
    WindowLedger ledger = new WindowLedger(new RunStore(logs));
    Tally t = new Tally(1, 0, 0, 0, 0, 0);
    ledger.add(new WindowEntry("real", 10, "", t, 3, 4, "https://district.titanhst.example"));
    ledger.add(new WindowEntry("sandbox1", 11, "", t, 3, 4, "http://127.0.0.1:41001"));
    ledger.add(new WindowEntry("sandbox2", 12, "", t, 3, 4, "http://localhost:41002/"));
    ledger.add(new WindowEntry("unknown", 13, "", t, 3, 4));

    assertEquals(
        List.of("real", "unknown"),
        ledger.read("https://district.titanhst.example").stream().map(WindowEntry::runId).toList());
    // The built-in sandbox listens on a new port each time: every loopback Titan is one.
    assertEquals(
        List.of("sandbox1", "sandbox2", "unknown"),
        ledger.read("http://127.0.0.1:52000").stream().map(WindowEntry::runId).toList());
  }
}
