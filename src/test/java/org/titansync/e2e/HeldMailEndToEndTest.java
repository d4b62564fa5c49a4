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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The mail of a run held for a harm other than removals explains the check that tripped. */
class HeldMailEndToEndTest {
  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP}));

  @TempDir Path dir;

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
  void aMassAdminGrantIsMailedWithItsCheckCauseSettingAndTheApproveCommand() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig(
          "[email]\nenabled = true\nhost = \"127.0.0.1\"\nport = "
              + SMTP.getSmtp().getPort()
              + "\nstarttls = false\nfrom = \"titan-sync@district.org\"\n"
              + "to = [\"it@district.org\"]\n");
      CliHarness.Result first = h.run("sync", CliHarness.sample().toString());
      assertEquals(0, first.exit(), first.out() + first.err());
      List<String> lines = Files.readAllLines(CliHarness.sample(), StandardCharsets.UTF_8);
      StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
      for (String line : lines.subList(1, lines.size())) {
        csv.append(line, 0, line.lastIndexOf(',')).append(",District Admin\n");
      }
      Path admins = h.csv("admins.csv", csv.toString());

      CliHarness.Result held = h.run("sync", admins.toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      MimeMessage[] got = SMTP.getReceivedMessages();
      assertEquals(2, got.length);
      String body = text(got[1]);
      assertTrue(body.contains("  - The plan grants or takes away "), body);
      assertTrue(body.contains("limit 5 (setting guardrails.max_privileged_changes)"), body);
      assertTrue(
          body.contains(
              "Likely cause: Every person in the file now gets the role \"District Admin\""),
          body);
      assertTrue(
          body.contains("titan-sync approve " + held.runId() + " --config " + h.config()), body);
      assertFalse(body.contains("Leaving, by school"), body);
      // A share of what titan-sync manages is never over 100%.
      assertFalse(body.matches("(?s).*\\b(1\\d\\d|[2-9]\\d\\d)\\.\\d%.*"), body);
      assertTrue(
          body.contains("more than all the 55 memberships titan-sync manages in Titan"), body);
    }
  }
}
