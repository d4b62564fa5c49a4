package org.titansync.roster;

import java.io.IOException;
import java.util.List;

/**
 * A folder holding the files of a OneRoster or SDS export, as the shell hands it to the reader: the
 * core lists and opens nothing itself. The shell decides how an entry is opened (never following a
 * link) and how a refusal to open it reads.
 */
public interface ExportFolder {
  /** How messages name the folder: the path as the user gave it. */
  String name();

  /**
   * The names of the entries directly in the folder, whatever they are (a link or a folder named
   * {@code users.csv} is listed too, and refused when it is opened).
   */
  List<String> entryNames() throws IOException;

  /** One entry of the folder, to be opened by the reader. */
  ExportSource entry(String entryName);
}
