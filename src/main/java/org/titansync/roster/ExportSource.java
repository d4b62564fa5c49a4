package org.titansync.roster;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/**
 * The bytes of one staff export, as the shell hands them to {@link RosterReader}: the core opens no
 * file itself. The shell decides how the export is opened (never following a link) and how a
 * refusal to open it reads.
 */
public interface ExportSource {
  /** How messages name the export: the path as the user gave it. */
  String name();

  /**
   * Opens the export afresh, from its first byte. The reader asks the opened channel for the size,
   * so the size cap judges exactly what is read; and opens the export a second time to advise on
   * the encoding when the first read finds bytes it cannot decode.
   *
   * @throws RosterException when the export must not be read at all (a link, say)
   */
  SeekableByteChannel open() throws RosterException, IOException;
}
