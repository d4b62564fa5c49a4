package org.titansync.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.roster.ExportText.export;
import static org.titansync.roster.ExportText.lines;
import static org.titansync.roster.ExportText.onlyError;
import static org.titansync.roster.ExportText.read;
import static org.titansync.roster.ExportText.withDelimiter;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.run.ExportFile;

class RosterReaderTest {
  @TempDir Path dir;

  private Path write(String name, byte[] content) throws IOException {
    return ExportText.write(dir, name, content);
  }

  private Path write(String content) throws IOException {
    return ExportText.write(dir, content);
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
              ExportText.HEADER_LINE,
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
              ExportText.HEADER_LINE,
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
              ExportText.HEADER_LINE + ",notes",
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
