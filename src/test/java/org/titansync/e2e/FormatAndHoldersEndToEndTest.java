package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the real command line against the sandbox: the header check holds a file read in another
 * format (and not after an upgrade from a last-accepted record without one); every report and the
 * mail show how many people hold each privileged role before and after the plan.
 */
class FormatAndHoldersEndToEndTest {
  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP}));

  @TempDir Path dir;

  /** The sample's data rows, each split on commas outside quotes. */
  private static List<String[]> sampleRows() throws Exception {
    List<String> lines = Files.readAllLines(CliHarness.sample(), StandardCharsets.UTF_8);
    return lines.subList(1, lines.size()).stream()
        .map(l -> l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1))
        .toList();
  }

  private static String header() throws Exception {
    return Files.readAllLines(CliHarness.sample(), StandardCharsets.UTF_8).get(0);
  }

  /** The sample written with semicolons between fields. */
  private static String withSemicolons() throws Exception {
    StringBuilder csv = new StringBuilder(header().replace(',', ';')).append('\n');
    sampleRows().forEach(f -> csv.append(String.join(";", f)).append('\n'));
    return csv.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> hold(Map<String, Object> result, String check) {
    for (Map<String, Object> h : (List<Map<String, Object>>) result.get("holds")) {
      if (check.equals(h.get("check"))) {
        return h;
      }
    }
    throw new AssertionError("no " + check + " in " + result.get("holds"));
  }

  /** The decoded text part of a message. */
  private static String text(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart m) {
      for (int i = 0; i < m.getCount(); i++) {
        BodyPart p = m.getBodyPart(i);
        String t = text(p);
        if (t != null) {
          return t;
        }
      }
    }
    return null;
  }

  @Test
  void aFileReadInAnotherFormatIsHeldOnceAndItsApprovalMakesItTheMeasure() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      CliHarness.Result first = h.run("sync", CliHarness.sample().toString());
      assertEquals(0, first.exit(), first.out() + first.err());
      h.extraConfig("[csv]\ndelimiter = \";\"\n");
      Path semicolons = h.csv("semicolons.csv", withSemicolons());
      h.sandbox().resetCounters();

      CliHarness.Result held = h.run("sync", semicolons.toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      assertEquals(0, h.sandbox().writeCount());
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(held.runId()).resolve("result.json"));
      String sentence = String.valueOf(hold(result, "hold_on_header_change").get("sentence"));
      assertTrue(sentence.contains("delimiter was \",\", now \";\""), sentence);
      assertTrue(
          String.valueOf(result.get("likely_cause"))
              .startsWith("The file is read in another format"),
          result.toString());

      CliHarness.Result approved = h.run("approve", held.runId());
      assertEquals(0, approved.exit(), approved.out() + approved.err());
      CliHarness.Result next = h.run("sync", semicolons.toString());
      assertEquals(0, next.exit(), next.out() + next.err());
      assertTrue(next.lastLine().contains("nothing to do"), next.lastLine());
    }
  }

  @Test
  void aLastAcceptedRecordWithoutAFormatHoldsNothingAfterAnUpgrade() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      CliHarness.Result first = h.run("sync", CliHarness.sample().toString());
      assertEquals(0, first.exit(), first.out() + first.err());
      // The record as titan-sync wrote it before it kept the format.
      Path record = h.logs().resolve("last-accepted.json");
      String json = Files.readString(record);
      assertTrue(json.contains("\"format\""), json);
      Files.writeString(record, json.replaceAll(",\\s*\"format\"\\s*:\\s*\\{[^}]*\\}", ""));
      assertFalse(Files.readString(record).contains("format"), Files.readString(record));
      h.extraConfig("[csv]\ndelimiter = \";\"\n");

      CliHarness.Result upgraded = h.run("sync", h.csv("s.csv", withSemicolons()).toString());

      assertEquals(0, upgraded.exit(), upgraded.out() + upgraded.err());
      assertTrue(upgraded.lastLine().contains("nothing to do"), upgraded.lastLine());
      assertTrue(Files.readString(record).contains("\"delimiter\" : \";\""), "now kept");
    }
  }

  @Test
  void demotingEveryLeaderShowsTheHoldersBeforeAndAfterInEveryReportAndTheMail() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig(
          "[email]\nenabled = true\nhost = \"127.0.0.1\"\nport = "
              + SMTP.getSmtp().getPort()
              + "\nstarttls = false\nfrom = \"titan-sync@district.org\"\n"
              + "to = [\"it@district.org\"]\n");
      CliHarness.Result first = h.run("sync", CliHarness.sample().toString());
      assertEquals(0, first.exit(), first.out() + first.err());
      StringBuilder csv = new StringBuilder(header()).append('\n');
      for (String[] f : sampleRows()) {
        if (f[5].contains("Principal") || f[5].equals("Superintendent")) {
          f[5] = "Substitute";
        }
        csv.append(String.join(",", f)).append('\n');
      }

      CliHarness.Result held = h.run("sync", h.csv("demoted.csv", csv.toString()).toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      Path run = h.runDir(held.runId());
      Map<String, Object> result = CliHarness.readJson(run.resolve("result.json"));
      List<Map<String, Object>> counts =
          List.of(
              Map.of("role", "Assistant Principal", "before", 1, "after", 0),
              Map.of("role", "Principal", "before", 4, "after", 0),
              Map.of("role", "Superintendent", "before", 1, "after", 0));
      assertEquals(counts, result.get("privileged_holders"), result.toString());
      assertTrue(
          String.valueOf(result.get("likely_cause"))
              .contains("every Principal demoted (Principal: 4 -> 0)"),
          String.valueOf(result.get("likely_cause")));
      String sentence = String.valueOf(hold(result, "max_privileged_changes").get("sentence"));
      assertTrue(sentence.contains("Principal: 4 -> 0, Superintendent: 1 -> 0"), sentence);
      String txt = Files.readString(run.resolve("report.txt"));
      assertTrue(
          txt.contains(
              """
              People holding each privileged role in Titan:
                Assistant Principal: 1 before this run, 0 after
                Principal: 4 before this run, 0 after
                Superintendent: 1 before this run, 0 after
              """),
          txt);
      String html = Files.readString(run.resolve("report.html"));
      assertTrue(html.contains("<li>Principal: 4 before this run, 0 after</li>"), html);
      MimeMessage[] got = SMTP.getReceivedMessages();
      assertEquals(2, got.length);
      String mail = text(got[1]).replace("\r\n", "\n");
      assertTrue(
          mail.contains(
              "  Principal: 4 before this run, 0 after\n  Superintendent: 1 before this run, 0 after"),
          mail);

      // A run that changes no privileged role says nothing of holders.
      Map<String, Object> plain =
          CliHarness.readJson(h.runDir(first.runId()).resolve("result.json"));
      assertEquals(List.of(), plain.get("privileged_holders"), plain.toString());
      assertFalse(
          Files.readString(h.runDir(first.runId()).resolve("report.txt"))
              .contains("People holding each privileged role"));

      // Approved, the run that writes it reports the same counts.
      CliHarness.Result approved = h.run("approve", held.runId());
      assertEquals(0, approved.exit(), approved.out() + approved.err());
      assertEquals(
          counts,
          CliHarness.readJson(h.runDir(approved.runId()).resolve("result.json"))
              .get("privileged_holders"));
    }
  }
}
