package org.titansync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.testing.Await;

/**
 * The shaded jar as operators run it (`java -jar titan-sync.jar ...`), after `package`: a component
 * missing from the jar, or a route or template not packed into it, shows here and not in the tests
 * that run from the classes.
 */
class JarSmokeIT {
  private static final Path JAR =
      Path.of(System.getProperty("titansync.jar", "target/titan-sync.jar"));
  private static final Path SAMPLE = Path.of("samples/staff.csv").toAbsolutePath();
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void theOneShotSyncAppliesTheSampleAndTheRerunHasNothingToDo() throws Exception {
    assertEquals(0, run("sync", SAMPLE.toString(), "--sandbox"), log("sync.err"));
    assertEquals(0, run("sync", SAMPLE.toString(), "--sandbox", "--dry-run"), log("sync.err"));
    assertTrue(
        Files.readString(dir.resolve("sync.out")).contains("would make 0 changes"),
        log("sync.out"));
  }

  @Test
  void theDaemonStartsArchivesAGoodFileAndStopsOnSigterm() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(
        dir.resolve("config.toml"),
        "[daemon]\nquiet_seconds = 1\npoll_seconds = 0.5\nhttp_port = " + port + "\n");
    Process daemon = start("run", "--sandbox", "--config", "config.toml");
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI health = URI.create("http://127.0.0.1:" + port + "/observe/health");
      await(
          "health UP",
          () -> {
            try {
              HttpResponse<String> r =
                  http.send(
                      HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
              return r.statusCode() == 200 && r.body().contains("UP");
            } catch (IOException e) {
              return false;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            }
          },
          daemon);
      Files.createDirectories(dir.resolve("inbox"));
      Files.copy(SAMPLE, dir.resolve("inbox/staff.csv"));
      await("the sample archived", () -> archived().size() == 1, daemon);
      assertTrue(archived().get(0).getFileName().toString().endsWith("-staff.csv"));
    } finally {
      daemon.destroy(); // SIGTERM
      assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon stops on SIGTERM");
    }
    // A JVM ended by SIGTERM exits with 143, after the daemon's own orderly stop.
    assertEquals(143, daemon.exitValue(), log("run.err"));
    assertTrue(log("run.err").contains("processes the inbox"), log("run.err"));
  }

  private List<Path> archived() {
    Path archive = dir.resolve("archive");
    if (!Files.isDirectory(archive)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(archive)) {
      return all.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private int run(String... args) throws Exception {
    Process p = start(args);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command ends");
    return p.exitValue();
  }

  private Process start(String... args) throws IOException {
    String name = args[0];
    List<String> command =
        Stream.concat(
                Stream.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    JAR.toAbsolutePath().toString()),
                Stream.of(args))
            .toList();
    return new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectOutput(new File(dir.toFile(), name + ".out"))
        .redirectError(new File(dir.toFile(), name + ".err"))
        .start();
  }

  private String log(String name) {
    try {
      return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no " + name + ")";
    }
  }

  private void await(String what, BooleanSupplier done, Process process) {
    Await.until(
        what + ", or the daemon's end", WAIT, () -> done.getAsBoolean() || !process.isAlive());
    if (!done.getAsBoolean()) {
      throw new AssertionError(
          "the daemon ended before "
              + what
              + " (exit "
              + process.exitValue()
              + "): "
              + log("run.err"));
    }
  }
}
