package org.titansync.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Export texts and files for the reader's tests. */
final class ExportText {
  static final String HEADER_LINE = "external_id,first_name,last_name,email,site_name,role_names";

  private ExportText() {}

  /** A file body: each line ended by LF (tests of other line endings spell theirs out). */
  static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  /** The standard header followed by the given data lines. */
  static String export(String... dataLines) {
    return HEADER_LINE + "\n" + lines(dataLines);
  }

  static Path write(Path dir, String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  static Path write(Path dir, String content) throws IOException {
    return write(dir, "staff.csv", content.getBytes(StandardCharsets.UTF_8));
  }

  static Roster read(String content) throws Exception {
    return new RosterReader(RosterOptions.defaults()).read(new StringReader(content), "staff.csv");
  }

  static RowError onlyError(Roster roster) {
    assertEquals(1, roster.errors().size(), () -> "errors: " + roster.errors());
    return roster.errors().get(0);
  }

  static RosterOptions withDelimiter(char delimiter) {
    RosterOptions d = RosterOptions.defaults();
    return new RosterOptions(delimiter, d.roleSeparator(), d.encoding(), d.columnAliases());
  }
}
