package org.titansync.sftp;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * {@code sftp.remote_dir} as an admin types it, made an absolute path on the server: empty (or ".")
 * is the login folder, "/uploads" is /uploads (of the chroot, when the account has one), and
 * "uploads" is the folder of that name in the login folder. titan-sync always works with the
 * absolute path, so no session can drift into another folder.
 */
public final class RemoteFolder {
  /** Where fetched files go, under the remote folder. */
  public static final String FETCHED = ".fetched";

  private RemoteFolder() {}

  /**
   * The absolute folder.
   *
   * @param loginFolder the server's answer to "where am I" right after the login
   */
  public static String resolve(String configured, String loginFolder) {
    String dir = configured.strip();
    if (dir.startsWith("/")) {
      return normalize(dir);
    }
    return normalize(loginFolder + "/" + dir);
  }

  /** {@code name} in {@code folder}. */
  public static String child(String folder, String name) {
    return folder.endsWith("/") ? folder + name : folder + "/" + name;
  }

  /** Without empty and "." parts and with ".." taken back; "/" at least. */
  static String normalize(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }
}
