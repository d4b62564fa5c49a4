package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.roster.PackageFixtures;
import org.titansync.sandbox.SandboxOptions;

/**
 * OneRoster and SDS exports end to end: the real command line against the sandbox over HTTP, from a
 * zip (with a wrapping folder and __MACOSX/) or a folder, through the same plan, guardrails,
 * reports, approve and explain as the six-column CSV.
 */
class OneRosterEndToEndTest {
  /** The fixtures' org names and role values mapped to the sample district's sites and roles. */
  static final String CONFIG =
      """
      [roster]
      username_domain = "mvusd.org"
      [sites.aliases]
      "Mountain View USD" = "District Office"
      "Adult Education" = "Jefferson Elementary"
      [roles.map]
      "districtAdministrator" = "District Admin"
      "administrator" = "Principal"
      "aide" = "Substitute"
      "staff" = "Office Staff"
      """;

  @TempDir Path dir;

  private CliHarness start() throws Exception {
    return start(dir);
  }

  /**
   * A sandbox of the sample district's sites and roles, no user, with its folders in {@code at}.
   */
  private static CliHarness start(Path at) throws Exception {
    Files.createDirectories(at);
    CliHarness h =
        CliHarness.start(
            at,
            SandboxOptions.defaults()
                .withSeedFile(PackageFixtures.seedWithoutUsers(at.resolve("seed.json"))));
    h.extraConfig(CONFIG);
    return h;
  }

  /** external_id -> "site id=[role ids]" of every user of the sandbox that has one. */
  @SuppressWarnings("unchecked")
  static Map<String, List<String>> memberships(CliHarness h) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Map<String, Object> u : h.sandbox().users()) {
      List<String> sites = new ArrayList<>();
      for (Map<String, Object> m : (List<Map<String, Object>>) u.get("memberships")) {
        sites.add(m.get("site_id") + "=" + m.get("role_ids"));
      }
      out.put(String.valueOf(u.get("external_id")), sites);
    }
    return out;
  }

  @Test
  void aOneRosterZipIsSyncedKeptInTheRunFolderAndSyncedAgainWithNothingToDo() throws Exception {
    try (CliHarness h = start()) {
      Path zip = PackageFixtures.zip("oneroster-1.2", dir.resolve("export.zip"), "export-2026");

      CliHarness.Result first = h.run("sync", zip.toString());

      assertEquals(0, first.exit(), first.out() + first.err());
      Map<String, List<String>> titan = memberships(h);
      assertEquals(List.of("s_01=[r_01]", "s_02=[r_01]"), titan.get("t-100"), "two orgs");
      assertEquals(List.of("s_03=[r_01]"), titan.get("t-101"), "a department's school");
      assertEquals(List.of("s_02=[r_01]"), titan.get("t-102"), "a parent's secondary role");
      assertEquals(List.of("s_01=[r_05]"), titan.get("t-103"), "username at the domain");
      assertEquals(List.of("s_01=[r_02]"), titan.get("t-106"), "a short row");
      assertEquals(List.of("s_05=[r_11]"), titan.get("t-107"), "a district, via the aliases");
      assertEquals(List.of("s_04=[r_05]"), titan.get("t-108"), "a department without parent");
      assertEquals(List.of("s_03=[r_01]"), titan.get("t-114"), "TEACHER");
      for (String nobody : List.of("s-200", "g-300", "t-105", "t-109", "t-110", "t-111")) {
        assertNull(titan.get(nobody), nobody + " is not created");
      }
      assertEquals(
          "ann.lee@mvusd.org", h.user("t-100").get("email"), "lower-cased from Ann.Lee@MVUSD.org");
      assertTrue(
          first
              .out()
              .contains(
                  zip
                      + "!export-2026/roles.csv:12 [role]: role \"ext:coach\" is neither a staff"
                      + " role nor an ignored one for OneRoster 1.2"),
          first.out());
      assertTrue(
          first.out().contains("note: " + zip + "!export-2026/orgs.csv:7: department"),
          first.out());

      Path run = h.runDir(first.runId());
      assertArrayEquals(Files.readAllBytes(zip), Files.readAllBytes(run.resolve("input.zip")));
      String copy = Files.readString(run.resolve("input.csv"));
      assertTrue(
          copy.startsWith(
              "external_id,first_name,last_name,email,site_name,role_names,from,problem\n"),
          copy);
      assertFalse(copy.contains("s-200"), "no student in the run's input");
      Map<String, Object> record = CliHarness.readJson(run.resolve("input.json"));
      assertEquals("oneroster", record.get("format"));
      assertEquals("1.2", record.get("version"));
      String report = Files.readString(run.resolve("report.txt"));
      // The row's position, then the person it names (when it has one), then the field.
      assertTrue(
          report
              .lines()
              .anyMatch(
                  l -> l.contains("export-2026/roles.csv:16, ") && l.contains(" [orgSourcedId]: ")),
          report);

      CliHarness.Result again = h.run("sync", zip.toString());
      assertEquals(0, again.exit(), again.out() + again.err());
      assertTrue(again.lastLine().contains("nothing to do"), again.lastLine());

      CliHarness.Result explain = h.run("explain", "t-100");
      assertEquals(0, explain.exit(), explain.out() + explain.err());
      assertTrue(
          explain.out().contains("rows " + zip + "!export-2026/roles.csv:2, "), explain.out());
    }
  }

  @Test
  void anSdsFolderAndAOneRoster11ZipGiveTheSameTitanForTheSamePeople() throws Exception {
    try (CliHarness h = start(dir.resolve("sds"))) {
      CliHarness.Result sds = h.run("sync", PackageFixtures.fixture("sds-2.1").toString());
      assertEquals(0, sds.exit(), sds.out() + sds.err());
      assertEquals(List.of("s_01=[r_01]", "s_02=[r_01]"), memberships(h).get("t-100"));
      assertEquals(List.of("s_02=[r_06]"), memberships(h).get("t-102"), "staff -> Office Staff");
      assertEquals(
          "marcus.webb@mvusd.org", h.user("t-101").get("email"), "the username carries a domain");
    }
    try (CliHarness h = start(dir.resolve("v11"))) {
      Path zip = PackageFixtures.zip("oneroster-1.1", dir.resolve("v11.zip"), "");
      CliHarness.Result v11 = h.run("sync", zip.toString());
      assertEquals(0, v11.exit(), v11.out() + v11.err());
      assertEquals(List.of("s_01=[r_01]", "s_02=[r_01]"), memberships(h).get("t-100"));
      assertEquals(List.of("s_02=[r_01]"), memberships(h).get("t-102"), "a teacher and a parent");
      assertEquals(List.of("s_01=[r_08]"), memberships(h).get("t-109"), "the org that exists");
    }
  }

  @Test
  void aHeldPackageIsApprovedFromItsCopyAndItsRowErrorsStillProtectPeople() throws Exception {
    try (CliHarness h = start()) {
      Path firstPackage = copyFixture("oneroster-1.2", "first");
      // Rosa is a teacher in the first export.
      replace(
          firstPackage.resolve("roles.csv"),
          ",t-105,primary,ext:coach,",
          ",t-105,primary,teacher,");
      CliHarness.Result first = h.run("sync", firstPackage.toString());
      assertEquals(0, first.exit(), first.out() + first.err());
      assertEquals(List.of("s_01=[r_01]"), memberships(h).get("t-105"));

      // The second drops four teachers (held: too many removals); Rosa's role is ext:coach again.
      Path second = copyFixture("oneroster-1.2", "second");
      for (String gone : List.of("t-101", "t-102", "t-104", "t-113")) {
        replace(second.resolve("roles.csv"), "," + gone + ",", ",t-gone-" + gone + ",");
      }
      Path secondZip = dir.resolve("second.zip");
      zipFolder(second, secondZip);
      CliHarness.Result held = h.run("sync", secondZip.toString());
      assertEquals(3, held.exit(), held.out() + held.err());

      // The package itself is gone: approve reads the held run's own copy.
      Files.delete(secondZip);
      CliHarness.Result approved = h.run("approve", held.runId());

      assertEquals(0, approved.exit(), approved.out() + approved.err());
      Map<String, List<String>> titan = memberships(h);
      assertEquals(List.of(), titan.get("t-101"), "approved removal");
      assertEquals(
          List.of("s_01=[r_01]"), titan.get("t-105"), "an ext: role row still loses nothing");
      Path approvalRun = h.runDir(approved.runId());
      assertTrue(Files.exists(approvalRun.resolve("input.json")));
      assertTrue(
          approved.out().contains("second.zip!roles.csv:12 [role]: role \"ext:coach\""),
          "the held run's positions: " + approved.out());
    }
  }

  @Test
  void switchingFromTheCsvToOneRosterIsHeldByTheHeaderCheck() throws Exception {
    try (CliHarness h = start()) {
      Path csv =
          h.csv(
              "staff.csv",
              """
              external_id,first_name,last_name,email,site_name,role_names
              t-100,Ann,Lee,ann.lee@mvusd.org,Lincoln Elementary,teacher
              t-100,Ann,Lee,ann.lee@mvusd.org,Washington Middle School,teacher
              """);
      assertEquals(0, h.run("sync", csv.toString()).exit());

      CliHarness.Result switched =
          h.run("sync", PackageFixtures.fixture("oneroster-1.2").toString());

      assertEquals(3, switched.exit(), switched.out() + switched.err());
      assertTrue(
          switched.out().contains("the export was the six-column CSV, now OneRoster"),
          switched.out());
    }
  }

  @Test
  void aDeltaIsRefusedAManifestAloneChangesNothingAndABombIsRefused() throws Exception {
    try (CliHarness h = start()) {
      Path delta = PackageFixtures.zip("oneroster-1.2-delta", dir.resolve("delta.zip"), "");
      CliHarness.Result refused = h.run("sync", delta.toString());
      assertEquals(2, refused.exit(), refused.out() + refused.err());
      assertTrue(
          refused
              .lastLine()
              .contains("delta.zip!manifest.csv:6 [file.users]: the export is a delta"),
          refused.lastLine());
      assertEquals(0, h.sandbox().writeCount());

      Path alone =
          PackageFixtures.zip("oneroster-1.2-manifest-only", dir.resolve("nothing.zip"), "");
      CliHarness.Result nothing = h.run("sync", alone.toString());
      assertEquals(0, nothing.exit(), nothing.out() + nothing.err());
      assertTrue(
          nothing
              .lastLine()
              .endsWith("nothing to do: the export says nothing changed (no updates)"),
          nothing.lastLine());
      assertEquals(0, h.sandbox().writeCount());
      assertFalse(Files.exists(h.logs().resolve("last-accepted.json")), "not the next measure");

      h.extraConfig(CONFIG + "[csv]\nmax_file_mb = 16\n");
      Path bomb = PackageFixtures.bomb(dir.resolve("bomb.zip"), 64L * 1024 * 1024);
      CliHarness.Result bombed = h.run("sync", bomb.toString());
      assertEquals(2, bombed.exit(), bombed.out() + bombed.err());
      assertTrue(bombed.lastLine().contains("a zip bomb"), bombed.lastLine());
    }
  }

  @Test
  void validateTakesZipsAndFoldersAndTheReadmeSample() throws Exception {
    try (CliHarness h = start()) {
      Path zip = PackageFixtures.zip("sds-2.1", dir.resolve("sds.zip"), "sds");
      CliHarness.Result zipped = h.run("validate", zip.toString());
      assertEquals(2, zipped.exit(), zipped.out() + zipped.err());
      assertTrue(
          zipped.out().contains(zip + "!sds/roles.csv:8 [role]: role \"other\""), zipped.out());
      assertTrue(
          zipped.lastLine().endsWith(": SDS 2.1: 12 staff rows, 9 people, 2 bad rows"),
          zipped.lastLine());

      CliHarness.Result sample =
          h.run("validate", Path.of("samples/oneroster").toAbsolutePath().toString());
      assertEquals(0, sample.exit(), sample.out() + sample.err());
      assertTrue(sample.lastLine().endsWith(" 0 bad rows"), sample.lastLine());
      assertEquals(0, h.sandbox().requestCount(), "validate never calls Titan");
    }
  }

  /**
   * Issue 22's unsafe workaround: [csv.columns] aliases pointed at a OneRoster users.csv. It used
   * to validate and then take students for staff; it is refused, pointing at the native reader.
   */
  @Test
  void aOneRosterUsersCsvWithCsvColumnAliasesIsRefused() throws Exception {
    try (CliHarness h = start()) {
      h.extraConfig(
          """
          [csv.columns]
          external_id = "sourcedId"
          first_name = "givenName"
          last_name = "familyName"
          site_name = "orgSourcedIds"
          role_names = "role"
          """);
      Path users =
          Files.copy(
              PackageFixtures.fixture("oneroster-1.1").resolve("users.csv"),
              dir.resolve("users.csv"));

      CliHarness.Result validate = h.run("validate", users.toString());
      CliHarness.Result sync = h.run("sync", users.toString());

      for (CliHarness.Result r : List.of(validate, sync)) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(
            (r.out() + r.err()).contains("this is the users.csv of a OneRoster export"),
            r.out() + r.err());
      }
      assertEquals(0, h.sandbox().writeCount());
    }
  }

  /**
   * The README's sample export, with the real --sandbox flag: the built-in sandbox seeded from the
   * packaged samples, in this process. Its staff are the sample district's; the people the sample
   * leaves out are removed, which a config that lets removals through allows.
   */
  @Test
  void theSampleExportSyncsIntoTheBuiltInSandbox() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("sandbox.toml"),
            """
            [guardrails]
            max_removals = 1000
            max_removal_percent = 100
            hold_on_vanished_site = false
            hold_on_last_privileged_holder = false
            max_update_percent = 100
            max_role_change_percent = 100
            max_privileged_changes = 100
            """);
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int exit =
        org.titansync.cli.TitanSyncCommand.execute(
            new java.io.PrintWriter(out, true),
            new java.io.PrintWriter(err, true),
            "sync",
            Path.of("samples/oneroster").toAbsolutePath().toString(),
            "--sandbox",
            "--config",
            config.toString());

    assertEquals(0, exit, out + "\n" + err);
    assertTrue(out.toString().contains("applied"), out.toString());
    assertTrue(Files.exists(dir.resolve("logs/sandbox-state.json")));
  }

  private Path copyFixture(String fixture, String name) throws Exception {
    Path target = Files.createDirectories(dir.resolve(name));
    try (var files = Files.list(PackageFixtures.fixture(fixture))) {
      for (Path f : files.toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    return target;
  }

  private static void replace(Path file, String from, String to) throws Exception {
    String text = Files.readString(file);
    assertTrue(text.contains(from), from);
    Files.writeString(file, text.replace(from, to));
  }

  private static void zipFolder(Path folder, Path zip) throws Exception {
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
        var files = Files.list(folder)) {
      for (Path f : files.sorted().toList()) {
        out.putNextEntry(new java.util.zip.ZipEntry(f.getFileName().toString()));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
    }
  }
}
