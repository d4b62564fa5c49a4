package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * doctor in plain words: a config file holding the API key that everyone may read is a thing to
 * fix, with the command; a Titan that does not answer comes with the next step to try.
 */
class DoctorAdviceEndToEndTest {
  @TempDir Path dir;

  @Test
  void aWorldReadableConfigWithTheKeyInItIsAThingToFix() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Files.setPosixFilePermissions(h.config(), PosixFilePermissions.fromString("rw-r--r--"));
      CliHarness.Result open = h.run("doctor");
      assertEquals(2, open.exit(), open.out());
      assertTrue(
          open.out()
              .contains(
                  "FIX   the config file "
                      + h.config()
                      + " holds a secret (titan.api_key) and every user of this machine may read"
                      + " it (mode rw-r--r--): chmod 0640 "),
          open.out());

      Files.setPosixFilePermissions(h.config(), PosixFilePermissions.fromString("rw-r-----"));
      CliHarness.Result closed = h.run("doctor");
      assertEquals(0, closed.exit(), closed.out());
      assertFalse(closed.out().contains("holds a secret"), closed.out());
    }
  }

  @Test
  void aTitanThatDoesNotAnswerComesWithTheNextStep() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      String config =
          Files.readString(h.config()).replace(h.sandbox().baseUrl(), "http://127.0.0.1:1/api/v1");
      Path other = Files.writeString(dir.resolve("other.toml"), config);
      Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
      java.io.StringWriter out = new java.io.StringWriter();
      int exit =
          org.titansync.cli.TitanSyncCommand.execute(
              new java.io.PrintWriter(out, true),
              new java.io.PrintWriter(new java.io.StringWriter(), true),
              "doctor",
              "--config",
              other.toString());
      assertEquals(5, exit, out.toString());
      assertTrue(
          out.toString()
              .contains(
                  "      next: check that this machine reaches 127.0.0.1: `curl -sS -o /dev/null"
                      + " -w '%{http_code}\\n' http://127.0.0.1:1/api/v1/sites?limit=1` should"
                      + " print 401"),
          out.toString());
    }
  }
}
