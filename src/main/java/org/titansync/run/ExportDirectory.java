package org.titansync.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.titansync.roster.ExportFolder;
import org.titansync.roster.ExportSource;

/**
 * A folder holding a OneRoster or SDS export's files. Its entries are listed whatever they are and
 * opened as {@link ExportFile}s, so that a link named {@code users.csv} is refused by its own name,
 * never followed.
 *
 * @param path the folder as the user named it
 */
public record ExportDirectory(Path path) implements ExportFolder {
  @Override
  public String name() {
    return path.toString();
  }

  @Override
  public List<String> entryNames() throws IOException {
    try (Stream<Path> entries = Files.list(path)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Override
  public ExportSource entry(String entryName) {
    return ExportFile.of(path.resolve(entryName));
  }
}
