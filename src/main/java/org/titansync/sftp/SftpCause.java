package org.titansync.sftp;

import java.util.Locale;

/** Why a poll of the SFTP server, or one of its files, failed: what metrics count and logs say. */
public enum SftpCause {
  /** The server's key is not the one in sftp.known_hosts, or the file cannot be read. */
  HOST_KEY,
  /** The server refused the login. */
  LOGIN,
  /** No connection: the server is down, unknown, or does not answer in time. */
  CONNECT,
  /** The remote folder cannot be listed (missing, or not readable by the account). */
  FOLDER,
  /** A download broke off. */
  DOWNLOAD,
  /** A fetched file could not be moved to .fetched/ (or deleted) on the server. */
  MOVE,
  /** A file is larger than [csv] max_file_mb: it is not downloaded. */
  TOO_BIG,
  /** A file grew after it was taken: the SIS was still writing it. */
  INCOMPLETE,
  /** The fetched file could not be put into the inbox. */
  INBOX,
  /** Anything else (a bug, or the JVM short of memory). */
  ERROR;

  /** The label of metrics and logs, such as {@code host_key}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A refused login or host key waits before the next attempt, so no lockout policy trips. */
  boolean backsOff() {
    return this == HOST_KEY || this == LOGIN;
  }
}
