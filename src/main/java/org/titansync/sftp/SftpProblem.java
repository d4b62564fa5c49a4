package org.titansync.sftp;

/**
 * A failure of the SFTP source, in one line that names the root cause and, where there is one, the
 * fix. Never holds the password: messages are built from the server's answer and our own words.
 */
public final class SftpProblem extends Exception {
  private static final long serialVersionUID = 1L;

  private final SftpCause kind;

  public SftpProblem(SftpCause kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public SftpProblem(SftpCause kind, String message) {
    this(kind, message, null);
  }

  public SftpCause kind() {
    return kind;
  }
}
