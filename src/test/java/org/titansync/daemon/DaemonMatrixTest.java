package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.files;
import static org.titansync.daemon.DaemonHarness.io;
import static org.titansync.daemon.DaemonHarness.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.app.TitanSyncApp;

/**
 * One file, one run, one move, at most one mail: the real daemon routes against the sandbox over
 * HTTP and a real SMTP server (GreenMail), for every outcome {applied, row errors, held, refused,
 * mail server down, Titan down}, with mail on and with mail off. After a quiet spell each file is
 * in exactly one place, each attempt made one run, each run sent at most one mail, and the stop
 * takes seconds, not {@code stop_timeout_seconds}.
 */
class DaemonMatrixTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void withMailOnEveryOutcomeEndsInOnePlaceWithOneRunAndAtMostOneMail() throws Exception {
    GreenMail smtp =
        new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP}));
    smtp.start();
    try {
      matrix(smtp);
    } finally {
      smtp.stop();
    }
  }

  @Test
  void withMailOffEveryOutcomeEndsInOnePlaceWithOneRun() throws Exception {
    matrix(null);
  }

  /**
   * The column the matrix above lacks: a daemon on trial ({@code sync.dry_run = true}) behind
   * done-files, mail on for every run ({@code send_on = ["always"]}). A plan, row errors, a
   * guardrail hold and a refused file each end in one place with one run and exactly one mail;
   * their done-files go with them; a file without its done-file is not touched; nothing is written
   * to Titan.
   */
  @Test
  void dryRunBehindDoneFilesWithMailOnEndsEachFileInOnePlaceWithOneRunAndOneMail()
      throws Exception {
    GreenMail smtp =
        new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP}));
    smtp.start();
    String sample = Files.readString(DaemonHarness.SAMPLE, StandardCharsets.UTF_8);
    List<String> lines = sample.lines().toList();
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      h.writeConfig(
          "done_suffix = \".done\"\n"
              + "[sync]\n"
              + "dry_run = true\n"
              + "[email]\n"
              + "enabled = true\n"
              + "host = \"127.0.0.1\"\n"
              + "port = "
              + smtp.getSmtp().getPort()
              + "\n"
              + "starttls = false\n"
              + "from = \"titan-sync@district.org\"\n"
              + "to = [\"it@district.org\"]\n"
              + "send_on = [\"always\"]\n");
      h.startDaemon();

      Map<String, String> expected = new LinkedHashMap<>();
      Map<String, String> status = new LinkedHashMap<>();
      dropWithDoneFile(h, "1-plan.csv", sample);
      expected.put("1-plan.csv", "archive");
      status.put("1-plan.csv", "dry_run");
      awaitPlace(h, "1-plan.csv", "archive");
      dropWithDoneFile(
          h,
          "2-row-errors.csv",
          sample + "E1999,Bad,Row,not-an-email,Lincoln Elementary,Teacher\n");
      expected.put("2-row-errors.csv", "archive");
      status.put("2-row-errors.csv", "dry_run");
      awaitPlace(h, "2-row-errors.csv", "archive");
      dropWithDoneFile(h, "3-held.csv", String.join("\n", lines.subList(0, 4)) + "\n");
      expected.put("3-held.csv", "held");
      status.put("3-held.csv", "held");
      awaitPlace(h, "3-held.csv", "held");
      dropWithDoneFile(h, "4-refused.csv", "this is not the staff export\n");
      expected.put("4-refused.csv", "quarantine");
      status.put("4-refused.csv", "refused");
      awaitPlace(h, "4-refused.csv", "quarantine");
      await("a mail per run", WAIT, () -> smtp.getReceivedMessages().length >= 4);
      // Without its done-file: a quiet spell of several polls and more than the quiet period
      // (ten polls 0.2 s apart at least, quiet_seconds 1), and it is still untouched.
      drop(h, "5-no-done-file.csv", sample);
      h.awaitInboxPolls(10);

      Map<String, List<String>> runIds = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : expected.entrySet()) {
        assertEquals(List.of(e.getValue()), places(h, e.getKey()), e.getKey() + " in one place");
        List<Path> runs = runsOf(e.getKey());
        assertEquals(1, runs.size(), e.getKey() + ": one run");
        assertEquals(status.get(e.getKey()), DaemonHarness.status(runs.get(0)), e.getKey());
        runIds.put(e.getKey(), List.of(runs.get(0).getFileName().toString()));
      }
      assertEquals(List.of("inbox"), places(h, "5-no-done-file.csv"), "waits for its done-file");
      assertEquals(List.of(), runsOf("5-no-done-file.csv"), "never run without its done-file");
      try (Stream<Path> inbox = Files.list(h.inbox())) {
        assertEquals(
            List.of("5-no-done-file.csv"),
            inbox
                .map(p -> p.getFileName().toString())
                .filter(n -> !n.equals(".titan-sync-lock"))
                .sorted()
                .toList(),
            "the done-files went with their files");
      }
      assertEquals(0, h.sandbox().writeCount(), "a dry run writes nothing to Titan");
      assertEquals(4, smtp.getReceivedMessages().length, "one mail per run, no more");
      Map<String, Integer> mails = mailsPerRun(smtp.getReceivedMessages(), runIds);
      assertEquals(4, mails.size(), mails.toString());
      assertTrue(mails.values().stream().allMatch(n -> n == 1), mails.toString());
    } finally {
      smtp.stop();
    }
  }

  private void matrix(GreenMail smtp) throws Exception {
    String email =
        smtp == null
            ? ""
            : "[email]\n"
                + "enabled = true\n"
                + "host = \"127.0.0.1\"\n"
                + "port = "
                + smtp.getSmtp().getPort()
                + "\n"
                + "starttls = false\n"
                + "from = \"titan-sync@district.org\"\n"
                + "to = [\"it@district.org\"]\n";
    String sample = Files.readString(DaemonHarness.SAMPLE, StandardCharsets.UTF_8);
    List<String> lines = sample.lines().toList();
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      h.writeConfig("stop_timeout_seconds = 60\n" + email);
      TitanSyncApp app = h.startDaemon();

      Map<String, String> expected = new LinkedHashMap<>();
      drop(h, "1-applied.csv", sample);
      expected.put("1-applied.csv", "archive");
      awaitPlace(h, "1-applied.csv", "archive");

      drop(
          h,
          "2-row-errors.csv",
          sample + "E1999,Bad,Row,not-an-email,Lincoln Elementary,Teacher\n");
      expected.put("2-row-errors.csv", "archive");
      awaitPlace(h, "2-row-errors.csv", "archive");

      drop(h, "3-held.csv", String.join("\n", lines.subList(0, 4)) + "\n");
      expected.put("3-held.csv", "held");
      awaitPlace(h, "3-held.csv", "held");

      drop(h, "4-refused.csv", "this is not the staff export\n");
      expected.put("4-refused.csv", "quarantine");
      awaitPlace(h, "4-refused.csv", "quarantine");

      MimeMessage[] mailsBeforeDown = smtp == null ? null : smtp.getReceivedMessages();
      int smtpPort = smtp == null ? 0 : smtp.getSmtp().getPort();
      if (smtp != null) {
        smtp.stop();
      }
      drop(h, "5-mail-down.csv", sample.replace("E1001,Maria,", "E1001,Mariah,"));
      expected.put("5-mail-down.csv", "archive");
      awaitPlace(h, "5-mail-down.csv", "archive");
      GreenMail smtpBack = null;
      if (smtp != null) {
        // The mail server is back, on the same port, for the runs while Titan is down.
        smtpBack = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        smtpBack.start();
      }
      try {
        h.sandbox().close();
        drop(h, "6-titan-down.csv", sample);
        expected.put("6-titan-down.csv", "inbox");
        // Each attempt reads Titan a few times before giving up (about 8 s), then waits
        // retry_seconds: two attempts show that the file is retried, once per retry.
        await(
            "two failed runs of 6-titan-down.csv",
            Duration.ofSeconds(60),
            io(() -> runsOf("6-titan-down.csv").size() >= 2));

        // A quiet spell: a few polls (0.2 s apart), fewer than fit in one retry delay
        // (retry_seconds 2): a file run at every poll would be run again each time.
        int titanDownRuns = runsOf("6-titan-down.csv").size();
        h.awaitInboxPolls(4);

        for (Map.Entry<String, String> e : expected.entrySet()) {
          assertEquals(List.of(e.getValue()), places(h, e.getKey()), e.getKey() + " in one place");
        }
        Map<String, List<String>> statuses = new LinkedHashMap<>();
        Map<String, List<String>> runIds = new LinkedHashMap<>();
        for (Path run : runs(dir.resolve("logs"))) {
          Path result = run.resolve("result.json");
          if (!Files.exists(result)) {
            continue; // an attempt still under way
          }
          Map<?, ?> r = JSON.readValue(result.toFile(), Map.class);
          String input = Path.of(String.valueOf(r.get("input"))).getFileName().toString();
          statuses
              .computeIfAbsent(input, k -> new ArrayList<>())
              .add(String.valueOf(r.get("status")));
          runIds.computeIfAbsent(input, k -> new ArrayList<>()).add(run.getFileName().toString());
        }
        assertEquals(expected.keySet(), statuses.keySet(), "runs of these files only: " + statuses);
        assertEquals(List.of("applied"), statuses.get("1-applied.csv"), statuses.toString());
        assertEquals(1, statuses.get("2-row-errors.csv").size(), statuses.toString());
        assertEquals(List.of("held"), statuses.get("3-held.csv"), statuses.toString());
        assertEquals(List.of("refused"), statuses.get("4-refused.csv"), statuses.toString());
        assertEquals(List.of("applied"), statuses.get("5-mail-down.csv"), statuses.toString());
        List<String> down = statuses.get("6-titan-down.csv");
        assertTrue(down.stream().allMatch("unreachable"::equals), statuses.toString());
        assertTrue(
            down.size() <= titanDownRuns + 1,
            "one run per retry_seconds, not one per poll: " + statuses);

        if (smtp != null) {
          Map<String, Integer> mailsPerRun = mailsPerRun(mailsBeforeDown, runIds);
          Map<String, Integer> laterMails = mailsPerRun(smtpBack.getReceivedMessages(), runIds);
          assertTrue(mailsPerRun.values().stream().allMatch(n -> n == 1), mailsPerRun.toString());
          assertTrue(laterMails.values().stream().allMatch(n -> n == 1), laterMails.toString());
          for (String name : List.of("1-applied.csv", "3-held.csv", "4-refused.csv")) {
            String runId = runIds.get(name).get(0);
            assertEquals(1, mailsPerRun.getOrDefault(runId, 0), name + " mailed once");
          }
          String firstDown = runIds.get("6-titan-down.csv").get(0);
          assertEquals(1, laterMails.getOrDefault(firstDown, 0), "the failed run mailed once");
          String mailDownRun = runIds.get("5-mail-down.csv").get(0);
          assertEquals(0, laterMails.getOrDefault(mailDownRun, 0), "not sent later either");
          String result =
              Files.readString(
                  dir.resolve("logs/runs").resolve(mailDownRun).resolve("result.json"));
          assertTrue(result.contains("could not be sent"), result);
        }
      } finally {
        if (smtpBack != null) {
          smtpBack.stop();
        }
      }

      // Nothing in flight (the Titan-down file waits for its retry): the stop takes seconds.
      long start = System.nanoTime();
      app.close();
      long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
      assertTrue(seconds < 30, "stopped in " + seconds + " s, not stop_timeout_seconds (60)");
    }
  }

  /** Run id -> mails about that run (its "Run:" line; a mail may name other runs too). */
  private static Map<String, Integer> mailsPerRun(
      MimeMessage[] mails, Map<String, List<String>> runIds) {
    Map<String, Integer> count = new LinkedHashMap<>();
    for (MimeMessage m : mails) {
      String whole = GreenMailUtil.getWholeMessage(m);
      for (List<String> ids : runIds.values()) {
        for (String id : ids) {
          if (java.util.regex.Pattern.compile("(?m)^Run: +" + id + "\\s*$").matcher(whole).find()) {
            count.merge(id, 1, Integer::sum);
          }
        }
      }
    }
    return count;
  }

  /** Written aside and renamed in, as a careful uploader does. */
  private static void drop(DaemonHarness h, String name, String content) throws IOException {
    Path part = h.inbox().resolve(name + ".part");
    Files.writeString(part, content, StandardCharsets.UTF_8);
    Files.move(part, h.inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  /** The file, then its done-file, as an uploader that uses done-files writes them. */
  private static void dropWithDoneFile(DaemonHarness h, String name, String content)
      throws IOException {
    drop(h, name, content);
    Files.writeString(h.inbox().resolve(name + ".done"), "");
  }

  private void awaitPlace(DaemonHarness h, String name, String place) {
    await(name + " in " + place, WAIT, io(() -> places(h, name).equals(List.of(place))));
  }

  /** Every folder (inbox, archive, held, quarantine) that holds a file of this name. */
  private List<String> places(DaemonHarness h, String name) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> s = Files.list(h.inbox())) {
      if (s.anyMatch(p -> p.getFileName().toString().equals(name))) {
        found.add("inbox");
      }
    }
    for (String folder : List.of("archive", "held", "quarantine")) {
      for (Path p : files(dir.resolve(folder))) {
        String file = p.getFileName().toString();
        if (file.endsWith(name) && !file.endsWith(".reason.txt")) {
          found.add(folder);
        }
      }
    }
    return found;
  }

  /** The run folders whose input was this inbox file, oldest first. */
  private List<Path> runsOf(String name) throws IOException {
    List<Path> found = new ArrayList<>();
    for (Path run : runs(dir.resolve("logs"))) {
      Path result = run.resolve("result.json");
      if (!Files.exists(result)) {
        continue;
      }
      Object input = JSON.readValue(result.toFile(), Map.class).get("input");
      if (String.valueOf(input).endsWith("/" + name)) {
        found.add(run);
      }
    }
    return found;
  }
}
