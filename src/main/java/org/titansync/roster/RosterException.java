package org.titansync.roster;

/**
 * The whole file is refused (missing column, empty file, header only, unreadable encoding), so that
 * a broken export can never remove anyone.
 */
public final class RosterException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String field;

  public RosterException(String file, int line, String field, String message) {
    super(
        file
            + (line > 0 ? ":" + line : "")
            + (field != null ? " [" + field + "]" : "")
            + ": "
            + message);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String field() {
    return field;
  }
}
