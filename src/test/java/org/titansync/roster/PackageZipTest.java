package org.titansync.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A OneRoster or SDS zip is read safely: names ignoring case, one wrapping folder, Mac and hidden
 * entries ignored; encrypted or duplicate entries, damaged data and zip bombs refused; nothing is
 * extracted, and a file of a package given alone is refused.
 */
class PackageZipTest {
  @TempDir Path dir;

  private Roster readZip(Path zip, PackageOptions options, RosterOptions csv) throws Exception {
    return new ExportReader(csv, options).read(Packages.file(zip, "export.zip"));
  }

  private Roster readZip(Path zip) throws Exception {
    return readZip(zip, Packages.options(), RosterOptions.defaults());
  }

  @Test
  void aZipWithAWrappingFolderAndMacEntriesReadsAsItsFolder() throws Exception {
    Map<String, String> mac = new LinkedHashMap<>();
    mac.put("__MACOSX/", null);
    mac.put("__MACOSX/export-2026/._users.csv", "\u0000\u0005\u0016\u0007 resource fork");
    mac.put("export-2026/.DS_Store", "\u0000\u0000\u0000\u0001Bud1");
    Path zip =
        Packages.zip(
            Packages.fixture("oneroster-1.2"), dir.resolve("export.zip"), "export-2026", mac);

    Roster zipped = readZip(zip);
    Roster folder = Packages.read("oneroster-1.2");

    assertEquals(
        folder.persons().stream().map(Person::externalId).toList(),
        zipped.persons().stream().map(Person::externalId).toList());
    assertEquals(folder.taintedExternalIds(), zipped.taintedExternalIds());
    RowError coach =
        zipped.errors().stream().filter(e -> "t-105".equals(e.externalId())).findFirst().get();
    assertEquals("export.zip!export-2026/roles.csv:12", coach.position());
  }

  @Test
  void entryNamesMatchIgnoringCase() throws Exception {
    Path zip = dir.resolve("upper.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name : List.of("manifest.csv", "orgs.csv", "roles.csv", "users.csv")) {
        out.putNextEntry(new ZipEntry(name.toUpperCase(java.util.Locale.ROOT)));
        out.write(Files.readAllBytes(Packages.fixture("oneroster-1.2").resolve(name)));
        out.closeEntry();
      }
    }
    assertEquals(9, readZip(zip).persons().size());
  }

  @Test
  void twoEntriesOfOneNameAreRefused() throws Exception {
    Path zip =
        Packages.zip(
            Packages.fixture("oneroster-1.2"),
            dir.resolve("dup.zip"),
            "",
            Map.of("Users.CSV", "sourcedId\n"));
    RosterException e = assertThrows(RosterException.class, () -> readZip(zip));
    assertTrue(e.getMessage().contains("one name twice"), e.getMessage());
  }

  @Test
  void anEncryptedEntryIsRefused() throws Exception {
    byte[] bytes =
        Files.readAllBytes(
            Packages.zip(Packages.fixture("sds-2.1"), dir.resolve("plain.zip"), "", Map.of()));
    // Set bit 0 of the general purpose flags of every header: what a password-protected zip has.
    setFlagEverywhere(bytes, 0x0001);
    Path zip = Files.write(dir.resolve("locked.zip"), bytes);

    RosterException e = assertThrows(RosterException.class, () -> readZip(zip));
    assertTrue(e.getMessage().contains("is encrypted"), e.getMessage());
  }

  @Test
  void aZipBombIsRefusedBeforeItIsInflated() throws Exception {
    Path zip = bomb(dir.resolve("bomb.zip"), 64L * 1024 * 1024);
    assertTrue(Files.size(zip) < 1024 * 1024, "the bomb is small: " + Files.size(zip));

    RosterException e =
        assertThrows(
            RosterException.class, () -> readZip(zip, Packages.options(), withMaxFile(16)));
    assertEquals(
        "export.zip!users.csv: unpacks to 67108864 bytes, more than [csv] max_file_mb = 16;"
            + " refusing it before reading it (a zip bomb, or an export bigger than the cap"
            + " allows)",
        e.getMessage());

    RosterException total =
        assertThrows(
            RosterException.class,
            () ->
                readZip(
                    zip,
                    new Packages.Opts().maxUnpacked(32L * 1024 * 1024).build(),
                    withMaxFile(128)));
    assertTrue(
        total.getMessage().contains("more than [roster] max_unpacked_mb = 32"), total.getMessage());
  }

  @Test
  void aZipBombThatLiesAboutItsSizeIsStoppedAtTheCapAsItIsRead() throws Exception {
    byte[] bytes = Files.readAllBytes(bomb(dir.resolve("bomb.zip"), 64L * 1024 * 1024));
    // The central directory now claims 1,000 bytes for users.csv.
    patchCentral(bytes, "users.csv", 24, 1000);
    Path zip = Files.write(dir.resolve("liar.zip"), bytes);

    RosterException e =
        assertThrows(RosterException.class, () -> readZip(zip, Packages.options(), withMaxFile(8)));
    assertTrue(
        e.getMessage().startsWith("export.zip!users.csv: unpacks to more than"), e.getMessage());
  }

  @Test
  void anEntryWhoseChecksumDoesNotMatchIsRefused() throws Exception {
    byte[] bytes =
        Files.readAllBytes(
            Packages.zip(Packages.fixture("sds-2.1"), dir.resolve("ok.zip"), "", Map.of()));
    patchCentral(bytes, "users.csv", 16, 0x12345678);
    Path zip = Files.write(dir.resolve("damaged.zip"), bytes);

    RosterException e = assertThrows(RosterException.class, () -> readZip(zip));
    assertTrue(e.getMessage().contains("export.zip!users.csv: is damaged"), e.getMessage());
  }

  @Test
  void twoFoldersDeepIsNotAnExportAndSaysWhereTheFilesAre() throws Exception {
    Path zip =
        Packages.zip(
            Packages.fixture("sds-2.1"), dir.resolve("deep.zip"), "a/b", Map.of("a/c.txt", "x"));
    RosterException e = assertThrows(RosterException.class, () -> readZip(zip));
    assertTrue(e.getMessage().contains("holds neither manifest.csv nor users.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("a/b/users.csv"), e.getMessage());
  }

  @Test
  void aFileThatIsNotAZipButSaysPkIsRefused() throws Exception {
    Path fake =
        Files.write(
            dir.resolve("fake.zip"),
            "PK\u0003\u0004 not really".getBytes(StandardCharsets.ISO_8859_1));
    RosterException e = assertThrows(RosterException.class, () -> readZip(fake));
    assertTrue(e.getMessage().contains("is not a zip file that can be read"), e.getMessage());
  }

  @Test
  void formatCsvRefusesAZipAndFormatOneRosterAPlainCsv() throws Exception {
    Path zip = Packages.zip(Packages.fixture("sds-2.1"), dir.resolve("sds.zip"), "", Map.of());
    RosterException csv =
        assertThrows(
            RosterException.class,
            () ->
                readZip(
                    zip,
                    new Packages.Opts().format(PackageOptions.Expect.CSV).build(),
                    RosterOptions.defaults()));
    assertTrue(csv.getMessage().contains("[roster] format = \"csv\""), csv.getMessage());

    Path plain =
        Files.writeString(dir.resolve("staff.csv"), ExportText.export("E1,A,B,a@b.org,S,R"));
    RosterException oneRoster =
        assertThrows(
            RosterException.class,
            () ->
                new ExportReader(
                        RosterOptions.defaults(),
                        new Packages.Opts().format(PackageOptions.Expect.ONEROSTER).build())
                    .read(Packages.file(plain, "staff.csv")));
    assertTrue(oneRoster.getMessage().contains("expects the whole export"), oneRoster.getMessage());
  }

  /**
   * The unsafe workaround of issue 22: [csv.columns] aliases pointed at a OneRoster users.csv. It
   * passed the header check, and took students for staff and org ids for sites; it is refused,
   * pointing at the native reader, whatever the aliases and format say.
   */
  @Test
  void aOneRosterUsersCsvGivenAsTheSixColumnCsvIsRefusedEvenWithAliases() throws Exception {
    Path users =
        Files.copy(
            Packages.fixture("oneroster-1.1").resolve("users.csv"), dir.resolve("users.csv"));
    RosterOptions aliased =
        new RosterOptions(
            ',',
            ";",
            StandardCharsets.UTF_8,
            Map.of(
                "external_id", List.of("sourcedId"),
                "first_name", List.of("givenName"),
                "last_name", List.of("familyName"),
                "site_name", List.of("orgSourcedIds"),
                "role_names", List.of("role")));
    for (PackageOptions.Expect format :
        List.of(PackageOptions.Expect.AUTO, PackageOptions.Expect.CSV)) {
      RosterException e =
          assertThrows(
              RosterException.class,
              () ->
                  new ExportReader(aliased, new Packages.Opts().format(format).build())
                      .read(Packages.file(users, "users.csv")));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "users.csv:1: this is the users.csv of a OneRoster export, not the six-column"
                      + " staff CSV"),
          e.getMessage());
      assertTrue(e.getMessage().contains("Give the whole export instead"), e.getMessage());
    }
  }

  @Test
  void aStrayQuoteThatSwallowsPartOfTheNextUserRefusesTheFile() throws Exception {
    Path pkg = Files.createDirectories(dir.resolve("stray"));
    try (var files = Files.list(Packages.fixture("oneroster-1.2"))) {
      for (Path f : files.toList()) {
        Files.copy(f, pkg.resolve(f.getFileName()));
      }
    }
    String users = Files.readString(pkg.resolve("users.csv"));
    // t-100's username opens a quote that closes in the next row, which then reads as full width.
    users =
        users.replace(",true,alee,", ",true,\"alee,").replace(",true,zmoreno,", ",true,zmoreno\",");
    Files.writeString(pkg.resolve("users.csv"), users);

    RosterException e =
        assertThrows(
            RosterException.class,
            () -> Packages.reader(Packages.options()).read(Packages.folder(pkg)));
    assertTrue(
        e.getMessage().startsWith("stray/users.csv:2 [username]: a quoted value runs from line 2"),
        e.getMessage());
  }

  @Test
  void aControlCharacterInAnEntryNameNeverReachesAMessageRaw() throws Exception {
    Path zip =
        Packages.zip(
            Packages.fixture("sds-2.1"), dir.resolve("esc.zip"), "x\u001b[31mred", Map.of());
    Roster r = readZip(zip);
    String where = r.errors().get(0).position();
    assertTrue(where.startsWith("export.zip!x\\u001B[31mred/"), where);
    assertTrue(where.chars().noneMatch(Character::isISOControl), where);
  }

  private static Path bomb(Path zip, long size) throws Exception {
    return PackageFixtures.bomb(zip, size);
  }

  private static RosterOptions withMaxFile(long megabytes) {
    return new RosterOptions(
        ',', ";", StandardCharsets.UTF_8, Map.of(), megabytes * 1024 * 1024, 0);
  }

  /** Sets a flag bit in every local and central header. */
  private static void setFlagEverywhere(byte[] zip, int bit) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 4 <= zip.length; i++) {
      int sig = b.getInt(i);
      if (sig == 0x04034b50) {
        b.putShort(i + 6, (short) (b.getShort(i + 6) | bit));
      } else if (sig == 0x02014b50) {
        b.putShort(i + 8, (short) (b.getShort(i + 8) | bit));
      }
    }
  }

  /** Writes a 4-byte value at {@code offset} of the central header of the entry {@code name}. */
  private static void patchCentral(byte[] zip, String name, int offset, int value) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 46 <= zip.length; i++) {
      if (b.getInt(i) == 0x02014b50 && (b.getShort(i + 28) & 0xFFFF) == wanted.length) {
        byte[] found = new byte[wanted.length];
        System.arraycopy(zip, i + 46, found, 0, wanted.length);
        if (java.util.Arrays.equals(found, wanted)) {
          b.putInt(i + offset, value);
          return;
        }
      }
    }
    throw new AssertionError("no central header for " + name);
  }

  @Test
  void theBombHelperMakesWhatItSays() throws Exception {
    Path zip = bomb(dir.resolve("check.zip"), 1024 * 1024);
    try (var z = new java.util.zip.ZipFile(zip.toFile())) {
      assertEquals(1024 * 1024, z.getEntry("users.csv").getSize());
    }
  }
}
