package org.titansync.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code [paths]}: the folders, resolved against the config file's folder, all distinct. */
final class PathsSection {
  private PathsSection() {}

  static SyncConfig.Paths read(ConfigReader reader, Path baseDir) {
    Map<String, Path> folders = new LinkedHashMap<>();
    for (String key : List.of("inbox", "logs", "archive", "quarantine", "held")) {
      List<String> path = List.of("paths", key);
      String text = reader.string(path, key).strip();
      Path folder = baseDir.resolve(key);
      if (text.isEmpty()) {
        reader.problem(path, "cannot be empty");
      } else {
        try {
          folder = baseDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
          reader.problem(path, "is not a valid path: " + e.getReason());
        }
      }
      for (Map.Entry<String, Path> other : folders.entrySet()) {
        if (other.getValue().equals(folder)) {
          reader.problem(
              path, "is the same folder as paths." + other.getKey() + " (" + folder + ")");
        }
      }
      folders.put(key, folder);
    }
    return new SyncConfig.Paths(
        folders.get("inbox"),
        folders.get("logs"),
        folders.get("archive"),
        folders.get("quarantine"),
        folders.get("held"),
        reader.integer("paths", "keep_runs_days", 90, 0, 36_500));
  }
}
