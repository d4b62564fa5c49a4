package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.sandbox.SandboxOptions;

/**
 * A key that may read but not write: a Titan in front of the sandbox passes reads through and
 * refuses every write with 403. The run stops at once with exit 5, instead of sending one refused
 * request per change and ending "partly failed". And an audit log that cannot be written stops the
 * run before any write.
 */
class RefusedKeyDuringApplyEndToEndTest {
  @TempDir Path dir;

  @Test
  void aRefusedWriteStopsTheRunAtOnce() throws Exception {
    try (CliHarness h =
        CliHarness.start(
            dir, SandboxOptions.defaults().withSeedFile(ApplyEndToEndTest.seedFile(dir)))) {
      h.extraConfig(ApplyEndToEndTest.NO_BRAKES);
      AtomicInteger writes = new AtomicInteger();
      HttpClient forward = HttpClient.newHttpClient();
      HttpServer front =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      front.createContext(
          "/",
          exchange -> {
            byte[] body;
            int status;
            if ("GET".equals(exchange.getRequestMethod())) {
              String base = h.sandbox().baseUrl();
              String target = base.substring(0, base.indexOf("/api/v1")) + exchange.getRequestURI();
              try {
                HttpResponse<byte[]> answer =
                    forward.send(
                        HttpRequest.newBuilder(URI.create(target))
                            .header(
                                "Authorization",
                                exchange.getRequestHeaders().getFirst("Authorization"))
                            .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                status = answer.statusCode();
                body = answer.body();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 503;
                body = new byte[0];
              }
            } else {
              writes.incrementAndGet();
              status = 403;
              body =
                  "{\"error\": {\"code\": \"forbidden\", \"message\": \"read-only key\"}}"
                      .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      front.start();
      try {
        String config = Files.readString(h.config(), StandardCharsets.UTF_8);
        Files.writeString(
            h.config(),
            config.replace(
                h.sandbox().baseUrl(),
                "http://127.0.0.1:" + front.getAddress().getPort() + "/api/v1"),
            StandardCharsets.UTF_8);

        List<Staff.Person> people = Staff.people(60, 5);
        CliHarness.Result r = h.run("sync", h.csv("staff.csv", Staff.csv(people)).toString());

        assertEquals(5, r.exit(), r.out() + r.err());
        assertFalse(r.lastLine().contains("partly"), r.lastLine());
        assertTrue(r.out().contains("lacks user-management permission"), r.out());
        // At most one refused write per worker in flight (max_concurrency = 4), not one per change.
        assertTrue(writes.get() <= 4, writes.get() + " refused writes for 60 creates");
      } finally {
        front.stop(0);
      }
    }
  }

  @Test
  void anAuditLogThatCannotBeWrittenStopsTheRunBeforeAnyWrite() throws Exception {
    try (CliHarness h =
        CliHarness.start(
            dir, SandboxOptions.defaults().withSeedFile(ApplyEndToEndTest.seedFile(dir)))) {
      h.extraConfig(ApplyEndToEndTest.NO_BRAKES);
      // A folder where the audit file should be: every append fails, as on a full disk.
      Files.createDirectories(h.logs().resolve("audit.jsonl"));
      CliHarness.Result r =
          h.run("sync", h.csv("staff.csv", Staff.csv(Staff.people(30, 5))).toString());
      assertEquals(1, r.exit(), r.out() + r.err());
      assertTrue(r.out().contains("cannot be written"), r.out() + r.err());
      assertEquals(0, h.sandbox().writeCount(), "no write without its audit line");
    }
  }
}
