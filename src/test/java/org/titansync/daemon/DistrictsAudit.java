package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a district's state folder says of its runs, for the tests of {@code run --districts}: each
 * run from its audit run line (when it started writing) to its result.json's end.
 */
final class DistrictsAudit {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DistrictsAudit() {}

  /**
   * A run that wrote to Titan: from its audit run line to its end.
   *
   * @param end when result.json says it finished; for a killed run, when its process was gone
   */
  record Run(String id, Instant start, Instant end) {}

  /**
   * The runs of {@code logs/audit.jsonl}, in the order they started. A run without result.json that
   * started before {@code killedAt} was killed, and ended by then.
   */
  static List<Run> runs(Path logs, Instant killedAt) throws IOException {
    List<Run> runs = new ArrayList<>();
    Path audit = logs.resolve("audit.jsonl");
    if (!Files.exists(audit)) {
      return runs;
    }
    Instant killed = killedAt.truncatedTo(ChronoUnit.SECONDS);
    for (String line : Files.readAllLines(audit, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      if (!"run".equals(node.path("type").asText())) {
        continue;
      }
      String id = node.path("run_id").asText();
      Instant start = instant(node.path("time").asText());
      Path result = logs.resolve("runs/" + id + "/result.json");
      Instant end;
      if (Files.exists(result)) {
        end = instant(JSON.readTree(result.toFile()).path("finished_at").asText());
      } else {
        // Judged against the kill itself: a run may start in the same second it is killed.
        assertFalse(start.isAfter(killedAt), "run " + id + " never ended, and was not killed");
        end = killed;
      }
      runs.add(new Run(id, start, end));
    }
    runs.sort(Comparator.comparing(Run::start));
    return runs;
  }

  /** No run of the district began before the one before it had ended. */
  static void assertNoOverlap(String district, List<Run> runs) {
    for (int i = 1; i < runs.size(); i++) {
      Run before = runs.get(i - 1);
      Run after = runs.get(i);
      assertFalse(
          after.start().isBefore(before.end()),
          district + ": run " + after + " started while " + before + " was running");
    }
  }

  /** Waits until the process has made every district's inbox: it serves them all. */
  static void awaitInboxes(Path districts, List<String> names) {
    for (String name : names) {
      DaemonHarness.await(
          name + "'s inbox",
          java.time.Duration.ofSeconds(60),
          () -> Files.isDirectory(districts.resolve(name + "/inbox")));
    }
  }

  /**
   * What a district's folders and the processes say of it, for a failure's message: the summary of
   * a failed run shows its message, where a long output may be cut.
   *
   * @param nodes each process's folder (with its err.txt) and the process
   */
  static String state(Path districts, String name, Map<Path, Process> nodes, int healthPort) {
    StringBuilder s = new StringBuilder();
    for (String folder : List.of("inbox", "held", "quarantine", "archive")) {
      s.append("\n  ").append(folder).append(": ");
      try {
        s.append(
            DaemonHarness.files(districts.resolve(name + "/" + folder)).stream()
                .map(f -> districts.resolve(name + "/" + folder).relativize(f).toString())
                .toList());
      } catch (IOException e) {
        s.append(e);
      }
    }
    nodes.forEach(
        (folder, process) -> {
          s.append("\n  ")
              .append(folder.getFileName())
              .append(" (pid ")
              .append(process.pid())
              .append(process.isAlive() ? ", alive" : ", ended " + process.exitValue())
              .append("):");
          try {
            List<String> lines =
                Files.readAllLines(folder.resolve("err.txt"), StandardCharsets.UTF_8).stream()
                    .filter(
                        l ->
                            l.contains("[" + name)
                                || l.contains("district " + name + " ")
                                || l.contains(" ERROR "))
                    .toList();
            lines
                .subList(Math.max(0, lines.size() - 8), lines.size())
                .forEach(
                    l -> s.append("\n    ").append(l.length() > 240 ? l.substring(0, 240) : l));
          } catch (IOException e) {
            s.append(' ').append(e);
          }
        });
    if (healthPort > 0) {
      DaemonHarness.Answer ready = DaemonHarness.get(healthPort, "/observe/health/ready");
      s.append("\n  readiness of the process left: ").append(ready.status()).append(' ');
      s.append(ready.body().length() > 600 ? ready.body().substring(0, 600) : ready.body());
    }
    return s.toString();
  }

  /** The last {@code lines} of a child's output, to this test's output. */
  static void printTail(Path file, int lines) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
    System.err.println("--- " + file);
    all.subList(Math.max(0, all.size() - lines), all.size()).forEach(System.err::println);
  }

  private static Instant instant(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }
}
