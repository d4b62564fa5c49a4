package org.titansync.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.app.RouteTestSetup;
import org.titansync.config.SyncConfig;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncRequest;

/**
 * The notify route after a held run whose mail cannot be sent (no SMTP server listens): the run's
 * report.txt, report.html and result.json, written again with the note, still say why it is held
 * (the likely cause, the removals by site). The mail-retry delays are placeholders, shortened here.
 */
@CamelMainTest(
    properties = {
      RouteTestSetup.ONE_SHOT_ROUTES,
      "titan.mail.retry.initial_delay_ms=1",
      "titan.mail.retry.max_delay_ms=2"
    })
class MailFailureRouteTest {
  @TempDir Path dir;

  private SyncConfig config;

  @BeanInject CamelContext camel;

  @Produce("direct:sync")
  ProducerTemplate sync;

  @Configure
  protected void configure(MainConfigurationProperties main) throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    config =
        RouteTestSetup.inMemoryConfig(
            dir,
            "[email]\nenabled = true\nhost = \"127.0.0.1\"\n"
                + "port = "
                + closed
                + "\nstarttls = false\nfrom = \"titan-sync@district.org\"\n"
                + "to = [\"it@district.org\"]\n");
    RouteTestSetup.addPipeline(main, config, RouteTestSetup.sampleTitan());
  }

  @Test
  void aHeldRunWhoseMailFailsKeepsItsLikelyCauseAndRemovalsBySiteInEveryReport() throws Exception {
    RunSummary first =
        sync.requestBody(
            SyncRequest.sync(RouteTestSetup.SAMPLE, false, SyncRequest.Trigger.CLI),
            RunSummary.class);
    assertEquals(RunStatus.APPLIED, first.status(), first.message());

    NotifyBuilder mailed =
        new NotifyBuilder(camel)
            .from("direct:sync")
            .wereSentTo("direct:notify")
            .whenDone(1)
            .create();
    RunSummary held =
        sync.requestBody(
            SyncRequest.sync(RouteTestSetup.cutSample(dir), false, SyncRequest.Trigger.CLI),
            RunSummary.class);

    assertEquals(RunStatus.HELD, held.status(), held.message());
    assertTrue(mailed.matches(10, TimeUnit.SECONDS), "the notify route did not end");
    assertTrue(
        held.notes().stream().anyMatch(n -> n.contains("could not be sent (4 attempts)")),
        held.notes().toString());
    Path run = config.paths().logs().resolve("runs").resolve(held.runId());
    String report = Files.readString(run.resolve("report.txt"));
    assertTrue(report.contains("could not be sent"), report);
    assertTrue(report.contains("Likely cause: The file has 60.0% of the rows"), report);
    assertTrue(
        report.contains("  District Office: 6; 6 in Titan; 0 in the file: no row in the file"),
        report);
    String html = Files.readString(run.resolve("report.html"));
    assertTrue(html.contains("could not be sent"), html);
    assertTrue(html.contains("<strong>Likely cause:</strong> The file has 60.0%"), html);
    assertTrue(html.contains("District Office"), html);
    @SuppressWarnings("unchecked")
    Map<String, Object> result =
        new ObjectMapper().readValue(run.resolve("result.json").toFile(), Map.class);
    assertEquals("held", result.get("status"));
    assertTrue(
        String.valueOf(result.get("likely_cause")).startsWith("The file has 60.0%"),
        String.valueOf(result));
    @SuppressWarnings("unchecked")
    List<String> notes = (List<String>) result.get("notes");
    assertTrue(notes.stream().anyMatch(n -> n.contains("could not be sent")), notes.toString());
  }
}
