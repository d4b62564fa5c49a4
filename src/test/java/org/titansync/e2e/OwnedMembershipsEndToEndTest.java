package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21 through the real command line against the sandbox. Titan is filled by an earlier sync of
 * samples/staff.csv first (everyone carries an external_id); then hand edits go through the
 * sandbox's HTTP API, as a district's staff would make them in Titan, and the next syncs show what
 * titan-sync leaves alone, when, and what it says.
 */
class OwnedMembershipsEndToEndTest {
  @TempDir Path dir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Sets a user's roles at a site by hand: PUT /users/{id}/memberships/{site}. */
  static void byHand(CliHarness h, String externalId, String siteId, String... roleIds)
      throws Exception {
    String userId = (String) h.user(externalId).get("id");
    String body = "{\"role_ids\":[\"" + String.join("\",\"", roleIds) + "\"]}";
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        h.sandbox().baseUrl() + "/users/" + userId + "/memberships/" + siteId))
                .header("Authorization", "Bearer " + h.sandbox().options().apiKey())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
  }

  /** Site id -> role ids of a user, as the sandbox holds them. */
  @SuppressWarnings("unchecked")
  static Map<String, Set<String>> memberships(CliHarness h, String externalId) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (Map<String, Object> m :
        (List<Map<String, Object>>) h.user(externalId).get("memberships")) {
      out.put((String) m.get("site_id"), Set.copyOf((List<String>) m.get("role_ids")));
    }
    return out;
  }

  /** The earlier sync that fills Titan: the sample, as it is. */
  private static void filled(CliHarness h) {
    CliHarness.Result first = h.run("sync", CliHarness.sample().toString());
    assertEquals(0, first.exit(), first.out() + first.err());
  }

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP}));

  private static String report(CliHarness h, String runId) throws Exception {
    return Files.readString(h.runDir(runId).resolve("report.txt"));
  }

  /**
   * titan-sync's memory of a large district is megabytes: a run that changes none of it leaves the
   * file as it was (same bytes, not written again); a run that changes it (a leaver's roles taken
   * away) writes it.
   */
  @Test
  void aRunThatChangesNothingLeavesTheMemoryFileAsItWas() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      filled(h);
      Path memory;
      try (var files = Files.list(h.logs().resolve("memory"))) {
        memory = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
      }
      String before = Files.readString(memory);
      // Dated far back, so that any write, however soon, shows.
      var written = java.nio.file.attribute.FileTime.fromMillis(0);
      Files.setLastModifiedTime(memory, written);

      CliHarness.Result again = h.run("sync", CliHarness.sample().toString());

      assertEquals(0, again.exit(), again.out() + again.err());
      assertTrue(again.out().contains("nothing to do"), again.out());
      assertEquals(before, Files.readString(memory));
      assertEquals(written, Files.getLastModifiedTime(memory), "a no-op wrote the memory again");

      Path leaver = h.sampleWith("leaver.csv", (i, row) -> !row.startsWith("E1002,"));
      CliHarness.Result left = h.run("sync", leaver.toString());

      assertEquals(0, left.exit(), left.out() + left.err());
      assertFalse(before.equals(Files.readString(memory)), "what titan-sync owns changed");
      assertFalse(
          written.equals(Files.getLastModifiedTime(memory)), "a run that changed it wrote it");
    }
  }

  private static String html(CliHarness h, String runId) throws Exception {
    return Files.readString(h.runDir(runId).resolve("report.html"));
  }

  /** A mail for every run, to the test's SMTP server, after {@code more} TOML. */
  private static String mailEveryRun(String more) {
    return more
        + "[email]\nenabled = true\nhost = \"127.0.0.1\"\nport = "
        + SMTP.getSmtp().getPort()
        + "\nstarttls = false\nfrom = \"titan-sync@district.org\"\nto = [\"it@district.org\"]\n"
        + "send_on = [\"always\"]\n";
  }

  /** The text part of the last mail received, decoded. */
  private static String lastMail() throws Exception {
    MimeMessage[] got = SMTP.getReceivedMessages();
    assertTrue(got.length > 0, "a mail");
    MimeMessage last = got[got.length - 1];
    if (last.getContent() instanceof MimeMultipart parts) {
      for (int i = 0; i < parts.getCount(); i++) {
        if (parts.getBodyPart(i).isMimeType("text/plain")) {
          return (String) parts.getBodyPart(i).getContent();
        }
      }
    }
    return GreenMailUtil.getBody(last);
  }

  @Test
  void aMembershipAndARoleAddedByHandAreKeptUnderOwnedAndRemovedUnderAll() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      filled(h);
      // James Carter teaches at Lincoln (s_01): a Coach-like season at Roosevelt (s_03) and the
      // Nurse role beside Teacher at Lincoln, both added by hand.
      byHand(h, "E1002", "s_03", "r_01");
      byHand(h, "E1002", "s_01", "r_01", "r_04");
      h.sandbox().resetCounters();
      h.extraConfig(mailEveryRun(""));

      CliHarness.Result owned = h.run("sync", CliHarness.sample().toString());

      assertEquals(0, owned.exit(), owned.out() + owned.err());
      assertEquals(0, h.sandbox().writeCount(), "owned: nothing of it is titan-sync's to take");
      assertEquals(
          Map.of("s_01", Set.of("r_01", "r_04"), "s_03", Set.of("r_01")), memberships(h, "E1002"));
      String report = report(h, owned.runId());
      assertTrue(report.contains("Kept because made by hand (2 roles"), report);
      // Each line names the person, then their keys: the report, its HTML and the mail alike.
      String kept =
          "James Carter (E1002, james.carter@mvusd.org): Teacher at Roosevelt High School (a"
              + " membership made by hand, kept whole)";
      String beside = "James Carter (E1002, james.carter@mvusd.org): Nurse at Lincoln Elementary";
      assertTrue(report.contains(kept), report);
      assertTrue(report.contains(beside + " (made by"), report);
      String html = html(h, owned.runId());
      assertTrue(html.contains("<li>" + kept + "</li>"), html);
      assertFalse(html.contains("E1002 &lt;"), html);
      String mail = lastMail();
      assertTrue(mail.contains("James Carter (E1002, james.carter@mvusd.org): Teacher at"), mail);
      assertFalse(mail.contains("E1002 <james.carter"), mail);
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(owned.runId()).resolve("result.json"));
      assertEquals(2, result.get("kept_by_hand"), result.toString());
      CliHarness.Result explain = h.run("explain", "E1002");
      assertEquals(0, explain.exit(), explain.out() + explain.err());
      assertTrue(
          explain
              .out()
              .contains(
                  "Lincoln Elementary: Teacher: owned: taken over at the first run against this"
                      + " Titan (run "
                      + "20"),
          explain.out());
      assertTrue(
          explain.out().contains("Lincoln Elementary: Nurse: not titan-sync's: made by hand"),
          explain.out());
      assertTrue(
          explain.out().contains("Roosevelt High School: Teacher: not titan-sync's: made by hand"),
          explain.out());

      h.extraConfig("[sync]\nmembership_scope = \"all\"\n");
      CliHarness.Result all = h.run("sync", CliHarness.sample().toString());

      assertEquals(0, all.exit(), all.out() + all.err());
      assertEquals(Map.of("s_01", Set.of("r_01")), memberships(h, "E1002"));
    }
  }

  @Test
  void aLeaverLosesEveryMembershipHandMadeOnesIncludedUnderBothScopes() throws Exception {
    for (String scope : List.of("owned", "all")) {
      Path sub = dir.resolve(scope);
      Files.createDirectories(sub);
      try (CliHarness h = CliHarness.start(sub)) {
        h.extraConfig(
            "[sync]\nmembership_scope = \""
                + scope
                + "\"\n[guardrails]\nmax_removal_percent = 50.0\n");
        filled(h);
        byHand(h, "E1002", "s_03", "r_01"); // a leaver's hand-made membership
        byHand(h, "E1004", "s_02", "r_08"); // someone who stays keeps theirs (owned only)
        Path without = h.sampleWith("leaver.csv", (i, row) -> !row.startsWith("E1002,"));

        CliHarness.Result r = h.run("sync", without.toString());

        assertEquals(0, r.exit(), scope + ": " + r.out() + r.err());
        assertEquals(Map.of(), memberships(h, "E1002"), scope + ": a leaver holds nothing");
        assertEquals(
            scope.equals("owned"),
            memberships(h, "E1004").containsKey("s_02"),
            scope + ": " + memberships(h, "E1004"));
      }
    }
  }

  @Test
  void theGracePeriodKeepsThenRemovesAndAComebackCostsNothing() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      filled(h); // the seed's own leavers go at once
      h.extraConfig(mailEveryRun("[sync]\nremove_after_missing_runs = 2\n"));
      Map<String, Set<String>> before = memberships(h, "E1002");
      Path without = h.sampleWith("missing.csv", (i, row) -> !row.startsWith("E1002,"));
      h.sandbox().resetCounters();

      CliHarness.Result once = h.run("sync", without.toString());

      assertEquals(0, once.exit(), once.out() + once.err());
      assertEquals(0, h.sandbox().writeCount(), "missing once: kept\n" + once.out());
      assertEquals(before, memberships(h, "E1002"));
      String report = report(h, once.runId());
      String missing =
          "James Carter (E1002, james.carter@mvusd.org): missing since "
              + once.runId().substring(0, 4);
      assertTrue(report.contains(missing), report);
      assertTrue(html(h, once.runId()).contains("<li>" + missing), html(h, once.runId()));
      String mail = lastMail();
      assertTrue(mail.contains(missing), mail);
      assertTrue(report.contains("(run " + once.runId() + "), 1 run; keeps everything"), report);
      CliHarness.Result explain = h.run("explain", "E1002");
      assertTrue(
          explain.out().contains("(run " + once.runId() + "), 1 run ("),
          explain.out() + explain.err());

      // Back in the next file: nothing to do, nothing said.
      CliHarness.Result back = h.run("sync", CliHarness.sample().toString());
      assertEquals(0, back.exit(), back.out() + back.err());
      assertEquals(0, h.sandbox().writeCount(), "a comeback costs nothing");
      assertFalse(report(h, back.runId()).contains("missing since"), report(h, back.runId()));

      // Missing again: the count starts again from one, then the second run in a row removes.
      CliHarness.Result again = h.run("sync", without.toString());
      assertEquals(0, again.exit(), again.out() + again.err());
      assertEquals(before, memberships(h, "E1002"), "missing once more: the count restarted");
      CliHarness.Result twice = h.run("sync", without.toString());
      assertEquals(0, twice.exit(), twice.out() + twice.err());
      assertEquals(Map.of(), memberships(h, "E1002"), "two runs in a row: removed");
      assertTrue(
          report(h, twice.runId()).contains("the grace period is over: removed in this run"),
          report(h, twice.runId()));
    }
  }

  @Test
  void aSummersWorthOfExpiriesIsHeldByTheRemovalGuardrails() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      filled(h); // the seed's own leavers go at once
      h.extraConfig(mailEveryRun("[sync]\nremove_after_missing_runs = 2\n"));
      Set<String> leavers = Set.of("E1002,", "E1003,", "E1004,", "E1006,", "E1007,", "E1011,");
      Path summer =
          h.sampleWith("summer.csv", (i, row) -> leavers.stream().noneMatch(row::startsWith));
      h.sandbox().resetCounters();

      CliHarness.Result first = h.run("sync", summer.toString());
      assertEquals(0, first.exit(), first.out() + first.err());
      assertEquals(
          0, h.sandbox().writeCount(), "within grace: nobody loses anything\n" + first.out());

      CliHarness.Result expired = h.run("sync", summer.toString());

      assertEquals(3, expired.exit(), expired.out() + expired.err());
      assertEquals(0, h.sandbox().writeCount(), "held: nobody removed in bulk silently");
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(expired.runId()).resolve("result.json"));
      assertTrue(
          String.valueOf(result.get("holds")).contains("max_removal_percent"), result.toString());
    }
  }

  @Test
  void aSchoolsLastPrincipalIsAWarningByDefaultAndAHoldWithTheSetting() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      filled(h);
      // Maria Gonzalez, Lincoln's only principal, moves to Jefferson (which keeps its own).
      Path moved =
          h.sampleWith(
              "moved.csv",
              (i, row) -> !row.startsWith("E1001,"),
              "E1001,Maria,Gonzalez,maria.gonzalez@mvusd.org,Jefferson Elementary,Principal");

      CliHarness.Result warned = h.run("sync", moved.toString());

      assertEquals(0, warned.exit(), warned.out() + warned.err());
      String warning =
          "Warning: Lincoln Elementary loses its last Principal: Maria Gonzalez (E1001), who moves"
              + " from Lincoln Elementary to Jefferson Elementary.";
      assertTrue(warned.out().contains(warning), warned.out());
      String report = report(h, warned.runId());
      assertTrue(report.contains(warning), report);
      assertTrue(
          report.contains("(moves from Lincoln Elementary to Jefferson Elementary)"), report);
      assertEquals(Set.of("s_04"), memberships(h, "E1001").keySet());

      // With the setting, the principal of Washington leaving the file holds the run.
      h.extraConfig("[guardrails]\nsite_last_holder_roles = [\"Principal\"]\n");
      Path left =
          h.sampleWith(
              "left.csv",
              (i, row) -> !row.startsWith("E1001,") && !row.startsWith("E1009,"),
              "E1001,Maria,Gonzalez,maria.gonzalez@mvusd.org,Jefferson Elementary,Principal");
      h.sandbox().resetCounters();

      CliHarness.Result held = h.run("sync", left.toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      assertEquals(0, h.sandbox().writeCount());
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(held.runId()).resolve("result.json"));
      assertTrue(
          String.valueOf(result.get("holds")).contains("site_last_holder_roles"),
          result.toString());
      assertTrue(
          held.out()
              .contains(
                  "Washington Middle School loses its last Principal: David Thompson (E1009), who"
                      + " is no longer in the file."),
          held.out());
    }
  }
}
