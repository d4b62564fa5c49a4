package org.titansync.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.roster.ExportText.export;
import static org.titansync.roster.ExportText.onlyError;
import static org.titansync.roster.ExportText.read;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Row errors, people merged across rows and sites, and tainted values. */
class RosterReaderRowsTest {

  @Nested
  class RowErrors {
    /** Reads a good row on line 2 and the given row on line 3; returns the one error. */
    private RowError errorFor(String row) throws Exception {
      Roster roster = read(export("E0,Zed,Zulu,zed@example.org,North,Teacher", row));
      assertEquals(2, roster.dataRows());
      assertEquals(1, roster.persons().size(), "the bad row is skipped, the good one kept");
      RowError error = onlyError(roster);
      assertEquals(3, error.line());
      return error;
    }

    @Test
    void tooFewFields() throws Exception {
      RowError e = errorFor("E1,Ann,Lee,ann@example.org,North");
      assertNull(e.field());
      assertEquals("E1", e.externalId());
      assertEquals("expected 6 fields as in the header, found 5", e.message());
    }

    @Test
    void tooManyFieldsHintsAtQuoting() throws Exception {
      RowError e = errorFor("E1,Lee, Ann,Lee,ann@example.org,North,Teacher");
      assertNull(e.field());
      assertEquals(
          "expected 6 fields as in the header, found 7; a value containing \",\" must be quoted",
          e.message());
    }

    @Test
    void emptyExternalId() throws Exception {
      RowError e = errorFor(" ,Ann,Lee,ann@example.org,North,Teacher");
      assertEquals("external_id", e.field());
      assertNull(e.externalId());
      assertEquals("empty external_id", e.message());
    }

    @Test
    void emptyFirstName() throws Exception {
      RowError e = errorFor("E1,,Lee,ann@example.org,North,Teacher");
      assertEquals("first_name", e.field());
      assertEquals("E1", e.externalId());
      assertEquals("empty first_name", e.message());
    }

    @Test
    void emptyLastName() throws Exception {
      RowError e = errorFor("E1,Ann,,ann@example.org,North,Teacher");
      assertEquals("last_name", e.field());
      assertEquals("empty last_name", e.message());
    }

    @Test
    void nameLongerThan100Characters() throws Exception {
      Roster fine = read(export("E1," + "é".repeat(100) + ",Lee,ann@example.org,North,Teacher"));
      assertTrue(fine.errors().isEmpty(), "exactly 100 characters are allowed");

      RowError e = errorFor("E1,Ann," + "x".repeat(101) + ",ann@example.org,North,Teacher");
      assertEquals("last_name", e.field());
      assertEquals("last_name is 101 characters long; at most 100 are allowed", e.message());
    }

    @Test
    void emptyEmail() throws Exception {
      RowError e = errorFor("E1,Ann,Lee,,North,Teacher");
      assertEquals("email", e.field());
      assertEquals("empty email", e.message());
    }

    @Test
    void emailLongerThan254Characters() throws Exception {
      String email = "a".repeat(243) + "@example.org"; // 255 characters
      RowError e = errorFor("E1,Ann,Lee," + email + ",North,Teacher");
      assertEquals("email", e.field());
      assertEquals("email is 255 characters long; at most 254 are allowed", e.message());
    }

    @Test
    void implausibleEmailsNameTheValue() throws Exception {
      Map<String, String> cases =
          Map.of(
              "bob@", "invalid email \"bob@\" (nothing after the @)",
              "bob.example.org", "invalid email \"bob.example.org\" (no @)",
              "bob@@example.org", "invalid email \"bob@@example.org\" (more than one @)",
              "@example.org", "invalid email \"@example.org\" (nothing before the @)",
              "bob@localhost",
                  "invalid email \"bob@localhost\" (the part after the @ is not a domain such as"
                      + " example.org)",
              "bob smith@example.org",
                  "invalid email \"bob smith@example.org\" (contains a space or line break)");
      for (Map.Entry<String, String> c : cases.entrySet()) {
        RowError e = errorFor("E1,Bob,Smith," + c.getKey() + ",North,Teacher");
        assertEquals("email", e.field(), c.getKey());
        assertEquals(c.getValue(), e.message());
      }
    }

    @Test
    void emptySiteName() throws Exception {
      RowError e = errorFor("E1,Ann,Lee,ann@example.org,,Teacher");
      assertEquals("site_name", e.field());
      assertEquals("empty site_name", e.message());
    }

    @Test
    void noRoleAfterSplitting() throws Exception {
      RowError e = errorFor("E1,Ann,Lee,ann@example.org,North, ; ;");
      assertEquals("role_names", e.field());
      assertEquals("role_names \"; ;\" names no role", e.message());
      assertEquals("empty role_names", errorFor("E1,Ann,Lee,ann@example.org,North,").message());
    }

    @Test
    void oneErrorPerRowTheFirstInColumnOrder() throws Exception {
      RowError e = errorFor("E1,,,bob@,,");
      assertEquals("first_name", e.field());
    }
  }

  @Nested
  class Merging {
    @Test
    void rowsWithOneExternalIdMergeIntoOnePersonWithSitesInFileOrder() throws Exception {
      Roster roster =
          read(
              export(
                  "E1,Ann,Lee,ann@example.org,North High,Teacher",
                  "E2,Bob,Kay,bob@example.org,North High,Teacher",
                  "E1,Ann,Lee,ANN@example.org,South Middle,Coach;Teacher",
                  "E1,Ann,Lee,ann@example.org,north high,Counselor;teacher"));

      assertTrue(roster.errors().isEmpty(), () -> roster.errors().toString());
      assertEquals(4, roster.dataRows());
      assertEquals(2, roster.persons().size());
      Person ann = roster.persons().get(0);
      assertEquals("E1", ann.externalId());
      assertEquals("ann@example.org", ann.email());
      assertEquals(List.of(2, 4, 5), ann.lines());
      assertEquals(
          List.of(
              new SiteAssignment("North High", List.of("Teacher", "Counselor"), 2),
              new SiteAssignment("South Middle", List.of("Coach", "Teacher"), 4)),
          ann.sites());
      assertEquals("E2", roster.persons().get(1).externalId());
    }

    @Test
    void laterRowWithDifferentNameOrEmailConflictsAndTheFirstRowWins() throws Exception {
      Roster roster =
          read(
              export(
                  "E1,Ann,Lee,ann@example.org,North,Teacher",
                  "E1,Anne,Lee,ann@example.org,South,Coach",
                  "E1,Ann,Leigh,ann@example.org,East,Coach",
                  "E1,Ann,Lee,ann.lee@example.org,West,Coach"));

      assertEquals(3, roster.errors().size());
      RowError first = roster.errors().get(0);
      assertEquals(3, first.line());
      assertEquals("first_name", first.field());
      assertEquals("E1", first.externalId());
      assertEquals(
          "first_name conflicts with line 2 for the same external_id; line 2 wins",
          first.message());
      assertEquals("last_name", roster.errors().get(1).field());
      assertEquals(4, roster.errors().get(1).line());
      RowError email = roster.errors().get(2);
      assertEquals("email", email.field());
      assertEquals(
          "email \"ann.lee@example.org\" conflicts with \"ann@example.org\" on line 2 for the"
              + " same external_id; line 2 wins",
          email.message());

      Person ann = roster.persons().get(0);
      assertEquals("Ann", ann.firstName());
      assertEquals(List.of(2), ann.lines());
      assertEquals(1, ann.sites().size());
      assertEquals(Set.of("E1"), roster.taintedExternalIds());
      assertEquals(Set.of("ann@example.org", "ann.lee@example.org"), roster.taintedEmails());
    }

    @Test
    void sameEmailUnderTwoExternalIdsRefusesEveryRowOfTheLaterPerson() throws Exception {
      Roster roster =
          read(
              export(
                  "E1,Ann,Lee,ann@example.org,North,Teacher",
                  "E2,Anna,Lee,ANN@example.org,North,Teacher",
                  "E1,Ann,Lee,ann@example.org,South,Teacher",
                  "E2,Anna,Lee,ann@example.org,South,Teacher",
                  "E2,Anna,Lee,anna@example.org,East,Teacher"));

      assertEquals(1, roster.persons().size());
      assertEquals(List.of(2, 4), roster.persons().get(0).lines());
      assertEquals(List.of(3, 5, 6), roster.errors().stream().map(RowError::line).toList());
      for (RowError e : roster.errors()) {
        assertEquals("email", e.field());
        assertEquals("E2", e.externalId());
      }
      assertEquals(
          "email already used by external_id E1 on line 2", roster.errors().get(0).message());
      assertEquals(
          "email already used by external_id E1 on line 2", roster.errors().get(1).message());
      assertEquals(
          "external_id E2 is refused since line 3: its email there is already used by"
              + " external_id E1 on line 2",
          roster.errors().get(2).message());
      assertEquals(Set.of("E2"), roster.taintedExternalIds());
      assertEquals(Set.of("ann@example.org", "anna@example.org"), roster.taintedEmails());
    }

    @Test
    void aPersonWhoseFirstRowIsBadIsBuiltFromTheGoodOnes() throws Exception {
      Roster roster =
          read(
              export(
                  "E1,Ann,Lee,ann@example.org,,Teacher",
                  "E1,Ann,Lee,ann@example.org,South,Teacher"));
      Person ann = roster.persons().get(0);
      assertEquals(List.of(3), ann.lines());
      assertEquals("South", ann.sites().get(0).siteName());
      assertEquals(Set.of("E1"), roster.taintedExternalIds());
    }
  }

  @Nested
  class Taint {
    @Test
    void taintedSetsHoldIdsAndPlausibleEmailsOfBadRowsOnly() throws Exception {
      Roster roster =
          read(
              export(
                  "E1,Ann,Lee,Ann@Example.org,North,Teacher",
                  "E2,,Kay,Bob@Example.org,North,Teacher",
                  ",Cy,Roe,Cy@Example.org,North,Teacher",
                  "E4,Di,Fox,di@,North,Teacher",
                  "E5,Ed,Poe",
                  "Eve,Fox,eve@example.org"));

      assertEquals(1, roster.persons().size());
      assertEquals(6, roster.dataRows());
      assertEquals(5, roster.errors().size());
      // A row with the wrong number of fields protects every value in it (and pairs of them).
      assertTrue(
          roster.taintedExternalIds().containsAll(Set.of("E2", "E4", "E5", "Eve")),
          () -> roster.taintedExternalIds().toString());
      assertTrue(
          roster
              .taintedEmails()
              .containsAll(Set.of("bob@example.org", "cy@example.org", "eve@example.org")),
          () -> roster.taintedEmails().toString());
      assertFalse(roster.taintedExternalIds().contains("E1"));
      assertFalse(roster.taintedEmails().contains("ann@example.org"));
    }
  }
}
