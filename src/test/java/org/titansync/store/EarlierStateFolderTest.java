package org.titansync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.guard.PrivilegedRoles;
import org.titansync.guard.WindowEntry;
import org.titansync.plan.PastWrite;
import org.titansync.run.RunPurpose;
import org.titansync.run.SyncRequest;

/**
 * A state folder as the version before the typed audit left it (state-folder-ee8ade5: a sync, a
 * held run and its approval, a cut file held, the revert of the approval, a dry run; against the
 * built-in sandbox): every file still reads, and the typed records write each back as that version
 * wrote it (the audit's membership lines with their site's id added, a file format with the fields
 * OneRoster input added).
 */
class EarlierStateFolderTest {
  private static final String SYNC = "20261207-070521-644d";
  private static final String HELD = "20261207-070529-a606";
  private static final String CUT = "20261207-070536-2b02";
  private static final String APPROVAL = "20261207-070543-29da";
  private static final String REVERT = "20261207-070550-1995";
  private static final String DRY_RUN = "20261207-070558-c3be";
  private static final List<String> RUNS = List.of(SYNC, HELD, CUT, APPROVAL, REVERT, DRY_RUN);

  @TempDir Path logs;
  private Path earlier;
  private StateFolder store;

  @BeforeEach
  void copyTheEarlierStateFolder() throws IOException, URISyntaxException {
    earlier = Path.of(getClass().getResource("/state-folder-ee8ade5").toURI());
    store = new StateFolder(logs);
    try (Stream<Path> files = Files.walk(earlier)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = logs.resolve(earlier.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  @Test
  void everyAuditLineReadsAndIsWrittenAgainAsItWas() throws IOException {
    AuditLog.Read read = store.audit().read();
    assertEquals(List.of(), read.problems());
    assertEquals(3, read.runs().size(), "the run line of each run that wrote");
    assertEquals(72, read.entries().size());

    Pattern site = Pattern.compile("(\"site\":\"[^\"]*\",)(\"before\")");
    for (String line : Files.readAllLines(earlier.resolve("audit.jsonl"))) {
      AuditLine typed = AuditLine.read(line);
      String expected = line;
      if (typed instanceof AuditEntry e && e.subject().siteId() != null) {
        Matcher m = site.matcher(line);
        assertTrue(m.find(), line);
        expected = m.replaceFirst("$1\"site_id\":\"" + e.subject().siteId() + "\",$2");
      }
      assertEquals(expected, StoreJson.line(typed));
    }
  }

  @Test
  void theApprovedRunsWritesReadAsTheirEffects() throws IOException {
    List<PastWrite> writes = PastWrites.of(APPROVAL, store.audit().read().entries());

    assertTrue(
        writes.contains(
            new PastWrite(
                "update:E1002",
                PastWrite.Answer.DONE,
                "E1002",
                "u_0000007",
                new PastWrite.ProfileSet(
                    List.of(
                        new PastWrite.FieldChange(
                            PastWrite.ProfileField.LAST_NAME, "Carter", "Carters"))))),
        writes.toString());
    assertTrue(
        writes.contains(
            new PastWrite(
                "set_roles:E1004:s_01",
                PastWrite.Answer.DONE,
                "E1004",
                "u_0000039",
                new PastWrite.RolesSet("s_01", Set.of("r_01"), Set.of("r_02")))),
        writes.toString());
    assertTrue(
        writes.contains(
            new PastWrite(
                "remove_membership:E1005:s_04",
                PastWrite.Answer.DONE,
                "E1005",
                "u_0000009",
                new PastWrite.MembershipRemoved("s_04", Set.of("r_05")))),
        writes.toString());
  }

  @Test
  void everyRunFolderReads() throws IOException {
    assertEquals(List.of(DRY_RUN, REVERT, APPROVAL, CUT, HELD, SYNC), store.runIds());
    assertEquals("applied", PastRun.load(store, SYNC).orElseThrow().status());
    assertEquals("dry_run", PastRun.load(store, DRY_RUN).orElseThrow().status());

    PastRun held = PastRun.load(store, HELD).orElseThrow();
    assertEquals("sandbox", held.heldAgainst());
    assertEquals(APPROVAL, held.approval().approvalRunId());
    assertTrue(held.whyNotApprovable().orElseThrow().contains("already approved"));

    PastRun cut = PastRun.load(store, CUT).orElseThrow();
    assertTrue(cut.held());
    assertEquals("sandbox", cut.heldAgainst());
    assertNull(cut.approval());
    assertTrue(cut.whyNotApprovable().isEmpty(), cut.whyNotApprovable().toString());
    assertEquals(new RunPurpose.Sync(), cut.plansFrom());

    PastRun approval = PastRun.load(store, APPROVAL).orElseThrow();
    assertEquals(SyncRequest.Trigger.APPROVE, approval.trigger());
    assertEquals(new RunPurpose.Approve(HELD), approval.purpose());

    PastRun revert = PastRun.load(store, REVERT).orElseThrow();
    assertEquals(new RunPurpose.Revert(APPROVAL, false), revert.purpose());
    assertEquals(4, revert.done());

    LastAccepted last = LastAccepted.read(store).orElseThrow();
    assertEquals(SYNC, last.runId(), "the revert of the approval put back the file before it");
    assertEquals(55, last.dataRows());
  }

  /** approval.json and last-accepted.json were strict: a field a later version adds is passed. */
  @Test
  void aFieldALaterVersionAddsIsPassedOverInEveryFile() throws IOException {
    Path approval = store.folder(HELD).resolve(Approval.FILE);
    Path last = logs.resolve(LastAccepted.FILE);
    Path window = logs.resolve(WindowLedger.FILE);
    for (Path f : List.of(approval, last, window)) {
      Files.writeString(
          f, Files.readString(f).replace("\"run_id\" : ", "\"later\" : 1, \"run_id\" : "));
    }

    assertEquals(APPROVAL, PastRun.load(store, HELD).orElseThrow().approval().approvalRunId());
    assertEquals(SYNC, LastAccepted.read(store).orElseThrow().runId());
    assertEquals(
        SYNC,
        new WindowLedger(store, new PrivilegedRoles(Set.of()))
            .stored()
            .orElseThrow()
            .get(0)
            .runId());
  }

  @Test
  void theTypedRecordsWriteTheFilesBackUnchanged() throws IOException {
    Path again = logs.resolve("again");
    for (String run : RUNS) {
      Path dir = store.folder(run);
      Path out = Files.createDirectories(again.resolve(run));
      RequestFile.read(store, dir).orElseThrow().write(store, out);
      ResultFile.read(store, dir).orElseThrow().write(store, out);
      PlanFile.read(dir).orElseThrow().write(store, out);
      HoldFile.read(store, dir).ifPresent(h -> write(() -> h.write(store, out)));
      Approval.read(store, dir)
          .ifPresent(a -> write(() -> store.writeJson(out.resolve(Approval.FILE), a)));
      StoreJson.read(dir.resolve(LastAccepted.PREVIOUS), LastAccepted.class)
          .ifPresent(p -> write(() -> store.writeJson(out.resolve(LastAccepted.PREVIOUS), p)));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          assertSameFile(
              Files.readString(f),
              Files.readString(out.resolve(f.getFileName())),
              run + "/" + f.getFileName());
        }
      }
    }
    store.writeJson(again.resolve(LastAccepted.FILE), LastAccepted.read(store).orElseThrow());
    assertSameFile(
        Files.readString(logs.resolve(LastAccepted.FILE)),
        Files.readString(again.resolve(LastAccepted.FILE)),
        LastAccepted.FILE);
    WindowLedger ledger = new WindowLedger(store, new PrivilegedRoles(Set.of()));
    store.writeJson(again.resolve(WindowLedger.FILE), ledger.stored().orElseThrow());
    assertEquals(
        Files.readString(logs.resolve(WindowLedger.FILE)),
        Files.readString(again.resolve(WindowLedger.FILE)));
  }

  /**
   * The window rebuilt from the audit log counts each run as the ledger that version kept: its
   * lines are typed now, and read the same.
   */
  @Test
  void theWindowRebuiltFromTheAuditLogCountsAsTheLedgerDid() throws IOException {
    WindowLedger ledger =
        new WindowLedger(store, new PrivilegedRoles(Set.of("Principal", "District Admin")));
    List<WindowEntry> kept = ledger.stored().orElseThrow();
    // The runs were a while ago: bring the audit's times to now, so they are in the window.
    Path audit = logs.resolve("audit.jsonl");
    Instant first = Instant.parse("2026-12-07T07:05:22Z");
    long shift = Duration.between(first, Instant.now()).toSeconds() - 3600;
    Matcher time =
        Pattern.compile("\"time\":\"([^\"]+)\"")
            .matcher(Files.readString(audit, StandardCharsets.UTF_8));
    StringBuilder moved = new StringBuilder();
    while (time.find()) {
      Instant at = Instant.parse(time.group(1)).plusSeconds(shift);
      time.appendReplacement(moved, "\"time\":\"" + at + "\"");
    }
    time.appendTail(moved);
    Files.writeString(audit, moved.toString(), StandardCharsets.UTF_8);
    Files.delete(logs.resolve(WindowLedger.FILE));

    List<WindowEntry> rebuilt = ledger.entries(store.audit(), false);

    assertEquals(counts(kept), counts(rebuilt));
  }

  private static List<String> counts(List<WindowEntry> entries) {
    List<String> out = new ArrayList<>();
    for (WindowEntry e : entries) {
      out.add(
          e.runId()
              + " "
              + e.excused()
              + " "
              + e.tally()
              + " "
              + e.managedUsers()
              + "/"
              + e.managedMemberships()
              + " "
              + e.titan());
    }
    return out;
  }

  /**
   * The file as written again is the file as it was, byte for byte; where this version added a
   * field to a record (the export's kind, version and mapping in a file format, null or empty for
   * the six-column CSV), the same once those are left out.
   */
  private static void assertSameFile(String expected, String actual, String what)
      throws IOException {
    if (expected.equals(actual)) {
      return;
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode was = json.readTree(expected);
    JsonNode is = json.readTree(actual);
    dropAdded(was, is);
    assertEquals(was, is, what);
  }

  private static void dropAdded(JsonNode was, JsonNode is) {
    if (is instanceof ObjectNode object && was != null && was.isObject()) {
      List<String> added = new ArrayList<>();
      object
          .fieldNames()
          .forEachRemaining(
              name -> {
                JsonNode value = object.get(name);
                if (!was.has(name) && (value.isNull() || (value.isArray() && value.isEmpty()))) {
                  added.add(name);
                } else {
                  dropAdded(was.get(name), value);
                }
              });
      added.forEach(object::remove);
    } else if (is != null && is.isArray() && was != null && was.isArray()) {
      for (int i = 0; i < Math.min(is.size(), was.size()); i++) {
        dropAdded(was.get(i), is.get(i));
      }
    }
  }

  private interface Write {
    void run() throws IOException;
  }

  private static void write(Write w) {
    try {
      w.run();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
