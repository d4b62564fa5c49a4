package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.files;
import static org.titansync.daemon.DaemonHarness.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One district's Titan accepts connections and never answers. While its run waits on it, holding
 * one of the two turns, the other districts' exports run through the other turn: every one of them
 * is applied, and each run's time in its result.json is its own, before the hostile run ends.
 */
class DistrictsIsolationTest {
  private static final List<String> GOOD = List.of("east", "north", "south");

  @TempDir Path dir;

  @Test
  void aTitanThatNeverAnswersDoesNotHoldTheOtherDistrictsBack() throws Exception {
    Map<String, DaemonHarness> titans = new LinkedHashMap<>();
    Process daemon = null;
    try (SilentTitan silent = new SilentTitan();
        DaemonHarness spare = DaemonHarness.start(dir.resolve("spare"))) {
      Path districts = dir.resolve("districts");
      for (String name : GOOD) {
        DaemonHarness titan = DaemonHarness.start(dir.resolve(name + "-titan"));
        titans.put(name, titan);
        titan.writeDistrict(districts.resolve(name + ".toml"));
      }
      // The hostile district: a long timeout, so its run stays in flight through the test.
      Path hostile = spare.writeDistrict(districts.resolve("hostile.toml"));
      Files.writeString(
          hostile,
          Files.readString(hostile)
              .replace(
                  "127.0.0.1:" + spare.sandbox().port() + "/", "127.0.0.1:" + silent.port() + "/")
              .replace("[retry]", "timeout_seconds = 300\n[retry]"));
      int port = DaemonHarness.freePort();
      Path host =
          DaemonHarness.writeDistrictsHost(
              dir.resolve("host/config.toml"), port, "rescan_seconds = 1\nconcurrency = 2");
      daemon = DaemonHarness.startChild(host, "--districts", districts.toString());
      await(
          "the process serving",
          Duration.ofSeconds(60),
          () -> DaemonHarness.get(port, "/observe/health/live").status() == 200);
      DistrictsAudit.awaitInboxes(
          districts, Stream.concat(GOOD.stream(), Stream.of("hostile")).toList());

      Files.copy(DaemonHarness.SAMPLE, districts.resolve("hostile/inbox/staff.csv"));
      await(
          "the hostile district's run to ask its Titan",
          Duration.ofSeconds(60),
          () -> silent.accepted() > 0);
      for (String name : GOOD) {
        Files.copy(DaemonHarness.SAMPLE, districts.resolve(name + "/inbox/staff.csv"));
      }
      List<Run> runs = new ArrayList<>();
      for (String name : GOOD) {
        Path archive = districts.resolve(name + "/archive");
        await(
            name + "'s export archived",
            Duration.ofSeconds(90),
            io(() -> !files(archive).isEmpty()));
        List<Path> done = DaemonHarness.runs(districts.resolve(name + "/logs"));
        assertEquals(1, done.size(), name + " ran once");
        assertEquals("applied", DaemonHarness.status(done.get(0)));
        runs.add(Run.of(name, done.get(0)));
      }
      // The hostile run is still waiting on its Titan: the others did not wait for it.
      assertTrue(
          DaemonHarness.runs(districts.resolve("hostile/logs")).stream()
              .noneMatch(r -> Files.exists(r.resolve("result.json"))),
          "the hostile district's run has not ended");
      assertTrue(files(districts.resolve("hostile/archive")).isEmpty());
      assertFalse(silent.accepted() == 0);
      // One turn for the three of them: one after the other, each in its own time.
      // result.json tells times to the second: two short runs in one second sort by their end too.
      runs.sort(java.util.Comparator.comparing(Run::started).thenComparing(Run::finished));
      for (int i = 1; i < runs.size(); i++) {
        assertFalse(
            runs.get(i).started().isBefore(runs.get(i - 1).finished()),
            "the others took turns: " + runs);
      }
      System.out.println("the other districts' runs beside a silent Titan: " + runs);
    } finally {
      if (daemon != null) {
        daemon.destroyForcibly().waitFor();
        Path err = dir.resolve("host/err.txt");
        if (Files.exists(err)) {
          System.err.println(Files.readString(err));
        }
      }
      for (DaemonHarness titan : titans.values()) {
        titan.close();
      }
    }
  }

  /** A run as its result.json tells it. */
  private record Run(String district, OffsetDateTime started, OffsetDateTime finished) {
    static Run of(String district, Path runDir) throws IOException {
      JsonNode result = new ObjectMapper().readTree(runDir.resolve("result.json").toFile());
      return new Run(
          district,
          OffsetDateTime.parse(result.path("started_at").asText()),
          OffsetDateTime.parse(result.path("finished_at").asText()));
    }
  }

  /** A Titan that takes every connection and never answers, as a hung proxy would. */
  private static final class SilentTitan implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    SilentTitan() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    held.add(server.accept());
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "silent-titan");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int accepted() {
      return held.size();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
