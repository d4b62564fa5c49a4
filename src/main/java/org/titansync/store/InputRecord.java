package org.titansync.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.titansync.roster.ExportFormat;
import org.titansync.run.RunInput;
import org.titansync.run.ShownName;

/**
 * input.json in the folder of a run that read a OneRoster or SDS export: how the export was read,
 * so that {@code approve} and {@code explain} read the run's normalized input.csv back into the
 * roster the run planned from, and the header check compares an approved run's format. A run of the
 * six-column CSV has none: its input.csv is the export itself.
 *
 * @param format {@code oneroster} or {@code sds}
 * @param version {@code 1.1}, {@code 1.2} or {@code 2.1}
 * @param mapping where each field came from ({@link ExportFormat#mapping()})
 * @param notes what the read noted (a department without its parent school)
 * @param original the export as the run was given it
 */
public record InputRecord(
    String format, String version, List<String> mapping, List<String> notes, String original) {

  public static final String FILE = "input.json";

  public InputRecord {
    mapping = mapping == null ? List.of() : List.copyOf(mapping);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  public static InputRecord of(ExportFormat format, List<String> notes, String original) {
    return new InputRecord(format.kind().id(), format.version(), format.mapping(), notes, original);
  }

  /**
   * The format as the reader knows it.
   *
   * @throws IOException when the record names a kind this version does not read
   */
  public ExportFormat exportFormat() throws IOException {
    for (ExportFormat.Kind kind : ExportFormat.Kind.values()) {
      if (kind.id().equals(format) && kind != ExportFormat.Kind.CSV) {
        return new ExportFormat(kind, version, mapping);
      }
    }
    throw new IOException(
        FILE + " names the format " + ShownName.escape(String.valueOf(format)) + ", unknown here");
  }

  /** The run folder's normalized copy at {@code path}, to read back as the run read it. */
  public RunInput.Copy copyAt(Path path) throws IOException {
    return new RunInput.Copy(path, exportFormat(), notes, original);
  }

  public void write(StateFolder store, Path runDir) throws IOException {
    store.writeJson(runDir.resolve(FILE), this);
  }

  /**
   * The run folder's input.json; empty when it has none (a run of the six-column CSV, or of an
   * older titan-sync).
   *
   * @throws IOException when it is there and cannot be read: a damaged record is not guessed at
   */
  public static Optional<InputRecord> read(StateFolder store, Path runDir) throws IOException {
    return StoreJson.read(runDir.resolve(FILE), InputRecord.class);
  }
}
