package org.titansync.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.run.ExportFile;

/**
 * A district-sized export reads whole: every row, every person merged across sites, no error. Its
 * speed is measured by bench/big-file.sh and bench/dry-run.sh (docs/benchmarks.md), not here.
 */
class RosterReaderLargeFileTest {
  private static final int ROWS = 100_000;

  @TempDir Path dir;

  @Test
  void readsOneHundredThousandRowsIntoFiftyThousandPeople() throws Exception {
    Path file = dir.resolve("big.csv");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("external_id,first_name,last_name,email,site_name,role_names\n");
      for (int i = 0; i < ROWS; i++) {
        int person = i / 2; // two sites per person, so merging is exercised too
        out.write(
            "E"
                + person
                + ",José,\"Núñez, Jr.\",p"
                + person
                + "@example.org,Site "
                + (i % 2)
                + ",Teacher;Coach\n");
      }
    }
    RosterReader reader = new RosterReader(RosterOptions.defaults());
    Roster roster = reader.read(ExportFile.of(file));

    assertEquals(ROWS, roster.dataRows());
    assertEquals(ROWS / 2, roster.persons().size());
    assertTrue(roster.errors().isEmpty());
  }
}
