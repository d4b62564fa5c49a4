package org.titansync.sftp;

/**
 * One entry of a remote folder as the server lists it (the entry itself: a link is a link).
 *
 * @param mtimeSeconds the server's modification time, in seconds
 */
public record RemoteEntry(String name, Kind kind, long size, long mtimeSeconds) {
  /** What the listing says the entry is. */
  public enum Kind {
    FILE,
    FOLDER,
    LINK,
    OTHER
  }

  /** Size and time: a file whose signature changed is another file. */
  public String signature() {
    return size + "@" + mtimeSeconds;
  }
}
