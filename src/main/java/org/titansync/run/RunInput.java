package org.titansync.run;

import java.io.IOException;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.titansync.config.SyncConfig;
import org.titansync.roster.ExportFormat;
import org.titansync.roster.ExportReader;
import org.titansync.roster.NormalizedCopy;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;

/** What a run reads its roster from: an export as given, or a run folder's normalized copy. */
public sealed interface RunInput {
  /** The path messages and records name. */
  Path path();

  /** Reads it, as this config says. */
  Roster read(SyncConfig config) throws RosterException, IOException;

  /**
   * An export as the user or the inbox gave it: a file (the six-column CSV, or a zip of a OneRoster
   * or SDS export) or a folder (of a OneRoster or SDS export), opened without following a link.
   */
  record Export(ExportFile file) implements RunInput {
    /** An export given by hand. */
    public static Export of(Path path) {
      return new Export(ExportFile.of(path));
    }

    @Override
    public Path path() {
      return file.path();
    }

    @Override
    public Roster read(SyncConfig config) throws RosterException, IOException {
      ExportReader reader =
          new ExportReader(
              config.rosterOptions(),
              config.roster().packageOptions(LocalDate.now(ZoneId.systemDefault())));
      // A folder only when given by hand: the daemon's inbox refuses folders unopened.
      if (file.folder() == null && Files.isDirectory(file.path(), LinkOption.NOFOLLOW_LINKS)) {
        return reader.read(new ExportDirectory(file.path()));
      }
      return reader.read(file);
    }
  }

  /**
   * A run folder's input.csv written from a OneRoster or SDS export, read back as the run read the
   * export (its input.json says how), whatever the config says now.
   *
   * @param original the export the run was given
   */
  record Copy(Path path, ExportFormat format, List<String> notes, String original)
      implements RunInput {
    @Override
    public Roster read(SyncConfig config) throws RosterException, IOException {
      return read();
    }

    /** Reads the copy; no setting of today's config changes how. */
    public Roster read() throws RosterException, IOException {
      try (Reader in =
          new java.io.InputStreamReader(
              Channels.newInputStream(ExportFile.open(path)), StandardCharsets.UTF_8)) {
        return NormalizedCopy.read(in, path.toString(), format, notes);
      }
    }
  }
}
