package org.titansync.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.roster.OneRosterPackageTest.byId;
import static org.titansync.roster.OneRosterPackageTest.errorOf;
import static org.titansync.roster.OneRosterPackageTest.sites;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SDS v2.1 fixture: no manifest, always bulk; users.csv with CRLF line ends, roles.csv without
 * a last line break; usernames that carry a domain.
 */
class SdsPackageTest {
  @Test
  void withoutAManifestAndWithoutEnabledUserItIsSds() throws Exception {
    Roster r = Packages.read("sds-2.1");

    assertEquals(ExportFormat.Kind.SDS, r.format().kind());
    assertEquals("2.1", r.format().version());
    assertEquals(
        Set.of("t-100", "t-101", "t-102", "t-106", "t-107", "t-108", "t-113", "t-114"),
        byId(r).keySet());
  }

  @Test
  void aUserAtTwoOrgsPrimaryOrNotHasBothSites() throws Exception {
    assertEquals(
        List.of("Lincoln Elementary", "Washington Middle School"),
        sites(byId(Packages.read("sds-2.1")).get("t-100")));
  }

  @Test
  void aMissingEmailFallsBackToTheUsernameWhichCarriesADomain() throws Exception {
    Roster r = Packages.read("sds-2.1");
    assertEquals("marcus.webb@mvusd.org", byId(r).get("t-101").email());
    assertEquals("hugo.brandt@mvusd.org", byId(r).get("t-106").email(), "a short row");
    assertEquals("email", errorOf(r, "t-103").field(), "pshah has no domain");
    assertEquals(
        "pshah@mvusd.org",
        byId(Packages.read("sds-2.1", new Packages.Opts().domain("mvusd.org").build()))
            .get("t-103")
            .email());
  }

  @Test
  void studentsAndGuardiansWithoutRolesAreSkippedAndStaffAreItsStaffGroup() throws Exception {
    Roster r = Packages.read("sds-2.1");
    assertFalse(byId(r).containsKey("g-300"));
    assertFalse(byId(r).containsKey("s-200"));
    assertEquals(List.of("staff"), byId(r).get("t-102").sites().get(0).roleNames());
    assertEquals(List.of("administrator"), byId(r).get("t-107").sites().get(0).roleNames());
  }

  @Test
  void otherIsARowErrorAndAMissingOrgToo() throws Exception {
    Roster r = Packages.read("sds-2.1");
    RowError other = errorOf(r, "t-105");
    assertEquals("role", other.field());
    assertTrue(other.message().contains("for SDS 2.1"), other.message());
    assertEquals("sds-2.1/roles.csv:8", other.position());
    assertEquals("orgSourcedId", errorOf(r, "t-109").field());
    assertTrue(r.taintedExternalIds().containsAll(Set.of("t-103", "t-105", "t-109")));
  }

  @Test
  void departmentsAndDates() throws Exception {
    Roster r = Packages.read("sds-2.1");
    assertEquals(List.of("Roosevelt High School"), sites(byId(r).get("t-101")));
    assertEquals(List.of("Adult Education"), sites(byId(r).get("t-108")));
    assertEquals(1, r.notes().size());
    assertTrue(byId(r).containsKey("t-113"), "dates ignored");
    assertFalse(
        byId(Packages.read("sds-2.1", new Packages.Opts().honourDates().build()))
            .containsKey("t-113"),
        "roleEndDate 2020-06-30");
  }

  @Test
  void formatOneRosterRefusesAnSdsExport() {
    RosterException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            RosterException.class,
            () ->
                Packages.read(
                    "sds-2.1",
                    new Packages.Opts().format(PackageOptions.Expect.ONEROSTER).build()));
    assertTrue(e.getMessage().contains("but this is an SDS export"), e.getMessage());
  }
}
