package org.titansync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.pipeline.TitanCheck;
import org.titansync.run.KindCount;
import org.titansync.run.RunPurpose;
import org.titansync.run.SyncRequest;

/**
 * request.json, hold.json and result.json as titan-sync 0.1 wrote them (a sync, a held run, its
 * approval, the revert of that approval and a dry run, from the sandbox) still read, and the typed
 * records write them back byte for byte: same fields, same order, same values.
 */
class RunFolderFilesTest {
  private static final String SYNC = "20261129-181027-6185";
  private static final String HELD = "20261129-181028-e848";
  private static final String APPROVAL = "20261129-181030-888f";
  private static final String REVERT = "20261129-181031-9cb6";
  private static final String DRY_RUN = "20261129-181032-842c";

  @TempDir Path logs;
  private StateFolder store;

  @BeforeEach
  void copyTheOldRunFolders() throws IOException, URISyntaxException {
    Path old = Path.of(RunFolderFilesTest.class.getResource("/run-folders-0.1/runs").toURI());
    store = new StateFolder(logs);
    try (Stream<Path> files = Files.walk(old)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = store.runsDir().resolve(old.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  @Test
  void aHeldRunOfTheOldVersionReadsWithItsCeilingAndApproval() throws IOException {
    PastRun held = PastRun.load(store, HELD).orElseThrow();

    assertTrue(held.held());
    assertEquals("2026-11-29T18:10:28Z", held.startedAt());
    assertEquals("/srv/sis/cut.csv", held.input());
    assertEquals(SyncRequest.Trigger.CLI, held.trigger());
    assertEquals(new RunPurpose.Sync(), held.purpose());
    assertEquals(new RunPurpose.Sync(), held.plansFrom());
    assertEquals(22, held.ceiling().entries().size());
    assertEquals("remove_membership", held.ceiling().entries().get(0).kind());
    assertEquals(22, held.counts().stream().mapToInt(KindCount::held).sum());
    assertEquals(0, held.done());
    assertNotNull(held.approval());
    assertTrue(
        held.whyNotApprovable().orElseThrow().contains("already approved"),
        held.whyNotApprovable().toString());
    // Its hold names no Titan: approving it anywhere is refused, with how to plan it again.
    assertNull(held.heldAgainst());
    String refusal =
        TitanCheck.approveRefusal(
                held, "sandbox", org.titansync.config.ConfigSource.of(Path.of("c.toml")))
            .orElseThrow();
    assertTrue(refusal.contains("held by an earlier version of titan-sync"), refusal);
    assertTrue(
        refusal.contains("titan-sync sync " + held.inputCopy() + " --sandbox --config c.toml"),
        refusal);
  }

  @Test
  void runsOfEveryPurposeOfTheOldVersionRead() throws IOException {
    PastRun sync = PastRun.load(store, SYNC).orElseThrow();
    assertEquals("applied", sync.status());
    assertEquals(28, sync.done());
    assertEquals(
        new KindCount("create", 11, 11, 0, 0, 0), sync.counts().get(0), sync.counts().toString());
    assertNull(sync.ceiling());

    PastRun approval = PastRun.load(store, APPROVAL).orElseThrow();
    assertEquals(SyncRequest.Trigger.APPROVE, approval.trigger());
    assertEquals(new RunPurpose.Approve(HELD), approval.purpose());
    assertEquals(new RunPurpose.Sync(), approval.plansFrom());

    PastRun revert = PastRun.load(store, REVERT).orElseThrow();
    assertEquals(SyncRequest.Trigger.REVERT, revert.trigger());
    assertEquals(new RunPurpose.Revert(APPROVAL, true), revert.purpose());
    assertEquals(new RunPurpose.Revert(APPROVAL, true), revert.plansFrom());

    PastRun dry = PastRun.load(store, DRY_RUN).orElseThrow();
    assertTrue(dry.dryRun());
    assertEquals("dry_run", dry.status());
  }

  @Test
  void theTypedRecordsWriteTheOldFilesBackUnchanged() throws IOException {
    for (String run : List.of(SYNC, HELD, APPROVAL, REVERT, DRY_RUN)) {
      Path dir = store.folder(run);
      Path again = logs.resolve("again-" + run);
      Files.createDirectories(again);

      RequestFile.read(store, dir).orElseThrow().write(store, again);
      ResultFile.read(store, dir).orElseThrow().write(store, again);
      Optional<HoldFile> hold = HoldFile.read(store, dir);
      if (hold.isPresent()) {
        hold.get().write(store, again);
      }

      for (String file : List.of(RequestFile.FILE, ResultFile.FILE, HoldFile.FILE)) {
        if (Files.exists(dir.resolve(file))) {
          assertEquals(
              Files.readString(dir.resolve(file)),
              Files.readString(again.resolve(file)),
              run + "/" + file);
        }
      }
    }
  }

  @Test
  void aTriggerThisVersionDoesNotKnowLeavesTheRunListed() throws IOException {
    Path request = store.folder(SYNC).resolve(RequestFile.FILE);
    Files.writeString(
        request, Files.readString(request).replace("\"trigger\" : \"cli\"", "\"trigger\" : \"x\""));

    PastRun sync = PastRun.load(store, SYNC).orElseThrow();

    assertNull(sync.trigger());
    assertEquals("applied", sync.status());
  }
}
