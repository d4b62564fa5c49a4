package org.titansync.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exporter that gives one person a sourcedId per school, with one email (Ed-Fi style): by
 * default the second id is "two people, one email" and loses nothing; with merge_by = "email" the
 * rows are one person at both schools, under the smallest id.
 */
class MergeByEmailTest {
  @TempDir Path dir;

  private Path perSchoolIds() throws Exception {
    Path pkg = Files.createDirectories(dir.resolve("edfi"));
    try (var files = Files.list(Packages.fixture("oneroster-1.2"))) {
      for (Path f : files.toList()) {
        Files.copy(f, pkg.resolve(f.getFileName()));
      }
    }
    Path users = pkg.resolve("users.csv");
    Files.writeString(
        users,
        Files.readString(users)
            + "t-100-was,,1/05/2023,true,alee2,,Ann,Lee,,ID-t-100-was,ann.lee@mvusd.org,,,,,,,,,,,"
            + "org-was,\n");
    Path roles = pkg.resolve("roles.csv");
    Files.writeString(
        roles,
        Files.readString(roles)
            .replace(
                ",t-100,secondary,teacher,2023-08-15,,org-was,",
                ",t-100-was,primary,teacher,,,org-was,"));
    return pkg;
  }

  @Test
  void byDefaultTheSecondIdIsARowErrorThatProtectsIt() throws Exception {
    Roster r = Packages.reader(Packages.options()).read(Packages.folder(perSchoolIds()));
    Person ann = OneRosterPackageTest.byId(r).get("t-100");
    assertEquals(List.of("Lincoln Elementary"), OneRosterPackageTest.sites(ann));
    RowError second = OneRosterPackageTest.errorOf(r, "t-100-was");
    assertTrue(
        second.message().startsWith("email already used by external_id t-100 on edfi/roles.csv:2"),
        second.message());
    assertTrue(r.taintedExternalIds().contains("t-100-was"));
  }

  @Test
  void mergedByEmailTheyAreOnePersonAtBothSchoolsUnderTheSmallestId() throws Exception {
    Roster r =
        Packages.reader(new Packages.Opts().mergeByEmail().build())
            .read(Packages.folder(perSchoolIds()));
    Person ann = OneRosterPackageTest.byId(r).get("t-100");
    assertEquals(
        List.of("Lincoln Elementary", "Washington Middle School"), OneRosterPackageTest.sites(ann));
    assertTrue(r.errors().stream().noneMatch(e -> e.message().contains("already used")));
    assertTrue(r.format().mapping().get(5).endsWith("; merged by email"));
    assertEquals(r, NormalizedCopyTest.roundTrip(r), "the run's copy holds the merged ids");
  }
}
