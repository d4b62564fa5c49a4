package org.titansync.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.roster.ExportText.export;
import static org.titansync.roster.ExportText.lines;
import static org.titansync.roster.ExportText.read;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.run.ExportFile;

/** The header, the files refused whole, and the values of a row. */
class RosterReaderHeaderTest {
  @TempDir Path dir;

  private Path write(String content) throws IOException {
    return ExportText.write(dir, content);
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
              + " \"first_name\", \"last_name\", \"e-mail address\", \"site_name\", \"role_names\";"
              + " \"e-mail address\" for email looks like it: if it is, add under [csv.columns] in"
              + " the config: email = \"e-mail address\"",
          e.getMessage());
    }

    @Test
    void aLookAlikeColumnSuggestsTheLineToAddUnderCsvColumns() {
      RosterException e =
          assertThrows(
              RosterException.class,
              () ->
                  read(
                      lines(
                          "Employee Number,first_name,last_name,Work Email,School,role_names",
                          "E1,Ann,Lee,ann@example.org,North,Teacher")));
      assertTrue(
          e.getMessage()
              .endsWith(
                  "; \"Employee Number\" for external_id, \"Work Email\" for email, \"School\""
                      + " for site_name look like them: if they are, add under [csv.columns] in the"
                      + " config: external_id = \"Employee Number\"; email = \"Work Email\";"
                      + " site_name = \"School\""),
          e.getMessage());
    }

    @Test
    void aTypoInAColumnsOwnNameIsNoticedButAnUnrelatedHeaderIsNot() {
      RosterException typo =
          assertThrows(
              RosterException.class,
              () ->
                  read(
                      lines(
                          "external_id,frist_name,last_name,email,site_name,role_names",
                          "E1,Ann,Lee,ann@example.org,North,Teacher")));
      assertTrue(
          typo.getMessage()
              .endsWith("add under [csv.columns] in the config: first_name = \"frist_name\""),
          typo.getMessage());
      RosterException unrelated =
          assertThrows(
              RosterException.class,
              () ->
                  read(
                      lines(
                          "external_id,first_name,last_name,Badge Color,site_name,role_names",
                          "E1,Ann,Lee,blue,North,Teacher")));
      assertTrue(unrelated.getMessage().endsWith("\"role_names\""), unrelated.getMessage());
    }

    @Test
    void aHeaderWithSemicolonsOrTabsSuggestsTheDelimiter() {
      RosterException semicolons =
          assertThrows(
              RosterException.class,
              () ->
                  read(
                      lines(
                          "external_id;first_name;last_name;email;site_name;role_names",
                          "E1;Ann;Lee;ann@example.org;North;Teacher")));
      assertTrue(
          semicolons
              .getMessage()
              .endsWith(
                  "; the header has \";\" between its names, which the configured delimiter"
                      + " \",\" does not split: set [csv] delimiter = \";\" in the config"),
          semicolons.getMessage());
      RosterException tabs =
          assertThrows(
              RosterException.class,
              () ->
                  read(
                      lines(
                          "external_id\tfirst_name\tlast_name\temail\tsite_name\trole_names",
                          "E1\tAnn\tLee\tann@example.org\tNorth\tTeacher")));
      assertTrue(
          tabs.getMessage().endsWith("set [csv] delimiter = \"\\t\" in the config"),
          tabs.getMessage());
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
}
