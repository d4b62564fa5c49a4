package org.titansync.roster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One zip entry's bytes, inflated as they are read, straight from the zip's channel: nothing is
 * written to disk. The bytes it hands out are counted against the entry's cap and the package's
 * budget, so a zip bomb stops at the cap whatever its central directory claims; at the end the
 * count and the CRC must match what the zip lists, or the entry is refused as damaged.
 */
final class ZipEntryStream extends InputStream {
  /** The package's budget of uncompressed bytes, shared by its entries. */
  static final class Budget {
    private long left;
    private final String what;

    /**
     * @param what how the refusal names the cap, e.g. {@code [roster] max_unpacked_mb = 2048}
     */
    Budget(long bytes, String what) {
      this.left = bytes;
      this.what = what;
    }

    long left() {
      return left;
    }

    String what() {
      return what;
    }
  }

  /** The entry cannot be trusted: refused, naming where and why. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    private final String where;

    Refused(String where, String message) {
      super(message);
      this.where = where;
    }

    RosterException toRosterException() {
      return new RosterException(where, 0, null, getMessage());
    }
  }

  private final SeekableByteChannel channel;
  private final ZipArchive.Entry entry;
  private final String where;
  private final long cap;
  private final String capName;
  private final Budget budget;
  private final Inflater inflater;
  private final ByteBuffer input = ByteBuffer.allocate(64 * 1024);
  private final CRC32 crc = new CRC32();
  private long position;
  private long compressedLeft;
  private long produced;
  private boolean dummySent;
  private boolean done;

  /**
   * @param where how messages name the entry, {@code export.zip!users.csv}
   * @param cap the most bytes this entry may inflate to
   * @param capName how the refusal names that cap
   */
  ZipEntryStream(
      ZipArchive zip, ZipArchive.Entry entry, String where, long cap, String capName, Budget budget)
      throws IOException, RosterException {
    if (entry.method() != 0 && entry.method() != 8) {
      throw new RosterException(
          where,
          0,
          null,
          "is compressed with method "
              + entry.method()
              + ", which titan-sync does not read; zip the export with the usual (deflate)"
              + " compression");
    }
    this.channel = zip.channel();
    this.entry = entry;
    this.where = where;
    this.cap = cap;
    this.capName = capName;
    this.budget = budget;
    this.position = zip.dataStart(entry);
    this.compressedLeft = entry.compressedSize();
    this.inflater = entry.method() == 8 ? new Inflater(true) : null;
    input.flip();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (done) {
      return -1;
    }
    int n = inflater == null ? readStored(b, off, len) : inflate(b, off, len);
    if (n < 0) {
      finish();
      return -1;
    }
    produced += n;
    budget.left -= n;
    if (produced > cap) {
      throw new Refused(
          where,
          "unpacks to more than "
              + capName
              + "; refusing it (a zip bomb, or an export bigger than the cap allows)");
    }
    if (budget.left < 0) {
      throw new Refused(
          where,
          "the package unpacks to more than "
              + budget.what()
              + "; refusing it (a zip bomb, or an export bigger than the cap allows)");
    }
    crc.update(b, off, n);
    return n;
  }

  private int readStored(byte[] b, int off, int len) throws IOException {
    if (compressedLeft == 0) {
      return -1;
    }
    if (!input.hasRemaining()) {
      fill();
    }
    int n = Math.min(len, input.remaining());
    input.get(b, off, n);
    return n;
  }

  private int inflate(byte[] b, int off, int len) throws IOException {
    try {
      while (true) {
        int n = inflater.inflate(b, off, len);
        if (n > 0) {
          return n;
        }
        if (inflater.finished()) {
          return -1;
        }
        if (inflater.needsDictionary()) {
          throw damaged("it asks for a preset dictionary");
        }
        if (inflater.needsInput()) {
          if (compressedLeft > 0 || input.hasRemaining()) {
            if (!input.hasRemaining()) {
              fill();
            }
            inflater.setInput(input);
          } else if (!dummySent) {
            // Raw deflate may want one byte past the data to see its end.
            dummySent = true;
            inflater.setInput(new byte[1]);
          } else {
            throw damaged("its compressed data ends early");
          }
        }
      }
    } catch (DataFormatException e) {
      throw damaged("its compressed data is damaged (" + e.getMessage() + ")");
    }
  }

  private void fill() throws IOException {
    input.clear();
    input.limit((int) Math.min(input.capacity(), compressedLeft));
    channel.position(position);
    while (input.hasRemaining()) {
      int n = channel.read(input);
      if (n < 0) {
        throw damaged("the zip ends inside it");
      }
    }
    input.flip();
    position += input.remaining();
    compressedLeft -= input.remaining();
  }

  private void finish() throws IOException {
    done = true;
    if (inflater != null) {
      inflater.end();
    }
    if (produced != entry.size()) {
      throw damaged(
          "it unpacks to " + produced + " bytes where the zip lists " + entry.size() + " bytes");
    }
    if (crc.getValue() != entry.crc()) {
      throw damaged("its checksum (CRC-32) does not match the zip's");
    }
  }

  private Refused damaged(String why) {
    return new Refused(where, "is damaged: " + why + "; the package is refused");
  }

  @Override
  public void close() {
    if (!done && inflater != null) {
      inflater.end();
    }
    done = true;
  }
}
