package org.titansync.roster;

/** How a place in the export is named in messages. */
final class Positions {
  private Positions() {}

  /** {@code line 7} in the six-column CSV, {@code export.zip!roles.csv:7} in a package. */
  static String of(String source, int line) {
    return source == null ? "line " + line : source + ":" + line;
  }
}
