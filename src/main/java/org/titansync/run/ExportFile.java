package org.titansync.run;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.titansync.roster.ExportSource;
import org.titansync.roster.RosterException;

/**
 * A staff export on disk, opened for the roster reader (and for the run folder's copy of it)
 * without following a link.
 *
 * @param path the export as the user or the inbox named it; messages name it so. For the daemon,
 *     the entry as the inbox's listing gave it (its name's own bytes), never a name read back
 * @param folder the folder the export must sit in directly (the daemon's inbox): checked at every
 *     opening ({@link DirectEntry}); null for a path given by hand
 */
public record ExportFile(Path path, Path folder) implements ExportSource {
  public ExportFile {
    Objects.requireNonNull(path, "path");
  }

  public static ExportFile of(Path path) {
    return new ExportFile(path, null);
  }

  @Override
  public String name() {
    return path.toString();
  }

  /**
   * Opens the export for reading without following a link ({@code NOFOLLOW_LINKS}): a file swapped
   * for a link after it was looked at, or a link given by hand, is refused naming the link itself,
   * never its target. An export of a folder must still be one entry directly in it: anything else
   * is refused before it is opened.
   */
  @Override
  public SeekableByteChannel open() throws RosterException, IOException {
    if (folder != null) {
      try {
        DirectEntry.require(folder, path);
      } catch (DirectEntry.Outside e) {
        throw new RosterException(
            path.toString(),
            0,
            null,
            "is not one entry directly in " + folder + ": titan-sync opens nothing outside it");
      }
    }
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      // A folder opens for reading on some systems, and then fails at the first read.
      throw new RosterException(path.toString(), 0, null, "is a folder, not a file");
    }
    try {
      return Files.newByteChannel(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      if (Files.isSymbolicLink(path)) {
        throw new RosterException(
            path.toString(),
            0,
            null,
            "is a symbolic link: titan-sync never follows a link; give the path of the export"
                + " itself");
      }
      if (e instanceof FileSystemException f) {
        // The file's own fault (no read permission, say): refused, so that the daemon moves it
        // aside instead of trying it again before every newer file.
        throw new RosterException(
            path.toString(),
            0,
            null,
            "cannot be opened ("
                + f.getClass().getSimpleName()
                + (f.getReason() == null ? "" : ": " + f.getReason())
                + ")");
      }
      throw e;
    }
  }

  /** {@link #open()} for a path given by hand. */
  public static SeekableByteChannel open(Path file) throws RosterException, IOException {
    return of(file).open();
  }
}
