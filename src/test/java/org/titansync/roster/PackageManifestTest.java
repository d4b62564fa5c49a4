package org.titansync.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a OneRoster manifest says: bulk, delta, or nothing at all. */
class PackageManifestTest {
  @TempDir Path dir;

  @Test
  void aDeltaIsRefusedAskingForABulkExport() {
    RosterException e =
        assertThrows(RosterException.class, () -> Packages.read("oneroster-1.2-delta"));
    assertEquals(
        "oneroster-1.2-delta/manifest.csv:6 [file.users]: the export is a delta (file.users ="
            + " delta): it lists only what changed, and titan-sync, which takes whoever is missing"
            + " as gone, would remove everyone it leaves out. Export a bulk (full) export instead",
        e.getMessage());
  }

  @Test
  void aManifestAloneMeansNoUpdatesNotAnEmptyRoster() throws Exception {
    Roster r = Packages.read("oneroster-1.2-manifest-only");
    assertTrue(r.noUpdates());
    assertEquals(List.of(), r.persons());
    assertEquals("1.2", r.format().version());
    assertTrue(r.notes().get(0).contains("a package of a manifest alone means no updates"));
  }

  @Test
  void aManifestAndFilesThatDisagreeAreRefused() throws Exception {
    Path pkg = copy("oneroster-1.2");
    Files.delete(pkg.resolve("roles.csv"));
    RosterException missing =
        assertThrows(
            RosterException.class,
            () -> Packages.reader(Packages.options()).read(Packages.folder(pkg)));
    assertTrue(
        missing.getMessage().contains("file.roles = bulk, but the export has no roles.csv"),
        missing.getMessage());

    Path absent = copy("oneroster-1.2");
    Files.writeString(
        absent.resolve("manifest.csv"),
        "propertyName,value\noneroster.version,1.2\nfile.users,absent\nfile.orgs,bulk\n");
    RosterException contradiction =
        assertThrows(
            RosterException.class,
            () -> Packages.reader(Packages.options()).read(Packages.folder(absent)));
    assertTrue(
        contradiction.getMessage().contains("file.users = absent, but the export holds users.csv"),
        contradiction.getMessage());
  }

  @Test
  void anUnknownVersionOrFileValueIsRefused() throws Exception {
    Path pkg = copy("oneroster-1.2");
    Files.writeString(
        pkg.resolve("manifest.csv"),
        "propertyName,value\noneroster.version,1.0\nfile.users,bulk\n");
    RosterException version =
        assertThrows(
            RosterException.class,
            () -> Packages.reader(Packages.options()).read(Packages.folder(pkg)));
    assertTrue(version.getMessage().contains("OneRoster version \"1.0\""), version.getMessage());

    Files.writeString(
        pkg.resolve("manifest.csv"),
        "propertyName,value\noneroster.version,1.2\nfile.users,partial\n");
    RosterException value =
        assertThrows(
            RosterException.class,
            () -> Packages.reader(Packages.options()).read(Packages.folder(pkg)));
    assertTrue(value.getMessage().contains("is not bulk, delta or absent"), value.getMessage());
  }

  @Test
  void withoutAManifestTheHeadersTellTheVersion() throws Exception {
    Path pkg = copy("oneroster-1.1");
    Files.delete(pkg.resolve("manifest.csv"));
    Roster r = Packages.reader(Packages.options()).read(Packages.folder(pkg));
    assertEquals(ExportFormat.Kind.ONEROSTER, r.format().kind());
    assertEquals("1.1", r.format().version());
  }

  @Test
  void aPackageWithoutStaffIsRefused() throws Exception {
    Path pkg = copy("oneroster-1.2");
    Files.writeString(
        pkg.resolve("roles.csv"),
        "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,"
            + "orgSourcedId\nr-1,,,s-200,primary,student,,,org-lin\n");
    RosterException e =
        assertThrows(
            RosterException.class,
            () -> Packages.reader(Packages.options()).read(Packages.folder(pkg)));
    assertTrue(e.getMessage().contains("names no staff"), e.getMessage());
  }

  private Path copy(String fixture) throws Exception {
    Path target = dir.resolve(fixture + "-" + System.nanoTime());
    Files.createDirectories(target);
    try (var files = Files.list(Packages.fixture(fixture))) {
      for (Path f : files.toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    return target;
  }
}
