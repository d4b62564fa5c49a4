package org.titansync.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Predicate;

/**
 * The audit log read a line at a time for what a run remembers from it: the guardrails' window
 * ({@link AuditWindow}) and what titan-sync owns in a Titan ({@link TitanMemory}). Only the files
 * written to since a time are read, only the lines a quick look at their text wants are parsed, and
 * a torn last line (a run stopped while writing it, whose write was never sent) is passed over. A
 * line that cannot be read is never passed over silently: it may be a write, so what the log tells
 * cannot be known ({@link WindowLedger.Unreadable}).
 */
final class AuditScan {
  /** What a scan does with each line it wants. */
  interface Reader {
    /**
     * Takes one line.
     *
     * @throws IllegalArgumentException when the line means nothing it knows: the line is then
     *     unreadable, with its file and number
     */
    void line(AuditLine line);
  }

  private final AuditLog audit;

  AuditScan(AuditLog audit) {
    this.audit = audit;
  }

  /**
   * Reads the files written to at or after {@code since} (epoch seconds), oldest first, and hands
   * each line that {@code wanted} accepts (by its text) to {@code reader}, parsed.
   */
  void scan(long since, Predicate<String> wanted, Reader reader) throws WindowLedger.Unreadable {
    List<Path> files;
    try {
      files = audit.files();
    } catch (IOException e) {
      throw unreadable(audit.file() + " cannot be read (" + e.getMessage() + ")", e);
    }
    for (Path f : files) {
      try {
        if (Files.getLastModifiedTime(f).toInstant().getEpochSecond() < since) {
          continue; // written to for the last time before any line wanted
        }
        scanFile(f, wanted, reader);
      } catch (IOException e) {
        throw unreadable(f + " cannot be read (" + e.getMessage() + ")", e);
      }
    }
  }

  private void scanFile(Path f, Predicate<String> wanted, Reader reader) throws IOException {
    boolean tornEnd = endsTorn(f);
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(f), StandardCharsets.UTF_8), 1 << 16)) {
      String line = in.readLine();
      int number = 0;
      while (line != null) {
        number++;
        String next = in.readLine();
        if (next == null && tornEnd) {
          break; // a run stopped while writing it: its write was never sent
        }
        read(f, number, line, wanted, reader);
        line = next;
      }
    }
  }

  private void read(Path f, int number, String line, Predicate<String> wanted, Reader reader)
      throws WindowLedger.Unreadable {
    String text = line.strip();
    if (text.isEmpty()) {
      return;
    }
    if (!text.startsWith("{") || !text.endsWith("}")) {
      throw unreadableLine(f, number, "not a JSON object");
    }
    if (!wanted.test(text)) {
      return;
    }
    try {
      reader.line(AuditLine.read(text));
    } catch (IOException | IllegalArgumentException e) {
      throw unreadableLine(
          f, number, e instanceof IllegalArgumentException ? e.getMessage() : "not a JSON object");
    }
  }

  private static boolean endsTorn(Path f) throws IOException {
    try (FileChannel channel = FileChannel.open(f, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        return false;
      }
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, size - 1);
      return one.get(0) != '\n';
    }
  }

  private static WindowLedger.Unreadable unreadableLine(Path f, int number, String why) {
    return unreadable(f + " line " + number + " cannot be read (" + why + ")", null);
  }

  private static WindowLedger.Unreadable unreadable(String what, Throwable cause) {
    return new WindowLedger.Unreadable(
        "the audit log, from which titan-sync counts what each run wrote and what it owns in"
            + " Titan, cannot be read: "
            + what
            + ". Every run that writes is held until it is repaired: repair or remove that line"
            + " (titan-sync doctor lists every line it cannot read), then run again",
        cause);
  }
}
