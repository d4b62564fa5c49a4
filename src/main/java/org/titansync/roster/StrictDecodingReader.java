package org.titansync.roster;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes to text and refuses bytes that are not valid in the charset, as late as possible:
 * every character before the bad bytes is handed out first, and only the next read throws an {@link
 * UndecodableBytesException} naming them. {@link java.io.InputStreamReader} decodes ahead of its
 * reader, so its error comes while the reader is still lines before the bad byte.
 */
final class StrictDecodingReader extends Reader {
  private static final int MAX_SHOWN_BYTES = 4;

  private final InputStream in;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(16 * 1024).flip();
  private final CharBuffer chars = CharBuffer.allocate(8 * 1024).flip();

  /** Bytes decoded so far: the file offset of {@code bytes.position()}. */
  private long offset;

  private boolean endOfBytes;
  private boolean flushed;
  private UndecodableBytesException pending;

  StrictDecodingReader(InputStream in, Charset charset) {
    this.in = in;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  @Override
  public int read(char[] target, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!chars.hasRemaining() && !decodeMore()) {
      return -1;
    }
    int n = Math.min(len, chars.remaining());
    chars.get(target, off, n);
    return n;
  }

  /** Fills {@code chars} with the next decoded text; false at the end of the file. */
  private boolean decodeMore() throws IOException {
    chars.clear();
    while (true) {
      if (pending != null || flushed) {
        chars.flip();
        if (chars.hasRemaining()) {
          return true;
        }
        if (pending != null) {
          throw pending;
        }
        return false;
      }
      int start = bytes.position();
      CoderResult result = decoder.decode(bytes, chars, endOfBytes);
      offset += bytes.position() - start;
      if (result.isError()) {
        byte[] bad = new byte[Math.min(result.length(), MAX_SHOWN_BYTES)];
        bytes.get(bytes.position(), bad);
        pending = new UndecodableBytesException(offset, bad);
      } else if (result.isOverflow()) {
        chars.flip();
        return true;
      } else if (endOfBytes) {
        decoder.flush(chars);
        flushed = true;
      } else if (chars.position() > 0) {
        chars.flip();
        return true;
      } else {
        refill();
      }
    }
  }

  private void refill() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    if (n < 0) {
      endOfBytes = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
