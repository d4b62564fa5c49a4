package org.titansync.run;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.titansync.roster.ExportSource;
import org.titansync.roster.RosterException;

/**
 * A staff export on disk, opened for the roster reader (and for the run folder's copy of it)
 * without following a link.
 *
 * @param path the export as the user or the inbox named it; messages name it so
 */
public record ExportFile(Path path) implements ExportSource {
  public ExportFile {
    Objects.requireNonNull(path, "path");
  }

  public static ExportFile of(Path path) {
    return new ExportFile(path);
  }

  @Override
  public String name() {
    return path.toString();
  }

  @Override
  public SeekableByteChannel open() throws RosterException, IOException {
    return open(path);
  }

  /**
   * Opens the export for reading without following a link ({@code NOFOLLOW_LINKS}): a file swapped
   * for a link after it was looked at, or a link given by hand, is refused naming the link itself,
   * never its target.
   */
  public static SeekableByteChannel open(Path file) throws RosterException, IOException {
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      // A folder opens for reading on some systems, and then fails at the first read.
      throw new RosterException(file.toString(), 0, null, "is a folder, not a file");
    }
    try {
      return Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      if (Files.isSymbolicLink(file)) {
        throw new RosterException(
            file.toString(),
            0,
            null,
            "is a symbolic link: titan-sync never follows a link; give the path of the export"
                + " itself");
      }
      throw e;
    }
  }
}
