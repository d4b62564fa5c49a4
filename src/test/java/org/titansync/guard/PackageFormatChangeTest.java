package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.guard.SampleLimits.limits;
import static org.titansync.guard.SamplePlans.plan;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The header check on OneRoster and SDS packages: it compares the kind of export, the version and
 * the mapping (which column fed each field, and who was read), besides the six-column CSV's
 * settings.
 */
class PackageFormatChangeTest {
  private static final List<String> SIX =
      List.of("external_id", "first_name", "last_name", "email", "site_name", "role_names");
  private static final FileFormat CSV = new FileFormat(",", "\"", "UTF-8", ";");
  private static final List<String> MAPPING =
      List.of(
          "external_id: users.csv sourcedId",
          "email: users.csv email, else username, lower-cased",
          "role_names: roles.csv role; staff teacher; ignored student");

  private static FileFormat oneRoster(String version, List<String> mapping) {
    return new FileFormat(",", "\"", "UTF-8", null, "oneroster", version, mapping);
  }

  private static Verdict judge(FileFormat now, FileFormat before) {
    return new Guardrails(limits().build())
        .evaluate(
            plan().build(),
            SIX,
            now,
            Optional.of(new Baseline("20261101-060000-abcd", 100, SIX, before)),
            Window.none(24),
            List.of());
  }

  @Test
  void theSamePackageFormatHoldsNothing() {
    assertFalse(judge(oneRoster("1.2", MAPPING), oneRoster("1.2", MAPPING)).held());
  }

  @Test
  void aSwitchFromTheCsvToOneRosterHolds() {
    Verdict v = judge(oneRoster("1.2", MAPPING), CSV);
    assertTrue(v.held());
    assertTrue(
        v.sentences().get(0).contains("the export was the six-column CSV, now OneRoster"),
        v.sentences().get(0));
  }

  @Test
  void aFormatRecordedBeforePackagesExistedCountsAsTheCsv() {
    FileFormat older = new FileFormat(",", "\"", "UTF-8", ";", null, null, null);
    assertTrue(judge(oneRoster("1.2", MAPPING), older).held());
    assertFalse(judge(CSV, older).held());
  }

  @Test
  void anotherVersionHolds() {
    Verdict v = judge(oneRoster("1.2", MAPPING), oneRoster("1.1", MAPPING));
    assertTrue(v.held());
    assertTrue(
        v.sentences().get(0).contains("OneRoster version was \"1.1\", now \"1.2\""),
        v.sentences().get(0));
  }

  @Test
  void aFieldMappedFromAnotherColumnHoldsNamingBoth() {
    List<String> username =
        List.of(
            "external_id: users.csv sourcedId",
            "email: users.csv username, else email, lower-cased",
            "role_names: roles.csv role; staff teacher; ignored student");
    Verdict v = judge(oneRoster("1.2", username), oneRoster("1.2", MAPPING));
    assertTrue(v.held());
    assertEquals(
        "The file is read in another format than the last accepted file (run"
            + " 20261101-060000-abcd): email was read from users.csv email, else username,"
            + " lower-cased, now from users.csv username, else email, lower-cased"
            + " (hold_on_header_change = true).",
        v.sentences().get(0));
  }
}
