package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.e2e.HarmFiles.applySample;
import static org.titansync.e2e.HarmFiles.hold;
import static org.titansync.e2e.HarmFiles.roleIds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Look-alike addresses and names through the real command line against the sandbox: an address that
 * looks like another user's, or mixes scripts, is a row error that leaves its person as Titan has
 * them; a person who gains a privileged role with the name of someone who holds one is held.
 */
class LookAlikeEndToEndTest {
  /** Tom Riley's address with a Cyrillic о (U+043E) for the first o. */
  private static final String FAKE_TOM = "t\u043em.riley@mvusd.org";

  @TempDir Path dir;

  @Test
  void aNewDistrictAdminWithALookAlikeOfAnAdminsAddressIsARowErrorAndNotCreated() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      applySample(h);
      Path file =
          h.sampleWith(
              "staff.csv",
              (i, row) -> !row.startsWith("E1002,"),
              // A teacher's address changed to a look-alike of itself (Cyrillic а), at another
              // site: the report would show no change, and applied, he would leave Lincoln.
              "E1002,James,Carter,james.c\u0430rter@mvusd.org,Jefferson Elementary,Teacher",
              "E6001,Tom,Riley," + FAKE_TOM + ",District Office,District Admin",
              // Two new people whose addresses look alike: Latin "aa" and Cyrillic "аа".
              "E6002,Ann,Aa,aa@mvusd.org,Lincoln Elementary,Teacher",
              "E6003,Ann,Aa,\u0430\u0430@mvusd.org,Lincoln Elementary,Teacher",
              // An address like nobody's, mixing Latin and Cyrillic.
              "E6004,Zed,Ray,z\u0430d.ray@mvusd.org,Lincoln Elementary,Teacher");
      h.sandbox().resetCounters();

      CliHarness.Result r = h.run("sync", file.toString());

      assertEquals(0, r.exit(), r.out() + r.err());
      assertNull(h.user("E6001"), "the look-alike admin is not created");
      assertNull(h.user("E6002"));
      assertNull(h.user("E6003"));
      assertNull(h.user("E6004"));
      Map<String, Object> carter = h.user("E1002");
      assertEquals("james.carter@mvusd.org", carter.get("email"));
      assertEquals(List.of("s_01"), CliHarness.siteIds(carter), "kept at Lincoln");
      assertEquals(Set.of("r_01"), roleIds(carter));
      assertEquals(0, h.sandbox().writeCount(), "nothing else changed: " + r.out());

      String out = r.out();
      assertTrue(
          out.contains(
              ":56 [email]: email \"james.c<U+0430 CYRILLIC SMALL LETTER A>rter@mvusd.org\" looks"
                  + " like \"james.carter@mvusd.org\", the person's own email in Titan; the person"
                  + " is left as Titan has them (nothing of theirs changes)"),
          out);
      assertTrue(
          out.contains(
              ":60 [email]: email \"z<U+0430 CYRILLIC SMALL LETTER A>d.ray@mvusd.org\" mixes"
                  + " scripts; not created"),
          out);
      assertTrue(
          out.contains(
              ":57 [email]: email \"t<U+043E CYRILLIC SMALL LETTER O>m.riley@mvusd.org\" looks"
                  + " like \"tom.riley@mvusd.org\", the email of Titan user u_0000001 (made by"
                  + " hand, no external_id); not created"),
          out);
      assertTrue(
          out.contains(
              ":58 [email]: email \"aa@mvusd.org\" looks like \"<U+0430 CYRILLIC SMALL LETTER"
                  + " A><U+0430 CYRILLIC SMALL LETTER A>@mvusd.org\", the email of external_id"
                  + " E6003 on line 59; not created"),
          out);
      assertTrue(out.contains(":59 [email]: email \"<U+0430 CYRILLIC"), out);
      Path run = h.runDir(r.runId());
      String report = Files.readString(run.resolve("report.txt"));
      String html = Files.readString(run.resolve("report.html"));
      assertTrue(report.contains("t<U+043E CYRILLIC SMALL LETTER O>m.riley@mvusd.org"), report);
      for (String text : List.of(out, report, html)) {
        assertFalse(text.contains(FAKE_TOM), "never shown raw as if it were Tom's address");
        assertFalse(text.contains("c\u0430rter"), "never shown raw");
      }
      assertEquals(5, CliHarness.readJson(run.resolve("result.json")).get("row_errors"));
    }
  }

  @Test
  void aNewAdminNamedLikeTheSuperintendentIsHeldNamingBoth() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      applySample(h);
      // "Steven Clark" with a Cyrillic е, at an address of its own.
      Path file =
          h.sampleWith(
              "staff.csv",
              (i, row) -> true,
              "E6010,St\u0435ven,Clark,s.clark@mvusd.org,District Office,District Admin");
      h.sandbox().resetCounters();

      CliHarness.Result held = h.run("sync", file.toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      assertEquals(0, h.sandbox().writeCount(), "a held run writes nothing");
      assertNull(h.user("E6010"));
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(held.runId()).resolve("result.json"));
      Map<String, Object> lookAlike = hold(result, "hold_on_look_alike_privileged_name");
      assertEquals("guardrails.hold_on_look_alike_privileged_name", lookAlike.get("setting"));
      String sentence = String.valueOf(lookAlike.get("sentence"));
      assertTrue(
          sentence.contains(
              "E6010 \"St<U+0435 CYRILLIC SMALL LETTER IE>ven Clark\" <s.clark@mvusd.org> gains"
                  + " District Admin at District Office"),
          sentence);
      assertTrue(
          sentence.contains(
              "Steven Clark (E1029, Titan user u_0000027 <steven.clark@mvusd.org>), who holds"
                  + " Superintendent at District Office"),
          sentence);
      Map<String, Object> holdFile =
          CliHarness.readJson(h.runDir(held.runId()).resolve("hold.json"));
      assertTrue(
          holdFile.get("reasons").toString().contains("Steven Clark (E1029"), holdFile.toString());
      assertTrue(held.out().contains(sentence), held.out());

      CliHarness.Result approved = h.run("approve", held.runId());
      assertEquals(0, approved.exit(), approved.out() + approved.err());
      assertEquals(Set.of("r_11"), roleIds(h.user("E6010")), "approved: created as it was held");
    }
  }
}
