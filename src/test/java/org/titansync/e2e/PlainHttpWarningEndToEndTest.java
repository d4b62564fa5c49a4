package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An http:// base URL to another machine is warned about by doctor and by every run. */
class PlainHttpWarningEndToEndTest {
  @TempDir Path dir;

  @Test
  void doctorAndARunWarnAboutPlainHttpToAnotherMachine() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig("max_attempts = 1\n"); // lands in [retry]: the name is never resolved
      String remote = "http://titan.invalid/api/v1";
      String config = Files.readString(h.config(), StandardCharsets.UTF_8);
      Files.writeString(
          h.config(), config.replace(h.sandbox().baseUrl(), remote), StandardCharsets.UTF_8);
      String warning = "titan.base_url " + remote + " is http:// to another machine";

      CliHarness.Result doctor = h.run("doctor");
      assertTrue(doctor.out().contains("WARN  " + warning), doctor.out());

      CliHarness.Result run = h.run("sync", CliHarness.sample().toString(), "--dry-run");
      assertTrue((run.out() + run.err()).contains(warning), run.out() + run.err());

      // The sandbox on 127.0.0.1 is this machine: no warning.
      Files.writeString(h.config(), config, StandardCharsets.UTF_8);
      CliHarness.Result local = h.run("doctor");
      assertFalse(local.out().contains("http:// to another machine"), local.out());
    }
  }
}
