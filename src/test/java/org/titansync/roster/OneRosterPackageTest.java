package org.titansync.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The OneRoster fixtures of src/test/resources/rosters, each reproducing a quirk of real exports,
 * read into the roster the planner gets.
 */
class OneRosterPackageTest {

  static Map<String, Person> byId(Roster roster) {
    return roster.persons().stream().collect(Collectors.toMap(Person::externalId, p -> p));
  }

  static List<String> sites(Person p) {
    return p.sites().stream().map(SiteAssignment::siteName).toList();
  }

  static RowError errorOf(Roster roster, String externalId) {
    List<RowError> found =
        roster.errors().stream().filter(e -> externalId.equals(e.externalId())).toList();
    assertEquals(1, found.size(), () -> "errors of " + externalId + ": " + roster.errors());
    return found.get(0);
  }

  /** A person as the planner sees them: who, where, what; not where in the file. */
  static List<String> planned(Roster roster) {
    return roster.persons().stream()
        .map(
            p ->
                String.join(
                    "|",
                    p.externalId(),
                    p.firstName(),
                    p.lastName(),
                    p.email(),
                    p.sites().stream()
                        .map(s -> s.siteName() + "=" + s.roleNames())
                        .collect(Collectors.joining(","))))
        .toList();
  }

  @Test
  void aPackageGivesThePlannerThePeopleItsSixColumnCsvWould() throws Exception {
    Roster pkg = Packages.read("oneroster-1.2", new Packages.Opts().domain("mvusd.org").build());
    Roster csv =
        ExportText.read(
            ExportText.export(
                "t-100,Ann,Lee,ann.lee@mvusd.org,Lincoln Elementary,teacher",
                "t-100,Ann,Lee,ann.lee@mvusd.org,Washington Middle School,teacher",
                "t-101,Marcus,Webb,marcus.webb@mvusd.org,Roosevelt High School,teacher",
                "t-102,Dana,Kim,dana.kim@mvusd.org,Washington Middle School,teacher",
                "t-103,Priya,Shah,pshah@mvusd.org,Lincoln Elementary,counselor",
                "t-104,Omar,Diaz,odiaz@mvusd.org,Washington Middle School,teacher",
                "t-106,Hugo,Brandt,hugo.brandt@mvusd.org,Lincoln Elementary,principal",
                "t-107,Lena,Ford,lena.ford@mvusd.org,Mountain View USD,districtAdministrator",
                "t-108,Sam,Ortiz,sam.ortiz@mvusd.org,Adult Education,counselor",
                "t-113,Eve,Stone,eve.stone@mvusd.org,Roosevelt High School,teacher",
                "t-114,Kofi,Mensah,kofi.mensah@mvusd.org,Roosevelt High School,TEACHER"));

    assertEquals(planned(csv), planned(pkg));
  }

  @Nested
  class Version12 {
    @Test
    void staffAreReadAndStudentsGuardiansAndRelativesAreSkippedWithoutAWord() throws Exception {
      Roster r = Packages.read("oneroster-1.2");

      assertEquals(ExportFormat.Kind.ONEROSTER, r.format().kind());
      assertEquals("1.2", r.format().version());
      assertEquals(
          Set.of("t-100", "t-101", "t-102", "t-104", "t-106", "t-107", "t-108", "t-113", "t-114"),
          byId(r).keySet());
      assertTrue(
          r.errors().stream()
              .noneMatch(e -> e.externalId() != null && e.externalId().matches("[sg]-.*")),
          "students and guardians make no errors: " + r.errors());
      assertEquals(RosterOptions.REQUIRED_COLUMNS, r.headers());
      assertEquals(14, r.dataRows(), "the staff rows: 10 read, 4 refused");
    }

    @Test
    void aUserAtTwoOrgsHasTwoSitesAndTheEmailIsLowerCased() throws Exception {
      Person ann = byId(Packages.read("oneroster-1.2")).get("t-100");

      assertEquals(List.of("Lincoln Elementary", "Washington Middle School"), sites(ann));
      assertEquals("ann.lee@mvusd.org", ann.email());
      assertEquals("Ann", ann.firstName());
      assertEquals("oneroster-1.2/roles.csv", ann.sites().get(0).source());
      assertEquals(2, ann.sites().get(0).line());
    }

    @Test
    void lowercaseEmailFalseKeepsTheAddressAsWritten() throws Exception {
      Roster r = Packages.read("oneroster-1.2", new Packages.Opts().lowercase(false).build());

      assertEquals("Ann.Lee@MVUSD.org", byId(r).get("t-100").email());
    }

    @Test
    void aParentWithASecondaryStaffRoleIsStaffThereUnlessSecondaryRolesAreIgnored()
        throws Exception {
      Person dana = byId(Packages.read("oneroster-1.2")).get("t-102");
      assertEquals(List.of("Washington Middle School"), sites(dana));
      assertEquals(List.of("teacher"), dana.sites().get(0).roleNames());

      Roster ignoring =
          Packages.read("oneroster-1.2", new Packages.Opts().ignoreSecondary().build());
      assertFalse(byId(ignoring).containsKey("t-102"));
      assertFalse(ignoring.taintedExternalIds().contains("t-102"));
      assertEquals(
          List.of("Lincoln Elementary"),
          sites(byId(ignoring).get("t-100")),
          "Ann's second school was a secondary role");
    }

    @Test
    void aMissingEmailFallsBackToTheUsernameThenToTheUsernameAtTheConfiguredDomain()
        throws Exception {
      Roster r = Packages.read("oneroster-1.2");
      assertEquals("odiaz@mvusd.org", byId(r).get("t-104").email());
      RowError priya = errorOf(r, "t-103");
      assertEquals("email", priya.field());
      assertEquals("oneroster-1.2/users.csv:7", priya.position());
      assertTrue(priya.message().startsWith("no email address: email and username hold none"));
      assertTrue(r.taintedExternalIds().contains("t-103"), "kept: protected from removal");

      Roster withDomain =
          Packages.read("oneroster-1.2", new Packages.Opts().domain("mvusd.org").build());
      assertEquals("pshah@mvusd.org", byId(withDomain).get("t-103").email());
      assertFalse(withDomain.taintedExternalIds().contains("t-103"));
    }

    @Test
    void aDepartmentIsItsParentSchoolAndWithoutItsParentItsOwnSiteWithANote() throws Exception {
      Roster r = Packages.read("oneroster-1.2");
      assertEquals(List.of("Roosevelt High School"), sites(byId(r).get("t-101")));
      assertEquals(List.of("Adult Education"), sites(byId(r).get("t-108")));
      assertEquals(
          List.of(
              "oneroster-1.2/orgs.csv:7: department \"Adult Education\" (org \"org-adult\") has no"
                  + " parent school in oneroster-1.2/orgs.csv (parentSourcedId \"org-closed\"):"
                  + " its people are placed at the site \"Adult Education\", its own"),
          r.notes());

      Roster own = Packages.read("oneroster-1.2", new Packages.Opts().departmentOwn().build());
      assertEquals(List.of("Science"), sites(byId(own).get("t-101")));
      assertEquals(List.of(), own.notes());
    }

    @Test
    void aDistrictOrgIsASiteOfItsNameForSitesAliasesToMap() throws Exception {
      Person lena = byId(Packages.read("oneroster-1.2")).get("t-107");
      assertEquals(List.of("Mountain View USD"), sites(lena));
      assertEquals(List.of("districtAdministrator"), lena.sites().get(0).roleNames());
    }

    @Test
    void anExtRoleIsARowErrorAndThePersonIsKept() throws Exception {
      Roster r = Packages.read("oneroster-1.2");
      RowError rosa = errorOf(r, "t-105");

      assertEquals("role", rosa.field());
      assertEquals("oneroster-1.2/roles.csv:12", rosa.position());
      assertEquals(
          "role \"ext:coach\" is neither a staff role nor an ignored one for OneRoster 1.2; the"
              + " person loses nothing because of this row: list it under [roster] staff_roles"
              + " or ignore_roles",
          rosa.message());
      assertTrue(r.taintedExternalIds().contains("t-105"));
      assertTrue(r.taintedEmails().contains("rosa.vega@mvusd.org"));
    }

    @Test
    void rolesMatchIgnoringCaseAndKeepTheirSpelling() throws Exception {
      Person kofi = byId(Packages.read("oneroster-1.2")).get("t-114");
      assertEquals(List.of("TEACHER"), kofi.sites().get(0).roleNames());
    }

    @Test
    void aShortRowWhoseMissingCellsAreOptionalIsRead() throws Exception {
      Person hugo = byId(Packages.read("oneroster-1.2")).get("t-106");
      assertEquals("hugo.brandt@mvusd.org", hugo.email());
      assertEquals(List.of("Lincoln Elementary"), sites(hugo));
    }

    @Test
    void anOrgMissingFromOrgsCsvIsARowErrorAndThePersonIsKept() throws Exception {
      Roster r = Packages.read("oneroster-1.2");
      RowError tina = errorOf(r, "t-109");
      assertEquals("orgSourcedId", tina.field());
      assertTrue(tina.message().startsWith("org \"org-nowhere\" is not in"), tina.message());
      assertTrue(r.taintedExternalIds().contains("t-109"));
    }

    @Test
    void aDeletedOrgDropsTheAssignmentAndADeletedOrDisabledUserIsGone() throws Exception {
      Roster r = Packages.read("oneroster-1.2");
      for (String gone : List.of("t-110", "t-111", "t-112")) {
        assertFalse(byId(r).containsKey(gone), gone);
        assertFalse(r.taintedExternalIds().contains(gone), gone + " is not protected: it left");
      }

      Roster including =
          Packages.read("oneroster-1.2", new Packages.Opts().includeDisabled().build());
      assertTrue(byId(including).containsKey("t-112"), "disabled_users = include");
    }

    @Test
    void roleDatesAreIgnoredByDefaultAndHonouredOnRequest() throws Exception {
      assertTrue(byId(Packages.read("oneroster-1.2")).containsKey("t-113"));

      Roster honouring = Packages.read("oneroster-1.2", new Packages.Opts().honourDates().build());
      assertFalse(byId(honouring).containsKey("t-113"), "her role ended in 2020");
      assertTrue(byId(honouring).containsKey("t-100"), "began 2023-08-15, no end");
    }

    @Test
    void aRoleOfAUserNotInUsersCsvIsARowError() throws Exception {
      RowError missing = errorOf(Packages.read("oneroster-1.2"), "t-999");
      assertEquals("userSourcedId", missing.field());
      assertEquals("oneroster-1.2/roles.csv:24", missing.position());
    }

    @Test
    void staffRolesReplaceTheDefaultsAndAValueLeftOutOfBothIsAnError() throws Exception {
      Roster r =
          Packages.read("oneroster-1.2", new Packages.Opts().staff("teacher", "ext:coach").build());

      assertTrue(byId(r).containsKey("t-105"), "ext:coach is staff now");
      assertEquals("role", errorOf(r, "t-106").field(), "principal is no longer staff");
      assertTrue(r.taintedExternalIds().contains("t-106"));
    }

    @Test
    void externalIdFromAnotherColumn() throws Exception {
      Roster r =
          Packages.read("oneroster-1.2", new Packages.Opts().externalId("identifier").build());
      assertTrue(byId(r).containsKey("ID-t-100"), byId(r).keySet().toString());
      assertTrue(r.format().mapping().contains("external_id: users.csv identifier"));
    }
  }

  @Nested
  class Version11 {
    @Test
    void aCrlfExportIsReadAsVersion11() throws Exception {
      Roster r = Packages.read("oneroster-1.1");
      assertEquals("1.1", r.format().version());
      assertEquals(
          Set.of("t-100", "t-101", "t-102", "t-104", "t-106", "t-107", "t-108", "t-109", "t-114"),
          byId(r).keySet());
    }

    @Test
    void aQuotedListOfOrgsIsOneSiteEach() throws Exception {
      Person ann = byId(Packages.read("oneroster-1.1")).get("t-100");
      assertEquals(List.of("Lincoln Elementary", "Washington Middle School"), sites(ann));
      assertEquals(List.of("teacher"), ann.sites().get(1).roleNames());
    }

    @Test
    void aTeacherWhoIsAlsoAParentIsOnePersonWithoutAnEmailConflict() throws Exception {
      Roster r = Packages.read("oneroster-1.1");
      assertEquals(List.of("Washington Middle School"), sites(byId(r).get("t-102")));
      assertTrue(
          r.errors().stream().noneMatch(e -> e.message().contains("already used")),
          "" + r.errors());
      assertFalse(r.taintedEmails().contains("dana.kim@mvusd.org"));
    }

    @Test
    void oneMissingOrgOfTwoKeepsTheGoodSiteAndProtectsThePerson() throws Exception {
      Roster r = Packages.read("oneroster-1.1");
      assertEquals(List.of("Lincoln Elementary"), sites(byId(r).get("t-109")));
      assertEquals("orgSourcedIds", errorOf(r, "t-109").field());
      assertTrue(r.taintedExternalIds().contains("t-109"), "loses nothing at the other org");
    }

    @Test
    void version11StaffAndQuirks() throws Exception {
      Roster r = Packages.read("oneroster-1.1");
      assertEquals(List.of("administrator"), byId(r).get("t-106").sites().get(0).roleNames());
      assertEquals("hugo.brandt@mvusd.org", byId(r).get("t-106").email(), "a short row");
      assertEquals("role", errorOf(r, "t-105").field());
      assertEquals("oneroster-1.1/users.csv:10", errorOf(r, "t-105").position());
      assertEquals("email", errorOf(r, "t-103").field());
      assertEquals(List.of("Roosevelt High School"), sites(byId(r).get("t-101")));
      assertEquals(List.of("Adult Education"), sites(byId(r).get("t-108")));
      assertEquals(1, r.notes().size());
      assertNull(byId(r).get("t-110"), "at a deleted org only");
    }
  }
}
