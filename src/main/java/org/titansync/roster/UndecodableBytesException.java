package org.titansync.roster;

import java.io.IOException;
import java.util.HexFormat;

/**
 * Bytes that are not text in the configured encoding, with where they are in the file. Raised by
 * {@link StrictDecodingReader} only once every character before them has been read, so that the
 * reader of the text knows the line and column they sit on.
 */
final class UndecodableBytesException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long offset;
  private final String hex;

  UndecodableBytesException(long offset, byte[] bytes) {
    super("undecodable bytes " + hex(bytes) + " at byte offset " + offset);
    this.offset = offset;
    this.hex = hex(bytes);
  }

  /** Where the first bad byte is, counted in bytes from the start of the file (0-based). */
  long offset() {
    return offset;
  }

  /** The bad bytes as written, such as {@code 0xE9} or {@code 0xC3 0x28}. */
  String hex() {
    return hex;
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append("0x").append(HexFormat.of().withUpperCase().toHexDigits(b));
    }
    return out.toString();
  }
}
