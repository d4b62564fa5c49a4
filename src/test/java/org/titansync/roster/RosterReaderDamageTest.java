package org.titansync.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.run.ExportFile;

/** Damaged exports: a stray quote, stray bytes, mis-decoded names, files too big to hold. */
class RosterReaderDamageTest {
  private static final String HEADER = ExportText.HEADER_LINE;

  @TempDir Path dir;

  /** Data rows for people E1000, E1001, ... whose rows start on lines 2, 3, ... */
  private static List<String> rows(int count) {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(
          "E"
              + (1000 + i)
              + ",José,Núñez"
              + i
              + ",p"
              + i
              + "@district.example.org,North High,Teacher");
    }
    return rows;
  }

  private Path write(List<String> rows) throws Exception {
    return write((HEADER + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private Path write(byte[] content) throws Exception {
    Path file = dir.resolve("staff.csv");
    Files.write(file, content);
    return file;
  }

  private static RosterException refused(Path file) {
    return refused(file, RosterOptions.defaults());
  }

  private static RosterException refused(Path file, RosterOptions options) {
    return assertThrows(
        RosterException.class, () -> new RosterReader(options).read(ExportFile.of(file)));
  }

  @Nested
  class StrayQuote {
    @Test
    void aStrayQuoteThatSwallowsFiftyLinesRefusesTheWholeFileNamingTheSpan() throws Exception {
      List<String> rows = rows(200);
      rows.set(29, "E1029,\"Ann,Lee,ann@district.example.org,North High,Teacher"); // line 31
      rows.set(79, "E1079,\"Lee, Jr.\",Kay,lee@district.example.org,North High,Teacher"); // 81
      Path file = write(rows);

      RosterException e = refused(file);

      assertEquals(31, e.line());
      assertEquals("first_name", e.field());
      assertTrue(e.getMessage().startsWith(file + ":31 [first_name]: "), e.getMessage());
      assertTrue(e.getMessage().contains("runs from line 31 to line 81"), e.getMessage());
      assertTrue(e.getMessage().contains("swallowed lines 31 to 81"), e.getMessage());
      assertTrue(e.getMessage().contains("nobody on them is removed"), e.getMessage());
    }

    @Test
    void aSwallowThatClosesCleanlyWithTheRightFieldCountIsStillRefused() throws Exception {
      // The stray quote opens field 2 on line 31 and a stray quote ends field 2 on line 40: the
      // record then has six fields, but the rows of lines 32 to 39 are inside one value.
      List<String> rows = rows(60);
      rows.set(29, "E1029,\"Ann,Lee,ann@district.example.org,North High,Teacher");
      rows.set(38, "E1038,Bob\",Kay,bob@district.example.org,North High,Teacher");
      Path file = write(rows);

      RosterException e = refused(file);

      assertEquals(31, e.line());
      assertTrue(e.getMessage().contains("runs from line 31 to line 40"), e.getMessage());
      assertTrue(e.getMessage().contains("its text holds whole rows"), e.getMessage());
    }

    @Test
    void aGenuineMultiLineValueInAWellFormedRowIsRead() throws Exception {
      List<String> rows = rows(3);
      rows.set(1, "E1001,Ann,Lee,ann@district.example.org,\"Central Office\nAnnex\",Nurse");
      Roster roster = new RosterReader(RosterOptions.defaults()).read(ExportFile.of(write(rows)));

      assertTrue(roster.errors().isEmpty(), () -> roster.errors().toString());
      assertEquals("Central Office\nAnnex", roster.persons().get(1).sites().get(0).siteName());
      assertEquals(List.of(5), roster.persons().get(2).lines());
    }
  }

  @Nested
  class Encoding {
    /** A UTF-8 export full of accents, with one byte on line 31 written as windows-1252. */
    private byte[] utf8WithOneWindows1252Byte(int line, byte bad) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
      List<String> rows = rows(40);
      for (int i = 0; i < rows.size(); i++) {
        if (i + 2 == line) {
          out.writeBytes("E9999,Ren".getBytes(StandardCharsets.UTF_8));
          out.write(bad);
          out.writeBytes(",Roe,ren@district.example.org,North High,Teacher\n".getBytes(UTF_8));
        } else {
          out.writeBytes((rows.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      return out.toByteArray();
    }

    private static final Charset UTF_8 = StandardCharsets.UTF_8;

    @Test
    void aStrayByteIsNamedWithItsTrueLineColumnAndHexAndNoAdviceThatWouldGarbleNames()
        throws Exception {
      Path file = write(utf8WithOneWindows1252Byte(31, (byte) 0xE9));

      RosterException e = refused(file);

      assertEquals(31, e.line());
      assertTrue(
          e.getMessage().contains("cannot decode the bytes 0xE9 at line 31, column 10"),
          e.getMessage());
      assertFalse(e.getMessage().contains("set [csv] encoding"), e.getMessage());
      assertTrue(
          e.getMessage().contains("would turn other names into mis-decoded text such as \"Ã©\""),
          e.getMessage());
    }

    @Test
    void aStrayByteFarIntoALargeFileIsFoundOnItsLine() throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes((HEADER + "\n" + String.join("\n", rows(2000)) + "\n").getBytes(UTF_8));
      out.write(0xFF);
      out.writeBytes("\n".getBytes(UTF_8));

      RosterException e = refused(write(out.toByteArray()));

      assertEquals(2002, e.line());
      assertTrue(e.getMessage().contains("0xFF at line 2002, column 1"), e.getMessage());
    }

    @Test
    void aByteThatIsNoCharacterInWindows1252EitherGetsNoAdviceToSwitch() throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(
          (HEADER + "\nE1,Ann,Lee,ann@district.example.org,North High,Teacher\nE2,Bo")
              .getBytes(UTF_8));
      out.write(0x81);
      out.writeBytes(",Kay,bob@district.example.org,North High,Teacher\n".getBytes(UTF_8));

      RosterException e = refused(write(out.toByteArray()));

      assertEquals(3, e.line());
      assertTrue(e.getMessage().contains("0x81 at line 3, column 6"), e.getMessage());
      assertTrue(
          e.getMessage().contains("does not read cleanly as windows-1252 either"), e.getMessage());
    }

    @Test
    void aUtf8ExportReadAsWindows1252IsAdvisedToBeReadAsUtf8() throws Exception {
      // "Á" in UTF-8 is 0xC3 0x81, and 0x81 is no character in windows-1252.
      Path file =
          write(
              (HEADER + "\nE1,Álvaro,Núñez,alvaro@district.example.org,North High,Teacher\n")
                  .getBytes(UTF_8));
      RosterOptions d = RosterOptions.defaults();
      RosterOptions windows1252 =
          new RosterOptions(
              d.delimiter(), d.roleSeparator(), Charset.forName("windows-1252"), Map.of());

      RosterException e = refused(file, windows1252);

      assertTrue(e.getMessage().contains("0x81 at line 2, column 5"), e.getMessage());
      assertTrue(
          e.getMessage()
              .endsWith(
                  "the whole file reads cleanly as UTF-8: set [csv] encoding" + " = \"UTF-8\""),
          e.getMessage());
    }

    @Test
    void namesWithTheReplacementCharacterOrMojibakeAreBadRowsThatKeepTheirPeople()
        throws Exception {
      List<String> rows = rows(4);
      rows.set(0, "E1000,Jos\uFFFD,Núñez,jose@district.example.org,North High,Teacher");
      rows.set(1, "E1001,JosÃ©,Núñez,jose2@district.example.org,North High,Teacher");
      rows.set(2, "E1002,Ann,Oâ€™Hara,ann@district.example.org,North High,Teacher");

      Roster roster = new RosterReader(RosterOptions.defaults()).read(ExportFile.of(write(rows)));

      assertEquals(3, roster.errors().size(), () -> roster.errors().toString());
      assertEquals("first_name", roster.errors().get(0).field());
      assertTrue(roster.errors().get(0).message().contains("contains U+FFFD"));
      assertEquals(
          "first_name \"JosÃ©\" looks mis-decoded (\"Ã©\" is how UTF-8 text reads as"
              + " windows-1252); check the export's character set and [csv] encoding",
          roster.errors().get(1).message());
      assertEquals("last_name", roster.errors().get(2).field());
      assertTrue(roster.taintedExternalIds().containsAll(List.of("E1000", "E1001", "E1002")));
      assertEquals(1, roster.persons().size());
    }

    @Test
    void realNamesAreNotMistakenForMojibake() throws Exception {
      List<String> rows = rows(1);
      rows.add("E2,JOÃO,CONCEIÇÃO,joao@district.example.org,North High,Teacher");
      rows.add("E3,Åsa,Ärlig-Åström,asa@district.example.org,North High,Teacher");
      rows.add("E4,Ângela,Lâm,angela@district.example.org,North High,Teacher");
      Roster roster = new RosterReader(RosterOptions.defaults()).read(ExportFile.of(write(rows)));
      assertTrue(roster.errors().isEmpty(), () -> roster.errors().toString());
    }
  }

  @Nested
  class Limits {
    @Test
    void aFileLargerThanMaxFileMbIsRefusedBeforeItIsRead() throws Exception {
      // Not even text: the refusal comes from the size alone, before a byte is decoded.
      byte[] content = new byte[1024 * 1024 + 1];
      java.util.Arrays.fill(content, (byte) 0xFF);
      Path file = write(content);
      RosterOptions d = RosterOptions.defaults();
      RosterOptions oneMb =
          new RosterOptions(
              d.delimiter(), d.roleSeparator(), d.encoding(), Map.of(), 1024 * 1024, 10);

      RosterException e = refused(file, oneMb);

      assertEquals(
          file
              + ": the file is 1048577 bytes, more than [csv] max_file_mb = 1; refusing it"
              + " before reading it (raise max_file_mb if a staff export really is this big)",
          e.getMessage());
    }

    @Test
    void byDefaultTheRowLimitIsWhatTheHeapHoldsForARun() {
      assertEquals(0, RosterOptions.defaults().maxRows(), "0: from the heap");
      assertEquals(357_913, RosterOptions.heapRowLimit(512L * 1024 * 1024));
      // A district of 1,000,000 people at 1.2 rows each passes in the heap deploy/ ships (2 GB).
      assertTrue(RosterOptions.heapRowLimit(2048L * 1024 * 1024) > 1_200_000);
    }

    @Test
    void aFileWithMoreRowsThanMaxRowsIsRefusedAtTheFirstRowTooMany() throws Exception {
      RosterOptions d = RosterOptions.defaults();
      RosterOptions threeRows =
          new RosterOptions(
              d.delimiter(), d.roleSeparator(), d.encoding(), Map.of(), d.maxFileBytes(), 3);

      assertEquals(
          3, new RosterReader(threeRows).read(ExportFile.of(write(rows(3)))).persons().size());
      RosterException e = refused(write(rows(4)), threeRows);

      assertEquals(5, e.line());
      assertTrue(e.getMessage().contains("more than [csv] max_rows = 3 data rows"), e.getMessage());
    }
  }
}
