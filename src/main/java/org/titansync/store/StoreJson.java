package org.titansync.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one JSON mapping of the state folder's files (the run folders' JSON files, the last accepted
 * file, the guardrails' window, the audit log's lines): snake_case names, and lenient to fields it
 * does not know, so that a file a later version wrote still reads (its runs still list, approve and
 * revert). Each file's own class reads and writes it through here.
 */
final class StoreJson {
  // Field names are neither interned nor kept in a symbol table: the memory's people are field
  // names, a hundred thousand distinct ones read once per run, which those tables only slow.
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                  .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                  .build())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ObjectWriter FILE_WRITER =
      MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectWriter LINE_WRITER = MAPPER.writer();

  private StoreJson() {}

  /** A file's JSON, indented, as the run folders keep it. */
  static byte[] file(Object value) throws IOException {
    return FILE_WRITER.writeValueAsBytes(value);
  }

  /** One line's JSON, without a line end (the audit log). */
  static String line(Object value) throws IOException {
    return LINE_WRITER.writeValueAsString(value);
  }

  static ObjectReader reader(Class<?> type) {
    return MAPPER.readerFor(type);
  }

  static ObjectReader reader(TypeReference<?> type) {
    return MAPPER.readerFor(type);
  }

  /** A JSON file as a {@code type}; empty when there is no such file. */
  static <T> Optional<T> read(Path file, Class<T> type) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(reader(type).readValue(file.toFile()));
  }
}
