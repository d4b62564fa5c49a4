package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.sandbox.SandboxOptions;

/**
 * Apply against the sandbox over HTTP: a first sync of a few hundred people, then a file with
 * renames, email changes (a swap and a three-way chain among them), role changes, site moves,
 * removals and additions. Titan must end exactly as the file says, and a rerun writes nothing.
 */
class ApplyEndToEndTest {
  /** The guardrails stay out of the way here: these tests are about the write path. */
  static final String NO_BRAKES =
      """
      [guardrails]
      max_removals = 100000
      max_removal_percent = 100.0
      max_update_percent = 100.0
      min_rows_percent_of_last = 0.0
      hold_on_vanished_site = false
      hold_on_header_change = false
      max_privileged_changes = 100000
      max_role_change_percent = 100.0
      max_creations = 100000
      max_creation_percent = 100000.0
      max_domain_move_percent = 100.0
      hold_on_privileged_email_change = false
      hold_on_look_alike_privileged_name = false
      """;

  @TempDir Path dir;

  static Path seedFile(Path dir) throws Exception {
    Path seed = dir.resolve("seed.json");
    new ObjectMapper().writeValue(seed.toFile(), Staff.seed(List.of()));
    return seed;
  }

  /** The second export: every kind of change against the first. */
  static List<Staff.Person> secondFile(List<Staff.Person> first) {
    List<Staff.Person> next = new ArrayList<>(first);
    for (int i = 0; i < 20; i++) {
      Staff.Person p = next.get(i);
      next.set(i, p.withName(p.first(), p.last() + "-Renamed"));
    }
    for (int i = 20; i < 30; i++) {
      next.set(i, next.get(i).withEmail("new.address" + i + "@district.example.org"));
    }
    // A swap: 30 <-> 31.
    String e30 = first.get(30).email();
    next.set(30, next.get(30).withEmail(first.get(31).email()));
    next.set(31, next.get(31).withEmail(e30));
    // A three-way cycle: 32 takes 33's, 33 takes 34's, 34 takes 32's.
    next.set(32, next.get(32).withEmail(first.get(33).email()));
    next.set(33, next.get(33).withEmail(first.get(34).email()));
    next.set(34, next.get(34).withEmail(first.get(32).email()));
    // A chain: 35 takes 36's, 36 moves to a fresh address.
    next.set(35, next.get(35).withEmail(first.get(36).email()));
    next.set(36, next.get(36).withEmail("fresh36@district.example.org"));
    List<String> sites = List.copyOf(Staff.SITES.values());
    for (int i = 40; i < 60; i++) {
      Staff.Person p = next.get(i);
      Map<String, List<String>> s = new TreeMap<>(p.sites());
      String site = s.keySet().iterator().next();
      s.put(site, List.of("Counselor", "Nurse"));
      next.set(i, p.withSites(s));
    }
    for (int i = 60; i < 80; i++) {
      Staff.Person p = next.get(i);
      String from = p.sites().keySet().iterator().next();
      String to = sites.get((sites.indexOf(from) + 1) % sites.size());
      Map<String, List<String>> s = new TreeMap<>();
      s.put(to, List.of("Teacher"));
      next.set(i, p.withSites(s));
    }
    next.subList(80, 110).clear();
    List<Staff.Person> added = Staff.people(330, 99).subList(300, 330);
    for (Staff.Person p : added) {
      next.add(
          new Staff.Person("N" + p.id(), p.first(), p.last(), "added." + p.email(), p.sites()));
    }
    return next;
  }

  static void firstSyncThenEveryKindOfChange(CliHarness h) throws Exception {
    List<Staff.Person> first = Staff.people(300, 7);
    CliHarness.Result r1 = h.run("sync", h.csv("first.csv", Staff.csv(first)).toString());
    assertEquals(0, r1.exit(), r1.out() + r1.err());
    assertEquals(List.of(), Staff.differences(first, h.sandbox().users()));

    List<Staff.Person> second = secondFile(first);
    CliHarness.Result r2 = h.run("sync", h.csv("second.csv", Staff.csv(second)).toString());
    assertEquals(0, r2.exit(), r2.out() + r2.err());
    assertEquals(List.of(), Staff.differences(second, h.sandbox().users()));
    assertTrue(r2.out().contains("release_email"), r2.out());

    h.sandbox().resetCounters();
    CliHarness.Result r3 = h.run("sync", h.dir().resolve("second.csv").toString());
    assertEquals(0, r3.exit(), r3.out() + r3.err());
    assertTrue(r3.lastLine().contains("nothing to do"), r3.lastLine());
    assertEquals(0, h.sandbox().writeCount(), "a rerun must not write");
  }

  @Test
  void titanEndsExactlyAsTheFileSaysAndARerunWritesNothing() throws Exception {
    try (CliHarness h =
        CliHarness.start(dir, SandboxOptions.defaults().withSeedFile(seedFile(dir)))) {
      h.extraConfig(NO_BRAKES);
      firstSyncThenEveryKindOfChange(h);
      // Every write of the two runs is in the audit log with its answer.
      List<Map<String, Object>> audit = new ArrayList<>();
      ObjectMapper json = new ObjectMapper();
      for (String line : java.nio.file.Files.readAllLines(h.logs().resolve("audit.jsonl"))) {
        audit.add(json.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {}));
      }
      assertTrue(audit.size() > 600, "audit lines: " + audit.size());
      java.util.Set<String> intended = new java.util.HashSet<>();
      java.util.Set<Object> started = new java.util.HashSet<>();
      for (Map<String, Object> a : audit) {
        String write = a.get("run_id") + " " + a.get("key");
        if ("run".equals(a.get("type"))) {
          // A run line, once per run, before its first intent: the window's source.
          assertTrue(started.add(a.get("run_id")), a.toString());
          continue;
        }
        if ("owned".equals(a.get("type"))) {
          continue; // what titan-sync owns after the run (docs/operations.md, "The audit log")
        }
        if ("intent".equals(a.get("type"))) {
          assertTrue(started.contains(a.get("run_id")), "an intent before its run line: " + a);
          intended.add(write);
          continue;
        }
        assertEquals("outcome", a.get("type"), a.toString());
        assertTrue(intended.contains(write), "an outcome with no intent before it: " + a);
        assertEquals("done", a.get("result"), a.toString());
        assertEquals(2, ((Integer) a.get("http_status")) / 100, a.toString());
      }
    }
  }

  @Test
  void faultsRateLimitsAndLostAnswersStillEndExactlyRight() throws Exception {
    SandboxOptions faulty =
        SandboxOptions.defaults()
            .withSeedFile(seedFile(dir))
            .withErrorRate(0.10)
            .withDropRate(0.05)
            .withRps(25)
            .withIgnoreIdempotency(true)
            .withRandomSeed(42);
    try (CliHarness h = CliHarness.start(dir, faulty)) {
      h.extraConfig(
          NO_BRAKES
              .replace("[guardrails]", "[retry_placeholder]")
              .replace("[retry_placeholder]", "[guardrails]"));
      firstSyncThenEveryKindOfChange(h);
      assertTrue(
          h.sandbox().peakConcurrency() <= 4,
          "peak concurrency " + h.sandbox().peakConcurrency() + " > max_concurrency 4");
    }
  }

  @Test
  void anEmailHeldUnderAnotherExternalIdIsAConflictNotADuplicate() throws Exception {
    try (CliHarness h =
        CliHarness.start(dir, SandboxOptions.defaults().withSeedFile(seedFile(dir)))) {
      h.extraConfig(NO_BRAKES);
      List<Staff.Person> people = Staff.people(20, 3);
      // A hand-made account holds person 5's email under another external_id: that create fails.
      h.sandbox().seedUser("SOMEONE-ELSE", "Other", "Person", people.get(5).email(), Map.of());
      CliHarness.Result r = h.run("sync", h.csv("a.csv", Staff.csv(people)).toString());
      // The planner sees the conflict up front, so nothing fails: it is reported, not touched.
      assertEquals(0, r.exit(), r.out() + r.err());
      assertTrue(r.out().contains("Conflicts"), r.out());
      List<Staff.Person> others = new ArrayList<>(people);
      others.remove(5);
      assertEquals(
          List.of(),
          Staff.differences(others, h.sandbox().users()).stream()
              .filter(d -> !d.startsWith("SOMEONE-ELSE"))
              .toList());
    }
  }

  @Test
  void oneFailingPersonDoesNotStopTheOthersAndTheNextRunFinishesTheJob() throws Exception {
    SandboxOptions slow = SandboxOptions.defaults().withSeedFile(seedFile(dir)).withLatencyMs(150);
    try (CliHarness h = CliHarness.start(dir, slow)) {
      h.extraConfig(NO_BRAKES);
      // One person at a time, so the last person's create is certainly still to come.
      java.nio.file.Files.writeString(
          h.config(),
          java.nio.file.Files.readString(h.config())
              .replace("max_concurrency = 4", "max_concurrency = 1"));
      List<Staff.Person> people = Staff.people(6, 5);
      Staff.Person last = people.get(people.size() - 1);
      Path csv = h.csv("p.csv", Staff.csv(people));
      java.util.concurrent.CompletableFuture<CliHarness.Result> run =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> h.run("sync", csv.toString()));
      org.titansync.testing.Await.until(
          "the run's first write",
          java.time.Duration.ofSeconds(30),
          () -> h.sandbox().writeCount() >= 1);
      // Someone makes an account by hand with the last person's email while the run applies.
      h.sandbox().seedUser(null, "Hand", "Made", last.email(), Map.of());
      CliHarness.Result r = run.get();

      assertEquals(4, r.exit(), r.out() + r.err());
      assertTrue(r.lastLine().contains("some changes failed"), r.lastLine());
      Map<String, Object> result = CliHarness.readJson(h.lastRun().resolve("result.json"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> failed = (List<Map<String, Object>>) result.get("failed");
      assertEquals(1, failed.size(), failed.toString());
      assertEquals(last.id(), failed.get(0).get("external_id"));
      assertEquals(409, failed.get(0).get("http_status"));
      assertTrue(
          String.valueOf(failed.get(0).get("error")).contains("email_taken"), failed.toString());
      assertTrue(
          java.nio.file.Files.readString(h.lastRun().resolve("report.txt"))
              .contains("email_taken"));
      // Everyone else was created.
      assertEquals(List.of(last.id() + " missing"), Staff.differences(people, h.sandbox().users()));

      // The next run links the hand-made account (same email) and finishes the job.
      CliHarness.Result again = h.run("sync", csv.toString());
      assertEquals(0, again.exit(), again.out() + again.err());
      assertTrue(again.out().contains("link"), again.out());
      assertEquals(List.of(), Staff.differences(people, h.sandbox().users()));
    }
  }
}
