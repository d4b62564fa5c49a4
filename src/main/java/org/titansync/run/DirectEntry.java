package org.titansync.run;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The check made wherever titan-sync opens, moves or deletes an entry of a folder that others can
 * write to (the daemon's inbox): the path must name one entry directly in that folder. Its parent,
 * resolved to its real path, is the folder's real path, and its last element is a plain name (not
 * {@code .} or {@code ..}). The entry itself is never resolved, so a link is judged as a link.
 *
 * <p>The check does not care how the path was made: a path rebuilt from a name that another layer
 * rewrote ({@code a\..\..\secret.env} read as {@code a/../../secret.env}) has a parent outside the
 * folder and is refused, whatever folders exist in between.
 */
public final class DirectEntry {
  private DirectEntry() {}

  /** The path is not one entry directly in the folder: nothing was opened, moved or deleted. */
  public static final class Outside extends IOException {
    private static final long serialVersionUID = 1L;

    Outside(Path entry, Path folder, String why) {
      super(
          ShownName.escape(entry.toString())
              + " is not an entry directly in "
              + folder
              + " ("
              + why
              + "): titan-sync touches nothing outside it");
    }
  }

  /**
   * Returns {@code entry} when it names one entry directly in {@code folder}.
   *
   * @throws Outside when it does not, or when either folder cannot be resolved
   */
  public static Path require(Path folder, Path entry) throws Outside {
    Path name = entry.getFileName();
    Path parent = entry.toAbsolutePath().getParent();
    if (name == null || parent == null) {
      throw new Outside(entry, folder, "no name");
    }
    String shown = name.toString();
    if (shown.isEmpty() || shown.equals(".") || shown.equals("..")) {
      throw new Outside(entry, folder, "not a plain name");
    }
    Path real;
    Path parentReal;
    try {
      real = folder.toRealPath();
      parentReal = parent.toRealPath();
    } catch (IOException e) {
      throw new Outside(entry, folder, "its folder cannot be resolved: " + e.getClass().getName());
    }
    if (!parentReal.equals(real)) {
      throw new Outside(entry, folder, "it sits in another folder");
    }
    return entry;
  }
}
