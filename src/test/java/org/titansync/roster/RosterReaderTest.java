package org.titansync.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.run.ExportFile;

class RosterReaderTest {
  static final String HEADER_LINE = "external_id,first_name,last_name,email,site_name,role_names";

  @TempDir Path dir;

  /** A file body: each line ended by LF (tests of other line endings spell theirs out). */
  static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  /** The standard header followed by the given data lines. */
  static String export(String... dataLines) {
    return HEADER_LINE + "\n" + lines(dataLines);
  }

  private Path write(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  private Path write(String content) throws IOException {
    return write("staff.csv", content.getBytes(StandardCharsets.UTF_8));
  }

  private static Roster read(String content) throws Exception {
    return new RosterReader(RosterOptions.defaults()).read(new StringReader(content), "staff.csv");
  }

  private static RowError onlyError(Roster roster) {
    assertEquals(1, roster.errors().size(), () -> "errors: " + roster.errors());
    return roster.errors().get(0);
  }

  private static RosterOptions withDelimiter(char delimiter) {
    RosterOptions d = RosterOptions.defaults();
    return new RosterOptions(delimiter, d.roleSeparator(), d.encoding(), d.columnAliases());
  }

  @Nested
  class Encoding {
    @Test
    void utf8FileWithBomReadsTheFirstHeaderAsExternalId() throws Exception {
      byte[] body =
          export("E1,José,Núñez,jose@example.org,North High,Teacher")
              .getBytes(StandardCharsets.UTF_8);
      byte[] withBom = new byte[body.length + 3];
      withBom[0] = (byte) 0xEF;
      withBom[1] = (byte) 0xBB;
      withBom[2] = (byte) 0xBF;
      System.arraycopy(body, 0, withBom, 3, body.length);

      Roster roster =
          new RosterReader(RosterOptions.defaults()).read(ExportFile.of(write("bom.csv", withBom)));

      assertEquals("external_id", roster.headers().get(0));
      Person jose = roster.persons().get(0);
      assertEquals("E1", jose.externalId());
      assertEquals("José", jose.firstName());
      assertEquals("Núñez", jose.lastName());
    }

    @Test
    void bomOnlyFileIsEmpty() throws Exception {
      Path file = write("bom-only.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      RosterException e =
          assertThrows(
              RosterException.class,
              () -> new RosterReader(RosterOptions.defaults()).read(ExportFile.of(file)));
      assertEquals(file + ": file is empty", e.getMessage());
    }

    @Test
    void isoLatin1ThroughOptions() throws Exception {
      Path file =
          write(
              "latin1.csv",
              export("E1,Siobhán,Ó Briain,siobhan@example.org,Éire School,Principal")
                  .getBytes(StandardCharsets.ISO_8859_1));
      RosterOptions d = RosterOptions.defaults();
      RosterOptions latin1 =
          new RosterOptions(
              d.delimiter(), d.roleSeparator(), StandardCharsets.ISO_8859_1, d.columnAliases());

      Person p = new RosterReader(latin1).read(ExportFile.of(file)).persons().get(0);

      assertEquals("Siobhán", p.firstName());
      assertEquals("Ó Briain", p.lastName());
      assertEquals("Éire School", p.sites().get(0).siteName());
    }

    @Test
    void latin1BytesReadAsUtf8RefuseTheFileAndSuggestTheEncodingKey() throws Exception {
      Path file =
          write(
              "latin1.csv",
              export("E1,Siobhán,Ó Briain,siobhan@example.org,North,Teacher")
                  .getBytes(StandardCharsets.ISO_8859_1));
      RosterException e =
          assertThrows(
              RosterException.class,
              () -> new RosterReader(RosterOptions.defaults()).read(ExportFile.of(file)));
      assertEquals(2, e.line());
      assertTrue(
          e.getMessage().contains("cannot decode the bytes 0xE1 at line 2, column 9"),
          e.getMessage());
      assertTrue(
          e.getMessage()
              .endsWith(
                  "the whole file reads cleanly as windows-1252: set [csv]"
                      + " encoding = \"windows-1252\""),
          e.getMessage());
    }

    @Test
    void unicodeNamesAreKeptAndNfdBecomesNfc() throws Exception {
      // NFD: letters followed by combining accents, as some systems write them.
      Roster roster =
          read(
              export(
                  "E1,Jose\u0301,Nu\u0301n\u0303ez,jose@example.org,North,Teacher",
                  "E2,Nguyễn,Văn An,an@example.org,North,Teacher",
                  "E3,Siobhán,Ó Briain,siobhan@example.org,North,Teacher"));

      assertTrue(roster.errors().isEmpty());
      assertEquals("Jos\u00e9", roster.persons().get(0).firstName());
      assertEquals("N\u00fa\u00f1ez", roster.persons().get(0).lastName());
      assertEquals("Nguyễn", roster.persons().get(1).firstName());
      assertEquals("Văn An", roster.persons().get(1).lastName());
      assertEquals("Ó Briain", roster.persons().get(2).lastName());
    }
  }

  @Nested
  class LineEndingsAndQuoting {
    @Test
    void crlfAndLfEndLinesMixedInOneFile() throws Exception {
      String rows =
          String.join(
              "",
              HEADER_LINE,
              "\r\n",
              "E1,Ann,Lee,ann@example.org,North,Teacher",
              "\r\n",
              "E2,Bob,Kay,bob@example.org,North,Teacher",
              "\n",
              "E3,Cy,Roe,cy@example.org,North,Teacher");

      Roster roster = new RosterReader(RosterOptions.defaults()).read(ExportFile.of(write(rows)));

      assertEquals(3, roster.persons().size());
      assertEquals(List.of(2), roster.persons().get(0).lines());
      assertEquals(List.of(3), roster.persons().get(1).lines());
      assertEquals(List.of(4), roster.persons().get(2).lines());
      assertEquals(List.of("Teacher"), roster.persons().get(0).sites().get(0).roleNames());
    }

    @Test
    void inAnOldMacFileLoneCrLfAndCrlfAllEndLines() throws Exception {
      String rows =
          String.join(
              "",
              HEADER_LINE,
              "\r",
              "E1,Ann,Lee,ann@example.org,North,Teacher",
              "\r\n",
              "E2,Bob,Kay,bob@example.org,North,Teacher",
              "\n",
              "E3,Cy,Roe,cy@example.org,North,Teacher",
              "\r",
              "E4,Di,Fox,di@example.org,North,Teacher");

      Roster roster = new RosterReader(RosterOptions.defaults()).read(ExportFile.of(write(rows)));

      assertEquals(4, roster.persons().size());
      assertEquals(List.of(5), roster.persons().get(3).lines());
      assertEquals("Fox", roster.persons().get(3).lastName());
    }

    @Test
    void aLoneCrInAnLfFileIsNotALineEndButABadRowThatKeepsItsPerson() throws Exception {
      // Cut in two at the CR, "01,Ann,..." would read as a good row of someone else (external_id
      // 01), and E1001 would be planned as a leaver.
      Roster roster =
          read(
              export(
                  "E10\r01,Ann,Lee,ann@example.org,North,Teacher",
                  "E2,Bob,Kay,bob@example.org,North,Teacher"));

      RowError error = onlyError(roster);
      assertEquals(2, error.line());
      assertEquals("external_id", error.field());
      assertEquals(
          "external_id \"E10\\r01\" contains a control character (U+000D)", error.message());
      assertTrue(roster.taintedEmails().contains("ann@example.org"));
      assertEquals(List.of(3), roster.persons().get(0).lines());
    }

    @Test
    void quotedFieldsHoldDelimiterDoubledQuotesAndNewlines() throws Exception {
      Roster roster =
          read(
              export(
                  "E1,\"Ann, Jr.\",\"O\"\"Hara\",ann@example.org,\"North\r\nAnnex\",\"Teacher;Coach\""));

      Person ann = roster.persons().get(0);
      assertEquals("Ann, Jr.", ann.firstName());
      assertEquals("O\"Hara", ann.lastName());
      assertEquals("North\r\nAnnex", ann.sites().get(0).siteName());
      assertEquals(List.of("Teacher", "Coach"), ann.sites().get(0).roleNames());
    }

    @Test
    void linesAfterAMultiLineFieldAreCountedPhysically() throws Exception {
      String content =
          lines(
              HEADER_LINE + ",notes",
              "E1,Ann,Lee,ann@example.org,North,Teacher,\"line one\nline two\r\nline three\"",
              "E2,Bob,Kay,bob@,North,Teacher,");

      Roster roster = read(content);

      assertEquals(List.of(2), roster.persons().get(0).lines());
      RowError error = onlyError(roster);
      assertEquals(5, error.line(), "row 3 starts on physical line 5");
      assertEquals("email", error.field());
    }

    @Test
    void spacesAroundQuotedFieldsAreTolerated() throws Exception {
      Roster roster = read(export("E1, \"Lee, Ann\" ,Lee,ann@example.org,North,Teacher"));
      assertTrue(roster.errors().isEmpty());
      assertEquals("Lee, Ann", roster.persons().get(0).firstName());
    }

    @Test
    void quoteInsideAnUnquotedFieldIsText() throws Exception {
      Roster roster = read(export("E1,Dwayne 'The Rock\",Johnson,d@example.org,North,Coach"));
      assertEquals("Dwayne 'The Rock\"", roster.persons().get(0).firstName());
    }

    @Test
    void textAfterAClosingQuoteIsABadRow() throws Exception {
      Roster roster =
          read(
              export(
                  "E1,\"Dwayne \"The Rock\" Johnson\",Johnson,d@example.org,North,Coach",
                  "E2,Ann,Lee,ann@example.org,North,Teacher"));

      RowError error = onlyError(roster);
      assertEquals(2, error.line());
      assertEquals("first_name", error.field());
      assertEquals("E1", error.externalId());
      assertEquals(
          "text after the closing quote in column \"first_name\"; a quote inside a quoted value"
              + " must be doubled (\"\")",
          error.message());
      assertTrue(roster.taintedExternalIds().contains("E1"));
      assertFalse(roster.taintedExternalIds().contains("E2"));
      assertEquals(1, roster.persons().size());
    }

    @Test
    void unterminatedQuoteRefusesTheFileNamingTheLineWhereTheFieldStarted() throws Exception {
      Path file =
          write(
              export(
                  "E1,Ann,Lee,ann@example.org,North,Teacher",
                  "E2,Bob,Kay,bob@example.org,\"North\nHigh,Teacher",
                  "E3,Cy,Roe,cy@example.org,North,Teacher"));

      RosterException e =
          assertThrows(
              RosterException.class,
              () -> new RosterReader(RosterOptions.defaults()).read(ExportFile.of(file)));

      assertEquals(3, e.line());
      assertEquals("site_name", e.field());
      assertEquals(file.toString(), e.file());
      assertEquals(
          file
              + ":3 [site_name]: unterminated quoted field starting on line 3 and running to the"
              + " end of the file (line 5); nothing after it can be trusted",
          e.getMessage());
    }

    @Test
    void semicolonDelimiter() throws Exception {
      String content =
          lines(
              "external_id;first_name;last_name;email;site_name;role_names",
              "E1;Lee, Ann;Lee;ann@example.org;North;\"Teacher;Coach\"");
      Roster roster =
          new RosterReader(withDelimiter(';')).read(new StringReader(content), "staff.csv");
      assertEquals("Lee, Ann", roster.persons().get(0).firstName());
      assertEquals(List.of("Teacher", "Coach"), roster.persons().get(0).sites().get(0).roleNames());
    }

    @Test
    void tabDelimiter() throws Exception {
      String content =
          lines(
              "external_id\tfirst_name\tlast_name\temail\tsite_name\trole_names",
              "E1\tAnn\tLee, Jr.\tann@example.org\tNorth High\tTeacher");
      Roster roster =
          new RosterReader(withDelimiter('\t')).read(new StringReader(content), "staff.tsv");
      Person ann = roster.persons().get(0);
      assertEquals("Lee, Jr.", ann.lastName());
      assertEquals("North High", ann.sites().get(0).siteName());
    }

    @Test
    void delimiterThatIsAQuoteIsRejectedAtConstruction() {
      assertThrows(IllegalArgumentException.class, () -> new RosterReader(withDelimiter('"')));
    }
  }

  @Nested
  class Header {
    @Test
    void headerDriftInOrderCaseAndSpacingStillMatches() throws Exception {
      String content =
          lines(
              "Role Names,EMAIL,Site-Name, First Name ,LAST_NAME,External ID,Badge Color",
              "Teacher,ann@example.org,North,Ann,Lee,E1,blue");

      Roster roster = read(content);

      Person ann = roster.persons().get(0);
      assertEquals("E1", ann.externalId());
      assertEquals("Ann", ann.firstName());
      assertEquals("Lee", ann.lastName());
      assertEquals("ann@example.org", ann.email());
      assertEquals("North", ann.sites().get(0).siteName());
      assertEquals(List.of("Teacher"), ann.sites().get(0).roleNames());
      assertEquals(
          List.of(
              "Role Names",
              "EMAIL",
              "Site-Name",
              " First Name ",
              "LAST_NAME",
              "External ID",
              "Badge Color"),
          roster.headers());
    }

    @Test
    void externalIdMatchesInAnySpelling() throws Exception {
      for (String header : List.of("External ID", "external_id", "EXTERNALID", "external-id")) {
        Roster roster =
            read(
                lines(
                    header + ",first_name,last_name,email,site_name,role_names",
                    "E1,Ann,Lee,ann@example.org,North,Teacher"));
        assertEquals("E1", roster.persons().get(0).externalId(), header);
      }
    }

    @Test
    void aliasesFromOptionsMatchLoosely() throws Exception {
      RosterOptions d = RosterOptions.defaults();
      RosterOptions aliased =
          new RosterOptions(
              d.delimiter(),
              d.roleSeparator(),
              d.encoding(),
              Map.of(
                  "external_id", List.of("EmployeeID", "Staff ID"),
                  "Site Name", List.of("Building")));
      String content =
          lines(
              "staff_id,first_name,last_name,email,BUILDING,role_names",
              "S-1,Ann,Lee,ann@example.org,North,Teacher");

      Roster roster = new RosterReader(aliased).read(new StringReader(content), "staff.csv");

      assertEquals("S-1", roster.persons().get(0).externalId());
      assertEquals("North", roster.persons().get(0).sites().get(0).siteName());
    }

    @Test
    void aliasForUnknownColumnOrNamingTwoColumnsIsAConfigurationError() {
      RosterOptions d = RosterOptions.defaults();
      assertThrows(
          IllegalArgumentException.class,
          () ->
              new RosterReader(
                  new RosterOptions(
                      ',', ";", d.encoding(), Map.of("badge", List.of("Badge Color")))));
      assertThrows(
          IllegalArgumentException.class,
          () ->
              new RosterReader(
                  new RosterOptions(
                      ',', ";", d.encoding(), Map.of("email", List.of("last name")))));
    }

    @Test
    void missingColumnRefusesTheFileListingTheHeadersFound() throws Exception {
      Path file =
          write(
              lines(
                  "external_id,first_name,last_name,e-mail address,site_name,role_names",
                  "E1,Ann,Lee,ann@example.org,North,Teacher"));

      RosterException e =
          assertThrows(
              RosterException.class,
              () -> new RosterReader(RosterOptions.defaults()).read(ExportFile.of(file)));

      assertEquals(1, e.line());
      assertEquals("email", e.field());
      assertEquals(
          file
              + ":1 [email]: missing required column email; found headers: \"external_id\","
              + " \"first_name\", \"last_name\", \"e-mail address\", \"site_name\", \"role_names\"",
          e.getMessage());
    }

    @Test
    void twoHeadersForOneColumnRefuseTheFile() {
      RosterException e =
          assertThrows(
              RosterException.class,
              () ->
                  read(
                      lines(
                          "external_id,first_name,last_name,email,E-Mail,site_name,role_names",
                          "E1,Ann,Lee,a@example.org,a@example.org,North,Teacher")));
      assertEquals(1, e.line());
      assertEquals("email", e.field());
      assertEquals(
          "staff.csv:1 [email]: headers \"email\" (column 4) and \"E-Mail\" (column 5) both map"
              + " to email",
          e.getMessage());
    }
  }

  @Nested
  class WholeFileRefusals {
    @Test
    void zeroBytesIsEmpty() throws Exception {
      Path file = write("");
      RosterException e =
          assertThrows(
              RosterException.class,
              () -> new RosterReader(RosterOptions.defaults()).read(ExportFile.of(file)));
      assertEquals(file + ": file is empty", e.getMessage());
      assertEquals(0, e.line());
    }

    @Test
    void onlyBlankLinesIsEmpty() {
      RosterException e =
          assertThrows(RosterException.class, () -> read(lines("", "\r", "  ", ",,,")));
      assertEquals("staff.csv: file is empty", e.getMessage());
    }

    @Test
    void headerOnlyIsRefusedSoThatAnEmptyExportRemovesNobody() {
      RosterException e = assertThrows(RosterException.class, () -> read(export("", ",,,,,")));
      assertEquals(
          "staff.csv: header only: no data rows; refusing so that an empty export can never"
              + " remove anyone",
          e.getMessage());
    }
  }

  @Nested
  class Values {
    @Test
    void valuesAreTrimmedIncludingNoBreakSpaces() throws Exception {
      Roster roster =
          read(export("  E1 ,\u00a0Ann\u00a0, Lee ,  ann@example.org ,\tNorth ,Teacher "));
      Person ann = roster.persons().get(0);
      assertEquals("E1", ann.externalId());
      assertEquals("Ann", ann.firstName());
      assertEquals("Lee", ann.lastName());
      assertEquals("ann@example.org", ann.email());
      assertEquals("North", ann.sites().get(0).siteName());
      assertEquals(List.of("Teacher"), ann.sites().get(0).roleNames());
    }

    @Test
    void blankLinesAreSkippedAndNotCounted() throws Exception {
      Roster roster =
          read(
              export(
                  "",
                  "E1,Ann,Lee,ann@example.org,North,Teacher",
                  ",,,,,",
                  "   ",
                  "E2,Bob,Kay,bob@example.org,North,Teacher",
                  ""));
      assertEquals(2, roster.dataRows());
      assertTrue(roster.errors().isEmpty());
      assertEquals(List.of(3), roster.persons().get(0).lines());
      assertEquals(List.of(6), roster.persons().get(1).lines());
    }

    @Test
    void rolesAreSplitTrimmedAndDeduplicatedCaseInsensitively() throws Exception {
      Roster roster =
          read(export("E1,Ann,Lee,ann@example.org,North, Teacher ;; coach;TEACHER;Coach ;"));
      assertEquals(List.of("Teacher", "coach"), roster.persons().get(0).sites().get(0).roleNames());
    }

    @Test
    void roleSeparatorComesFromOptions() throws Exception {
      RosterOptions d = RosterOptions.defaults();
      RosterOptions pipes = new RosterOptions(',', "|", d.encoding(), d.columnAliases());
      Roster roster =
          new RosterReader(pipes)
              .read(
                  new StringReader(export("E1,Ann,Lee,ann@example.org,North,Teacher|Nurse;Aid")),
                  "staff.csv");
      assertEquals(
          List.of("Teacher", "Nurse;Aid"), roster.persons().get(0).sites().get(0).roleNames());
    }
  }

  @Nested
  class RowErrors {
    /** Reads a good row on line 2 and the given row on line 3; returns the one error. */
    private RowError errorFor(String row) throws Exception {
      Roster roster = read(export("E0,Zed,Zulu,zed@example.org,North,Teacher", row));
      assertEquals(2, roster.dataRows());
      assertEquals(1, roster.persons().size(), "the bad row is skipped, the good one kept");
      RowError error = onlyError(roster);
      assertEquals(3, error.line());
      return error;
    }

    @Test
    void tooFewFields() throws Exception {
      RowError e = errorFor("E1,Ann,Lee,ann@example.org,North");
      assertNull(e.field());
      assertEquals("E1", e.externalId());
      assertEquals("expected 6 fields as in the header, found 5", e.message());
    }

    @Test
    void tooManyFieldsHintsAtQuoting() throws Exception {
      RowError e = errorFor("E1,Lee, Ann,Lee,ann@example.org,North,Teacher");
      assertNull(e.field());
      assertEquals(
          "expected 6 fields as in the header, found 7; a value containing \",\" must be quoted",
          e.message());
    }

    @Test
    void emptyExternalId() throws Exception {
      RowError e = errorFor(" ,Ann,Lee,ann@example.org,North,Teacher");
      assertEquals("external_id", e.field());
      assertNull(e.externalId());
      assertEquals("empty external_id", e.message());
    }

    @Test
    void emptyFirstName() throws Exception {
      RowError e = errorFor("E1,,Lee,ann@example.org,North,Teacher");
      assertEquals("first_name", e.field());
      assertEquals("E1", e.externalId());
      assertEquals("empty first_name", e.message());
    }

    @Test
    void emptyLastName() throws Exception {
      RowError e = errorFor("E1,Ann,,ann@example.org,North,Teacher");
      assertEquals("last_name", e.field());
      assertEquals("empty last_name", e.message());
    }

    @Test
    void nameLongerThan100Characters() throws Exception {
      Roster fine = read(export("E1," + "é".repeat(100) + ",Lee,ann@example.org,North,Teacher"));
      assertTrue(fine.errors().isEmpty(), "exactly 100 characters are allowed");

      RowError e = errorFor("E1,Ann," + "x".repeat(101) + ",ann@example.org,North,Teacher");
      assertEquals("last_name", e.field());
      assertEquals("last_name is 101 characters long; at most 100 are allowed", e.message());
    }

    @Test
    void emptyEmail() throws Exception {
      RowError e = errorFor("E1,Ann,Lee,,North,Teacher");
      assertEquals("email", e.field());
      assertEquals("empty email", e.message());
    }

    @Test
    void emailLongerThan254Characters() throws Exception {
      String email = "a".repeat(243) + "@example.org"; // 255 characters
      RowError e = errorFor("E1,Ann,Lee," + email + ",North,Teacher");
      assertEquals("email", e.field());
      assertEquals("email is 255 characters long; at most 254 are allowed", e.message());
    }

    @Test
    void implausibleEmailsNameTheValue() throws Exception {
      Map<String, String> cases =
          Map.of(
              "bob@", "invalid email \"bob@\" (nothing after the @)",
              "bob.example.org", "invalid email \"bob.example.org\" (no @)",
              "bob@@example.org", "invalid email \"bob@@example.org\" (more than one @)",
              "@example.org", "invalid email \"@example.org\" (nothing before the @)",
              "bob@localhost",
                  "invalid email \"bob@localhost\" (the part after the @ is not a domain such as"
                      + " example.org)",
              "bob smith@example.org",
                  "invalid email \"bob smith@example.org\" (contains a space or line break)");
      for (Map.Entry<String, String> c : cases.entrySet()) {
        RowError e = errorFor("E1,Bob,Smith," + c.getKey() + ",North,Teacher");
        assertEquals("email", e.field(), c.getKey());
        assertEquals(c.getValue(), e.message());
      }
    }

    @Test
    void emptySiteName() throws Exception {
      RowError e = errorFor("E1,Ann,Lee,ann@example.org,,Teacher");
      assertEquals("site_name", e.field());
      assertEquals("empty site_name", e.message());
    }

    @Test
    void noRoleAfterSplitting() throws Exception {
      RowError e = errorFor("E1,Ann,Lee,ann@example.org,North, ; ;");
      assertEquals("role_names", e.field());
      assertEquals("role_names \"; ;\" names no role", e.message());
      assertEquals("empty role_names", errorFor("E1,Ann,Lee,ann@example.org,North,").message());
    }

    @Test
    void oneErrorPerRowTheFirstInColumnOrder() throws Exception {
      RowError e = errorFor("E1,,,bob@,,");
      assertEquals("first_name", e.field());
    }
  }

  @Nested
  class Merging {
    @Test
    void rowsWithOneExternalIdMergeIntoOnePersonWithSitesInFileOrder() throws Exception {
      Roster roster =
          read(
              export(
                  "E1,Ann,Lee,ann@example.org,North High,Teacher",
                  "E2,Bob,Kay,bob@example.org,North High,Teacher",
                  "E1,Ann,Lee,ANN@example.org,South Middle,Coach;Teacher",
                  "E1,Ann,Lee,ann@example.org,north high,Counselor;teacher"));

      assertTrue(roster.errors().isEmpty(), () -> roster.errors().toString());
      assertEquals(4, roster.dataRows());
      assertEquals(2, roster.persons().size());
      Person ann = roster.persons().get(0);
      assertEquals("E1", ann.externalId());
      assertEquals("ann@example.org", ann.email());
      assertEquals(List.of(2, 4, 5), ann.lines());
      assertEquals(
          List.of(
              new SiteAssignment("North High", List.of("Teacher", "Counselor"), 2),
              new SiteAssignment("South Middle", List.of("Coach", "Teacher"), 4)),
          ann.sites());
      assertEquals("E2", roster.persons().get(1).externalId());
    }

    @Test
    void laterRowWithDifferentNameOrEmailConflictsAndTheFirstRowWins() throws Exception {
      Roster roster =
          read(
              export(
                  "E1,Ann,Lee,ann@example.org,North,Teacher",
                  "E1,Anne,Lee,ann@example.org,South,Coach",
                  "E1,Ann,Leigh,ann@example.org,East,Coach",
                  "E1,Ann,Lee,ann.lee@example.org,West,Coach"));

      assertEquals(3, roster.errors().size());
      RowError first = roster.errors().get(0);
      assertEquals(3, first.line());
      assertEquals("first_name", first.field());
      assertEquals("E1", first.externalId());
      assertEquals(
          "first_name conflicts with line 2 for the same external_id; line 2 wins",
          first.message());
      assertEquals("last_name", roster.errors().get(1).field());
      assertEquals(4, roster.errors().get(1).line());
      RowError email = roster.errors().get(2);
      assertEquals("email", email.field());
      assertEquals(
          "email \"ann.lee@example.org\" conflicts with \"ann@example.org\" on line 2 for the"
              + " same external_id; line 2 wins",
          email.message());

      Person ann = roster.persons().get(0);
      assertEquals("Ann", ann.firstName());
      assertEquals(List.of(2), ann.lines());
      assertEquals(1, ann.sites().size());
      assertEquals(Set.of("E1"), roster.taintedExternalIds());
      assertEquals(Set.of("ann@example.org", "ann.lee@example.org"), roster.taintedEmails());
    }

    @Test
    void sameEmailUnderTwoExternalIdsRefusesEveryRowOfTheLaterPerson() throws Exception {
      Roster roster =
          read(
              export(
                  "E1,Ann,Lee,ann@example.org,North,Teacher",
                  "E2,Anna,Lee,ANN@example.org,North,Teacher",
                  "E1,Ann,Lee,ann@example.org,South,Teacher",
                  "E2,Anna,Lee,ann@example.org,South,Teacher",
                  "E2,Anna,Lee,anna@example.org,East,Teacher"));

      assertEquals(1, roster.persons().size());
      assertEquals(List.of(2, 4), roster.persons().get(0).lines());
      assertEquals(List.of(3, 5, 6), roster.errors().stream().map(RowError::line).toList());
      for (RowError e : roster.errors()) {
        assertEquals("email", e.field());
        assertEquals("E2", e.externalId());
      }
      assertEquals(
          "email already used by external_id E1 on line 2", roster.errors().get(0).message());
      assertEquals(
          "email already used by external_id E1 on line 2", roster.errors().get(1).message());
      assertEquals(
          "external_id E2 is refused since line 3: its email there is already used by"
              + " external_id E1 on line 2",
          roster.errors().get(2).message());
      assertEquals(Set.of("E2"), roster.taintedExternalIds());
      assertEquals(Set.of("ann@example.org", "anna@example.org"), roster.taintedEmails());
    }

    @Test
    void aPersonWhoseFirstRowIsBadIsBuiltFromTheGoodOnes() throws Exception {
      Roster roster =
          read(
              export(
                  "E1,Ann,Lee,ann@example.org,,Teacher",
                  "E1,Ann,Lee,ann@example.org,South,Teacher"));
      Person ann = roster.persons().get(0);
      assertEquals(List.of(3), ann.lines());
      assertEquals("South", ann.sites().get(0).siteName());
      assertEquals(Set.of("E1"), roster.taintedExternalIds());
    }
  }

  @Nested
  class Taint {
    @Test
    void taintedSetsHoldIdsAndPlausibleEmailsOfBadRowsOnly() throws Exception {
      Roster roster =
          read(
              export(
                  "E1,Ann,Lee,Ann@Example.org,North,Teacher",
                  "E2,,Kay,Bob@Example.org,North,Teacher",
                  ",Cy,Roe,Cy@Example.org,North,Teacher",
                  "E4,Di,Fox,di@,North,Teacher",
                  "E5,Ed,Poe",
                  "Eve,Fox,eve@example.org"));

      assertEquals(1, roster.persons().size());
      assertEquals(6, roster.dataRows());
      assertEquals(5, roster.errors().size());
      // A row with the wrong number of fields protects every value in it (and pairs of them).
      assertTrue(
          roster.taintedExternalIds().containsAll(Set.of("E2", "E4", "E5", "Eve")),
          () -> roster.taintedExternalIds().toString());
      assertTrue(
          roster
              .taintedEmails()
              .containsAll(Set.of("bob@example.org", "cy@example.org", "eve@example.org")),
          () -> roster.taintedEmails().toString());
      assertFalse(roster.taintedExternalIds().contains("E1"));
      assertFalse(roster.taintedEmails().contains("ann@example.org"));
    }
  }

  @Test
  void theExampleInTheDocsReadsAsTheDocsSay() throws Exception {
    Path doc = Path.of("docs", "csv-format.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    int start = text.indexOf("```csv\n") + "```csv\n".length();
    String example = text.substring(start, text.indexOf("```", start));

    Roster roster = read(example);

    assertTrue(roster.errors().isEmpty(), () -> roster.errors().toString());
    assertEquals(5, roster.dataRows(), "the row with a two-line site counts once");
    assertEquals(4, roster.persons().size());
    Person jose = roster.persons().get(0);
    assertEquals(
        List.of("North High", "South Middle"),
        jose.sites().stream().map(SiteAssignment::siteName).toList());
    Person lee = roster.persons().get(2);
    assertEquals("Central Office\nAnnex", lee.sites().get(0).siteName());
    Person an = roster.persons().get(3);
    assertEquals(List.of(7), an.lines());
    assertEquals(List.of("Teacher", "Counselor"), an.sites().get(0).roleNames());
  }
}
