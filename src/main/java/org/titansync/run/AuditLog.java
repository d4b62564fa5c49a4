package org.titansync.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
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

  AuditLog(Path file, ObjectMapper json) {
    this.file = file;
    this.json = json;
  }

  public Path file() {
    return file;
  }

  public synchronized void append(Map<String, Object> entry) throws IOException {
    Files.createDirectories(file.getParent());
    String line =
        json.copy()
                .disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(entry)
            + "\n";
    try (BufferedWriter w =
        Files.newBufferedWriter(
            file,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.WRITE)) {
      w.write(line);
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
