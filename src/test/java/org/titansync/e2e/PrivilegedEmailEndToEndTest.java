package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.e2e.HarmFiles.applySampleYesterday;
import static org.titansync.e2e.HarmFiles.hold;
import static org.titansync.e2e.HarmFiles.rewritten;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An email change of an account that holds a privileged role is held, whatever the domain and
 * however few: one move to another domain is within max_domain_move_percent, and a password reset
 * then goes to whoever owns the new address.
 */
class PrivilegedEmailEndToEndTest {
  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP}));

  private static final String SENTENCE =
      "The plan changes the email of 1 account that holds a privileged role: Steven Clark (E1029,"
          + " Titan user u_0000027 <steven.clark@mvusd.org>), Superintendent at District Office,"
          + " from steven.clark@mvusd.org to steven.clark@attacker.example. Whoever owns the new"
          + " address receives the account's password resets (hold_on_privileged_email_change ="
          + " true).";

  @TempDir Path dir;

  /** The sample with the superintendent's address, and a teacher's, moved to attacker.example. */
  private static Path takeover(CliHarness h) throws Exception {
    return rewritten(
        h,
        "takeover.csv",
        f -> {
          if (f[0].equals("E1029") || f[0].equals("E1002")) {
            f[3] = f[3].replace("@mvusd.org", "@attacker.example");
          }
          return f;
        },
        List.of());
  }

  @Test
  void theSuperintendentsNewAddressIsHeldNamingThePersonAndBothAddressesThenApprovedAndReverted()
      throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig(
          "[email]\nenabled = true\nhost = \"127.0.0.1\"\nport = "
              + SMTP.getSmtp().getPort()
              + "\nstarttls = false\nfrom = \"titan-sync@district.org\"\n"
              + "to = [\"it@district.org\"]\n");
      applySampleYesterday(h);
      Path file = takeover(h);
      h.sandbox().resetCounters();

      CliHarness.Result held = h.run("sync", file.toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      assertEquals(0, h.sandbox().writeCount(), "a held run writes nothing");
      assertEquals("steven.clark@mvusd.org", h.user("E1029").get("email"));
      Path run = h.runDir(held.runId());
      Map<String, Object> result = CliHarness.readJson(run.resolve("result.json"));
      Map<String, Object> reason = hold(result, "hold_on_privileged_email_change");
      assertEquals("guardrails.hold_on_privileged_email_change", reason.get("setting"));
      assertEquals("1 privileged account changing email", reason.get("figure"));
      assertEquals("no email change of a privileged account without approval", reason.get("limit"));
      assertEquals(SENTENCE, reason.get("sentence"));
      assertEquals(1, HarmFiles.holds(result).size(), "the domain moves alone are within limits");
      assertTrue(held.out().contains(SENTENCE), held.out());
      assertTrue(Files.readString(run.resolve("report.txt")).contains(SENTENCE));
      assertTrue(
          CliHarness.readJson(run.resolve("hold.json"))
              .get("reasons")
              .toString()
              .contains(SENTENCE));
      MimeMessage[] mails = SMTP.getReceivedMessages();
      String body = GreenMailUtil.getBody(mails[mails.length - 1]);
      assertTrue(body.contains("steven.clark@attacker.example"), body);
      assertTrue(body.contains("hold_on_privileged_email_change"), body);

      // The district meant it: one approval applies it.
      CliHarness.Result approved = h.run("approve", held.runId());
      assertEquals(0, approved.exit(), approved.out() + approved.err());
      assertEquals("steven.clark@attacker.example", h.user("E1029").get("email"));
      assertEquals("james.carter@attacker.example", h.user("E1002").get("email"));
      CliHarness.Result runs = h.run("runs");
      assertTrue(runs.out().contains("updates 2 (2 approved)"), runs.out());

      // Undone: the address goes back, without a hold (an undo sets back what its run changed).
      CliHarness.Result revert = h.run("revert", approved.runId());
      assertEquals(0, revert.exit(), revert.out() + revert.err());
      assertEquals("steven.clark@mvusd.org", h.user("E1029").get("email"));
    }
  }

  @Test
  void withHoldScopeRemovalsTheTeachersMoveGoesAheadAndTheSuperintendentsWaits() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig("[guardrails]\nhold_scope = \"removals\"\n");
      applySampleYesterday(h);

      CliHarness.Result held = h.run("sync", takeover(h).toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      assertEquals("james.carter@attacker.example", h.user("E1002").get("email"));
      assertEquals("steven.clark@mvusd.org", h.user("E1029").get("email"));
    }
  }

  @Test
  void turnedOffTheChangeGoesThroughAsBefore() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig("[guardrails]\nhold_on_privileged_email_change = false\n");
      applySampleYesterday(h);

      CliHarness.Result r = h.run("sync", takeover(h).toString());

      assertEquals(0, r.exit(), r.out() + r.err());
      assertEquals("steven.clark@attacker.example", h.user("E1029").get("email"));
    }
  }
}
