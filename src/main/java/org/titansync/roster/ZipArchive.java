package org.titansync.roster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of contents of a zip file, read from its central directory through a channel the shell
 * opened: the core opens no file, and never writes an entry anywhere. An entry is read as a stream
 * ({@link ZipEntryStream}) straight from the channel.
 *
 * <p>Only what a OneRoster or SDS export needs is accepted: one disk, stored or deflated entries.
 * Zip64 sizes are understood. What looks like a trick is refused, never worked around: a central
 * directory outside the file, an entry whose local name differs from its listed one, more entries
 * than any export has.
 */
final class ZipArchive {
  /** More entries than any roster export holds: a zip made to waste our time, refused. */
  static final int MAX_ENTRIES = 10_000;

  private static final int EOCD = 0x06054b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int ZIP64_EOCD = 0x06064b50;
  private static final int CENTRAL = 0x02014b50;
  static final int LOCAL = 0x04034b50;
  private static final int EOCD_SIZE = 22;
  private static final int MAX_COMMENT = 0xFFFF;
  private static final long MAX_CENTRAL_BYTES = 16L * 1024 * 1024;
  private static final Charset IBM437 = ibm437();

  /**
   * One entry as the central directory lists it.
   *
   * @param name the name as stored, with {@code \} read as {@code /}
   * @param flags the general purpose flags: bit 0 encrypted, bit 6 strong encryption
   * @param method 0 stored, 8 deflated; anything else cannot be read
   */
  record Entry(
      String name,
      int flags,
      int method,
      long crc,
      long compressedSize,
      long size,
      long localHeaderOffset) {

    boolean isDirectory() {
      return name.endsWith("/");
    }

    boolean isEncrypted() {
      return (flags & 0x41) != 0 || method == 99;
    }
  }

  private final SeekableByteChannel channel;
  private final String name;
  private final long centralStart;
  private final List<Entry> entries;

  private ZipArchive(SeekableByteChannel channel, String name, long centralStart, List<Entry> e) {
    this.channel = channel;
    this.name = name;
    this.centralStart = centralStart;
    this.entries = e;
  }

  /** True when these four bytes start a zip file ({@code PK\3\4}), or an empty one. */
  static boolean isZipSignature(byte[] first) {
    return first.length >= 4
        && first[0] == 'P'
        && first[1] == 'K'
        && ((first[2] == 3 && first[3] == 4) || (first[2] == 5 && first[3] == 6));
  }

  /**
   * Reads the central directory.
   *
   * @param name how messages name the zip
   * @throws RosterException when the file is not a zip titan-sync can read safely
   */
  static ZipArchive read(SeekableByteChannel channel, String name)
      throws IOException, RosterException {
    long size = channel.size();
    int tail = (int) Math.min(size, EOCD_SIZE + MAX_COMMENT);
    ByteBuffer end = readAt(channel, size - tail, tail);
    int at = -1;
    for (int i = tail - EOCD_SIZE; i >= 0; i--) {
      if (end.getInt(i) == EOCD && (end.getShort(i + 20) & 0xFFFF) == tail - i - EOCD_SIZE) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      throw refused(name, "is not a zip file that can be read (no end of its central directory)");
    }
    long eocdPosition = size - tail + at;
    int disk = end.getShort(at + 4) & 0xFFFF;
    int centralDisk = end.getShort(at + 6) & 0xFFFF;
    long count = end.getShort(at + 10) & 0xFFFF;
    long centralSize = end.getInt(at + 12) & 0xFFFFFFFFL;
    long centralOffset = end.getInt(at + 16) & 0xFFFFFFFFL;
    if (count == 0xFFFF || centralSize == 0xFFFFFFFFL || centralOffset == 0xFFFFFFFFL) {
      long[] zip64 = zip64End(channel, name, eocdPosition);
      count = zip64[0];
      centralSize = zip64[1];
      centralOffset = zip64[2];
    } else if (disk != 0 || centralDisk != 0) {
      throw refused(name, "is a zip split over several files; give the export as one zip");
    }
    if (count > MAX_ENTRIES) {
      throw refused(
          name, "lists " + count + " entries, more than any roster export (" + MAX_ENTRIES + ")");
    }
    if (centralSize > MAX_CENTRAL_BYTES || centralOffset + centralSize > eocdPosition) {
      throw refused(name, "has a damaged central directory");
    }
    ByteBuffer central = readAt(channel, centralOffset, (int) centralSize);
    List<Entry> entries = new ArrayList<>((int) count);
    int p = 0;
    for (long i = 0; i < count; i++) {
      if (p + 46 > central.limit() || central.getInt(p) != CENTRAL) {
        throw refused(name, "has a damaged central directory (entry " + (i + 1) + ")");
      }
      int flags = central.getShort(p + 8) & 0xFFFF;
      int method = central.getShort(p + 10) & 0xFFFF;
      long crc = central.getInt(p + 16) & 0xFFFFFFFFL;
      long compressed = central.getInt(p + 20) & 0xFFFFFFFFL;
      long uncompressed = central.getInt(p + 24) & 0xFFFFFFFFL;
      int nameLength = central.getShort(p + 28) & 0xFFFF;
      int extraLength = central.getShort(p + 30) & 0xFFFF;
      int commentLength = central.getShort(p + 32) & 0xFFFF;
      long offset = central.getInt(p + 42) & 0xFFFFFFFFL;
      int next = p + 46 + nameLength + extraLength + commentLength;
      if (next > central.limit()) {
        throw refused(name, "has a damaged central directory (entry " + (i + 1) + ")");
      }
      byte[] rawName = new byte[nameLength];
      central.get(p + 46, rawName);
      String entryName =
          new String(rawName, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : IBM437)
              .replace('\\', '/');
      // Zip64: the sizes and the offset that did not fit are in extra field 0x0001, in order.
      int extra = p + 46 + nameLength;
      int extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        int id = central.getShort(extra) & 0xFFFF;
        int length = central.getShort(extra + 2) & 0xFFFF;
        if (id == 0x0001) {
          int q = extra + 4;
          int qEnd = Math.min(extraEnd, q + length);
          if (uncompressed == 0xFFFFFFFFL && q + 8 <= qEnd) {
            uncompressed = central.getLong(q);
            q += 8;
          }
          if (compressed == 0xFFFFFFFFL && q + 8 <= qEnd) {
            compressed = central.getLong(q);
            q += 8;
          }
          if (offset == 0xFFFFFFFFL && q + 8 <= qEnd) {
            offset = central.getLong(q);
          }
        }
        extra += 4 + length;
      }
      if (uncompressed < 0 || compressed < 0 || offset < 0 || offset >= centralOffset) {
        throw refused(name, "has a damaged central directory (entry " + quoted(entryName) + ")");
      }
      entries.add(new Entry(entryName, flags, method, crc, compressed, uncompressed, offset));
      p = next;
    }
    return new ZipArchive(channel, name, centralOffset, List.copyOf(entries));
  }

  List<Entry> entries() {
    return entries;
  }

  /**
   * Where the entry's data starts, after its local header, checked against the central directory.
   */
  long dataStart(Entry entry) throws IOException, RosterException {
    ByteBuffer local = readAt(channel, entry.localHeaderOffset(), 30);
    if (local.getInt(0) != LOCAL) {
      throw refused(
          name + "!" + PackageFiles.shown(entry.name()),
          "is damaged: no local header where listed");
    }
    int flags = local.getShort(6) & 0xFFFF;
    int nameLength = local.getShort(26) & 0xFFFF;
    int extraLength = local.getShort(28) & 0xFFFF;
    if ((flags & 0x41) != 0) {
      throw refused(
          name + "!" + PackageFiles.shown(entry.name()),
          "is encrypted; export it without a password");
    }
    ByteBuffer localName = readAt(channel, entry.localHeaderOffset() + 30, nameLength);
    byte[] raw = new byte[nameLength];
    localName.get(0, raw);
    String written =
        new String(raw, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : IBM437).replace('\\', '/');
    if (!written.equals(entry.name())) {
      throw refused(
          name + "!" + PackageFiles.shown(entry.name()),
          "is listed under one name and stored under another ("
              + quoted(written)
              + "); the zip is refused");
    }
    long start = entry.localHeaderOffset() + 30 + nameLength + extraLength;
    if (start + entry.compressedSize() > centralStart) {
      throw refused(
          name + "!" + PackageFiles.shown(entry.name()),
          "is damaged: its data runs past the zip's end");
    }
    return start;
  }

  SeekableByteChannel channel() {
    return channel;
  }

  private static long[] zip64End(SeekableByteChannel channel, String name, long eocdPosition)
      throws IOException, RosterException {
    if (eocdPosition < 20) {
      throw refused(name, "has a damaged central directory");
    }
    ByteBuffer locator = readAt(channel, eocdPosition - 20, 20);
    if (locator.getInt(0) != ZIP64_LOCATOR) {
      throw refused(name, "has a damaged central directory");
    }
    if (locator.getInt(16) != 1) {
      throw refused(name, "is a zip split over several files; give the export as one zip");
    }
    long at = locator.getLong(8);
    if (at < 0 || at + 56 > eocdPosition) {
      throw refused(name, "has a damaged central directory");
    }
    ByteBuffer end = readAt(channel, at, 56);
    if (end.getInt(0) != ZIP64_EOCD || end.getInt(16) != 0 || end.getInt(20) != 0) {
      throw refused(name, "has a damaged central directory");
    }
    return new long[] {end.getLong(32), end.getLong(40), end.getLong(48)};
  }

  /** Exactly {@code length} bytes at {@code position}, little-endian. */
  static ByteBuffer readAt(SeekableByteChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    channel.position(position);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new java.io.EOFException("the zip ends early");
      }
    }
    return buffer.flip();
  }

  private static RosterException refused(String where, String message) {
    return new RosterException(where, 0, null, message);
  }

  private static String quoted(String value) {
    return RowChecks.quote(value);
  }

  private static Charset ibm437() {
    try {
      return Charset.forName("IBM437");
    } catch (IllegalArgumentException e) {
      return StandardCharsets.ISO_8859_1;
    }
  }
}
