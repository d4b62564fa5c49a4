package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a monitor reads on the daemon's health endpoint: a readiness message naming a file whose
 * name holds {@code <}, {@code &}, {@code "} and {@code '} comes out escaped once, as JSON escapes
 * it, so that the parsed message is the name as it is: no backslash before the quote, no HTML
 * entity, no backslash before each slash of a path.
 */
class HealthMessagesTest {
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aReadinessMessageNamingAFileIsEscapedOnceInTheJson() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      h.writeConfig("");
      h.startDaemon();
      // The export is refused (no header titan-sync knows), and quarantine cannot take it: a file
      // sits in its place. So it is set aside, and readiness is DOWN naming it.
      Path quarantine = dir.resolve("quarantine");
      Files.delete(quarantine);
      Files.writeString(quarantine, "not a folder\n");
      String name = "Staff <Lincoln> & \"Adams\" 'final'.csv";
      Files.writeString(h.inbox().resolve(name), "nothing;like;a;header\n1;2;3;4\n");

      AtomicReference<DaemonHarness.Answer> seen = new AtomicReference<>();
      await(
          "readiness DOWN naming the file",
          WAIT,
          () -> {
            DaemonHarness.Answer a = h.get("/observe/health/ready?exposureLevel=full");
            seen.set(a);
            return a.status() == 503 && a.body().contains("could not be moved out of the inbox");
          });
      String body = seen.get().body();
      JsonNode inbox = null;
      for (JsonNode check : JSON.readTree(body).get("checks")) {
        if (check.get("name").asText().equals("inbox")) {
          inbox = check;
        }
      }
      assertTrue(inbox != null, body);
      String message = inbox.get("message").asText();
      assertTrue(message.startsWith("inbox stuck: " + name + " could not be moved"), message);
      // Why it could not be moved names the quarantine's path: its slashes read as they are.
      assertTrue(message.contains(quarantine.toString()), message);
      assertFalse(message.contains("\\/"), message);
      assertFalse(message.contains("\\\""), message);
      assertFalse(body.contains("&amp;") || body.contains("&lt;") || body.contains("&quot;"), body);
      assertTrue(body.contains("\\\"Adams\\\""), "the quote escaped once in the JSON: " + body);

      // The default answer is one line (application.properties); level "default" lists the checks
      // that are down, with the same message.
      JsonNode standard = JSON.readTree(h.get("/observe/health/ready").body());
      assertEquals("DOWN", standard.get("status").asText());
      assertFalse(standard.has("checks"), standard.toString());
      JsonNode down = JSON.readTree(h.get("/observe/health?exposureLevel=default").body());
      assertTrue(down.get("checks").size() >= 1, down.toString());
      for (JsonNode check : down.get("checks")) {
        assertEquals("DOWN", check.get("status").asText(), down.toString());
      }
      assertTrue(down.toString().contains(JSON.writeValueAsString(message)), down.toString());
      assertEquals(200, h.get("/observe/health/live").status());
    }
  }
}
