package org.titansync.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code logs/audit.jsonl}: append-only, one JSON object per line, one line per write attempted.
 * Each line is flushed before the next write, so a killed run leaves every line it wrote.
 */
public final class AuditLog {
  private final Path file;
  private final ObjectMapper json;
  private final com.fasterxml.jackson.databind.ObjectWriter lineWriter;
  private OutputStream out;

  AuditLog(Path file, ObjectMapper json) {
    this.file = file;
    this.json = json;
    this.lineWriter = json.writer().without(SerializationFeature.INDENT_OUTPUT);
  }

  public Path file() {
    return file;
  }

  /**
   * Appends one line. The file stays open in append mode and each line goes to the operating system
   * in one write, so a run killed right after keeps every line it wrote.
   */
  public synchronized void append(Map<String, Object> entry) throws IOException {
    byte[] line = (lineWriter.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    if (out == null) {
      OwnerOnly.createDirectories(file.getParent());
      out =
          Files.newOutputStream(
              file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      OwnerOnly.restrictFile(file);
    }
    out.write(line);
    out.flush();
  }

  /** Closes the file (a later append opens it again). */
  public synchronized void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }

  /** Every line, oldest first; a torn last line (killed mid-write) is skipped. */
  public List<Map<String, Object>> readAll() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = json.readValue(line, LinkedHashMap.class);
        out.add(m);
      } catch (IOException e) {
        // A line cut by a crash: the rest of the log is still good.
      }
    }
    return out;
  }
}
