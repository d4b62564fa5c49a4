package org.titansync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.plan.Missing;
import org.titansync.plan.Ownership;
import org.titansync.plan.OwnershipDelta;
import org.titansync.run.MemoryRead;

/**
 * titan-sync's memory of a Titan: a cache of the audit log's ownership lines, per Titan; a killed
 * run's lines count; a missing file is rebuilt; a damaged one is never read as "nothing owned".
 */
class TitanMemoryTest {
  @TempDir Path logs;

  private static final String TITAN = "https://titan.example.org/api/v1";
  private static final Instant NOW = Instant.parse("2026-06-12T02:00:00Z");

  private static OwnershipDelta named(String person, String site, String role) {
    return new OwnershipDelta(Map.of(), Map.of(person, Map.of(site, Set.of(role))), Map.of());
  }

  @Test
  void withNeitherFileNorLinesItIsTheFirstRun() throws Exception {
    MemoryRead r = new TitanMemory(new StateFolder(logs), TITAN).read();

    assertTrue(r.ownership().firstRun());
    assertEquals(Map.of(), r.missing());
  }

  @Test
  void aRunThatEndsLeavesWhatItOwnsAndWhoIsMissing() throws Exception {
    StateFolder store = new StateFolder(logs);
    TitanMemory memory = new TitanMemory(store, TITAN);
    MemoryRead before = memory.read();
    OwnershipDelta delta = named("E1", "s1", "r1");
    memory.starting("20260612-020000-0001", NOW, before, delta);
    Missing gone = new Missing("E9", "e9@x.org", NOW, "20260612-020000-0001", 1);
    memory.ended(
        "20260612-020000-0001",
        NOW,
        before.ownership().after(delta),
        OwnershipDelta.NONE,
        List.of(gone));

    MemoryRead after = memory.read();

    assertFalse(after.ownership().firstRun());
    assertEquals(Map.of("s1", Set.of("r1")), after.ownership().of("E1"));
    assertEquals(Map.of("E9", gone), after.missing());
    assertTrue(
        new TitanMemory(store, "sandbox").read().ownership().firstRun(),
        "the sandbox and a real Titan never share it");
  }

  @Test
  void aKilledRunOwnsWhatItNamedFromItsAuditLines() throws Exception {
    StateFolder store = new StateFolder(logs);
    TitanMemory memory = new TitanMemory(store, TITAN);
    memory.ended(
        "20260612-010000-0001", NOW, Ownership.of(Map.of()), OwnershipDelta.NONE, List.of());
    memory.starting("20260612-020000-0002", NOW, memory.read(), named("E2", "s2", "r2"));
    // killed here: no ended()

    assertEquals(Map.of("s2", Set.of("r2")), memory.read().ownership().of("E2"));
  }

  @Test
  void aMissingFileIsRebuiltFromTheAuditLogReleasesIncluded() throws Exception {
    StateFolder store = new StateFolder(logs);
    TitanMemory memory = new TitanMemory(store, TITAN);
    MemoryRead first = memory.read();
    OwnershipDelta delta =
        new OwnershipDelta(
            Map.of(), Map.of("E1", Map.of("s1", Set.of("r1"), "s2", Set.of("r1"))), Map.of());
    memory.starting("20260612-020000-0001", NOW, first, delta);
    OwnershipDelta taken =
        new OwnershipDelta(Map.of(), Map.of(), Map.of("E1", Map.of("s2", Set.of("r1"))));
    memory.ended("20260612-020000-0001", NOW, first.ownership().after(delta), taken, List.of());
    Files.delete(memory.file());

    MemoryRead rebuilt = memory.read();

    assertFalse(rebuilt.ownership().firstRun());
    assertEquals(Map.of("s1", Set.of("r1")), rebuilt.ownership().of("E1"));
  }

  @Test
  void aDamagedFileIsNeverNothingOwned() throws Exception {
    StateFolder store = new StateFolder(logs);
    TitanMemory memory = new TitanMemory(store, TITAN);
    Files.createDirectories(memory.file().getParent());
    Files.writeString(memory.file(), "{ not json");

    WindowLedger.Unreadable e = assertThrows(WindowLedger.Unreadable.class, memory::read);

    assertTrue(e.getMessage().contains("Move it aside"), e.getMessage());
  }

  /** A memory as shipped versions wrote it: indented, roles as lists, people and sites sorted. */
  private static final String WRITTEN_BEFORE =
      """
      {
        "titan" : "https://titan.example.org/api/v1",
        "last_run" : "20260612-020000-0001",
        "writing" : null,
        "writing_since" : 0,
        "owned" : {
          "E1" : {
            "s1" : [ "r1" ],
            "s3" : [ "r1", "r6" ]
          },
          "E2" : {
            "s2" : [ "r2", "r2" ]
          },
          "E3" : null
        },
        "missing" : [ ],
        "a_field_a_later_version_added" : { "x" : [ 1 ] }
      }
      """;

  @Test
  void aMemoryWrittenByAnEarlierVersionReadsTheSameAndIsWrittenBackAlike() throws Exception {
    StateFolder store = new StateFolder(logs);
    TitanMemory memory = new TitanMemory(store, TITAN);
    Files.createDirectories(memory.file().getParent());
    Files.writeString(memory.file(), WRITTEN_BEFORE);

    MemoryRead read = memory.read();

    assertEquals(Map.of("s1", Set.of("r1"), "s3", Set.of("r1", "r6")), read.ownership().of("E1"));
    assertEquals(Map.of("s2", Set.of("r2")), read.ownership().of("E2"));
    assertEquals(Map.of(), read.ownership().of("E3"));
    assertEquals(2, read.ownership().people());
    assertTrue(read.unchangedBy(List.of()), "read as stored: a no-op need not write it again");

    memory.ended("20260612-030000-0002", NOW, read.ownership(), OwnershipDelta.NONE, List.of());

    String again = Files.readString(memory.file());
    assertTrue(
        again.contains("\"s3\" : [ \"r1\", \"r6\" ]")
            && again.indexOf("\"E1\"") < again.indexOf("\"E2\""),
        again);
    assertEquals(read.ownership(), memory.read().ownership());
  }

  @Test
  void anOwnedMapOfAnotherShapeIsDamageNeverNothingOwned() throws Exception {
    StateFolder store = new StateFolder(logs);
    TitanMemory memory = new TitanMemory(store, TITAN);
    Files.createDirectories(memory.file().getParent());
    for (String owned :
        List.of(
            "[ \"E1\" ]",
            "{ \"E1\" : [ \"s1\" ] }",
            "{ \"E1\" : { \"s1\" : \"r1\" } }",
            "{ \"E1\" : { \"s1\" : [ 7 ] } }",
            "{ \"E1\" : { \"s1\" : [ null ] } }")) {
      Files.writeString(
          memory.file(),
          "{ \"titan\" : \"" + TITAN + "\", \"owned\" : " + owned + ", \"missing\" : [ ] }");

      WindowLedger.Unreadable e = assertThrows(WindowLedger.Unreadable.class, memory::read, owned);

      assertTrue(e.getMessage().contains("is not a memory titan-sync wrote"), e.getMessage());
    }
  }
}
