package org.titansync.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: the inbox and the logs folder exist and this process may write to them. */
public final class FoldersReadiness extends AbstractHealthCheck {
  private final Map<String, Path> folders;

  /**
   * @param folders name (as in the config, such as {@code paths.inbox}) -> folder
   */
  public FoldersReadiness(Map<String, Path> folders) {
    super("titan-sync", "folders");
    this.folders = Map.copyOf(folders);
  }

  @Override
  public boolean isLiveness() {
    return false;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    List<String> problems = new ArrayList<>();
    folders.forEach(
        (name, dir) -> {
          builder.detail(name, dir.toString());
          if (!Files.isDirectory(dir)) {
            problems.add(name + " " + dir + " is not a folder");
          } else if (!Files.isWritable(dir)) {
            problems.add(name + " " + dir + " is not writable");
          }
        });
    if (problems.isEmpty()) {
      builder.up();
    } else {
      builder.message(String.join("; ", problems)).down();
    }
  }
}
