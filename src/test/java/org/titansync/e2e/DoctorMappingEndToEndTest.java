package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor} checks the names the config maps to against the sandbox's sites and roles: an
 * alias to a site's name or code and a mapping to a role's name pass, ignoring case; a name Titan
 * lacks is one thing to fix each, and the roles the guardrails count as privileged are listed.
 */
class DoctorMappingEndToEndTest {
  @TempDir Path dir;

  @Test
  void everyMappedNameTitanLacksIsAThingToFix() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig(
          """
          [sites.aliases]
          "Lincoln ES" = "lincoln elementary"
          "Wash MS" = "WMS"
          "Old School" = "Closed Academy"
          [roles.map]
          "Tchr" = "teacher"
          "Sub" = "Substitute Teacher"
          [sync]
          protected_roles = ["Superintendent", "Board Member"]
          [guardrails]
          privileged_roles = ["District Admin", "Security Chief"]
          """);

      CliHarness.Result doctor = h.run("doctor");

      assertEquals(2, doctor.exit(), doctor.out());
      List<String> fixes =
          doctor
              .out()
              .lines()
              .filter(l -> l.startsWith("FIX"))
              .map(DoctorMappingEndToEndTest::lower)
              .toList();
      assertEquals(4, fixes.size(), doctor.out());
      assertTrue(
          fixes
              .get(0)
              .startsWith(
                  "fix   [sites.aliases] \"old school\" = \"closed academy\": titan"
                      + " has no site \"closed academy\" (sites: district office, garfield annex,"),
          fixes.get(0));
      assertTrue(
          fixes
              .get(1)
              .startsWith(
                  "fix   [roles.map] \"sub\" = \"substitute teacher\": titan has no"
                      + " role \"substitute teacher\" (roles: "),
          fixes.get(1));
      assertEquals(
          "fix   [sync] protected_roles: titan has no role \"board member\"", fixes.get(2));
      assertEquals(
          "fix   [guardrails] privileged_roles: titan has no role \"security chief\"",
          fixes.get(3));
      // The rule names the configured roles in no set order; Titan has one of them.
      assertTrue(
          doctor
              .out()
              .lines()
              .map(DoctorMappingEndToEndTest::lower)
              .anyMatch(
                  l ->
                      l.startsWith("ok    privileged roles in titan (guardrails.privileged_roles")
                          && l.endsWith("): district admin")),
          doctor.out());
      assertFalse(doctor.out().contains("role mappings name sites and roles Titan has"));
      assertTrue(doctor.out().contains("titan-sync: doctor found 4 thing(s) to fix"), doctor.out());
    }
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
