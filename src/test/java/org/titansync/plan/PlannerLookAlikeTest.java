package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.titansync.plan.Fixtures.ADMIN;
import static org.titansync.plan.Fixtures.TEACHER;
import static org.titansync.plan.Fixtures.at;
import static org.titansync.plan.Fixtures.handMade;
import static org.titansync.plan.Fixtures.keys;
import static org.titansync.plan.Fixtures.managed;
import static org.titansync.plan.Fixtures.member;
import static org.titansync.plan.Fixtures.options;
import static org.titansync.plan.Fixtures.person;
import static org.titansync.plan.Fixtures.roster;
import static org.titansync.plan.Fixtures.snapshot;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.titansync.pipeline.IcuConfusables;
import org.titansync.roster.RowError;

/**
 * Rule 2b, look-alike addresses: an address the plan would set that looks like another user's, or
 * mixes scripts, is a row error, and its person is left as Titan has them.
 */
class PlannerLookAlikeTest {
  /** The admin's address, and the same with a Cyrillic о (U+043E). */
  private static final String TOM = "tom.riley@district.org";

  private static final String FAKE_TOM = "t\u043em.riley@district.org";

  private static Plan plan(org.titansync.roster.Roster roster, Snapshot snapshot) {
    return plan(roster, snapshot, options());
  }

  private static Plan plan(
      org.titansync.roster.Roster roster, Snapshot snapshot, PlanOptions options) {
    return new Planner().plan(roster, snapshot, options, IcuConfusables.get());
  }

  @Test
  void aNewPersonWithALookAlikeOfAnAdminsAddressIsARowErrorNamingBothAddresses() {
    Snapshot titan = snapshot(handMade("u1", TOM, member("s1", ADMIN.id())));

    Plan p =
        plan(roster(person("E9", FAKE_TOM, at("Lincoln Elementary", 7, "Administrator"))), titan);

    assertEquals(List.of(), p.changes());
    assertEquals(
        List.of(
            new RowError(
                7,
                "email",
                "E9",
                "email \"t<U+043E CYRILLIC SMALL LETTER O>m.riley@district.org\" looks like"
                    + " \"tom.riley@district.org\", the email of Titan user u1 (made by hand, no"
                    + " external_id); not created",
                "F-E9 L-E9",
                "t<U+043E CYRILLIC SMALL LETTER O>m.riley@district.org")),
        p.errors());
  }

  @Test
  void aChangedAddressThatLooksLikeAnothersLeavesThePersonAsTheyAreAtEverySite() {
    Snapshot titan =
        snapshot(
            handMade("u1", TOM, member("s1", ADMIN.id())),
            managed("u2", "E2", "ann@district.org", member("s1", ADMIN.id(), TEACHER.id())));

    // Applied, the row would move Ann to another site and take her admin role.
    Plan p = plan(roster(person("E2", FAKE_TOM, at("Adams Middle", 3, "Teacher"))), titan);

    assertEquals(List.of(), p.changes(), "no update, no removal, no demotion");
    assertEquals(1, p.errors().size());
    assertEquals(
        "email \"t<U+043E CYRILLIC SMALL LETTER O>m.riley@district.org\" looks like"
            + " \"tom.riley@district.org\", the email of Titan user u1 (made by hand, no"
            + " external_id); the person is left as Titan has them (nothing of theirs changes)",
        p.errors().get(0).message());
  }

  @Test
  void anAddressMixingScriptsIsARowErrorEvenWhenItLooksLikeNobodys() {
    Plan p =
        plan(
            roster(person("E9", "j\u0430ne@district.org", at("Lincoln Elementary", 4, "Teacher"))),
            snapshot());

    assertEquals(List.of(), p.changes());
    assertEquals(
        "email \"j<U+0430 CYRILLIC SMALL LETTER A>ne@district.org\" mixes scripts; not created",
        p.errors().get(0).message());
  }

  @Test
  void twoNewPeopleWhoseAddressesLookAlikeAreBothRowErrorsNamingEachOther() {
    Plan p =
        plan(
            roster(
                person("E1", "aa@district.org", at("Lincoln Elementary", 2, "Teacher")),
                person("E2", "\u0430\u0430@district.org", at("Lincoln Elementary", 3, "Teacher"))),
            snapshot());

    assertEquals(List.of(), p.changes());
    assertEquals(List.of(2, 3), p.errors().stream().map(RowError::line).toList());
    assertEquals(
        "email \"aa@district.org\" looks like \"<U+0430 CYRILLIC SMALL LETTER A><U+0430 CYRILLIC"
            + " SMALL LETTER A>@district.org\", the email of external_id E2 on line 3; not created",
        p.errors().get(0).message());
  }

  @Test
  void anAddressTitanAlreadyHoldsIsNotJudged() {
    // Made long ago: an address that mixes scripts is left alone while it stays.
    Snapshot titan =
        snapshot(managed("u1", "E1", "j\u0430ne@district.org", member("s1", TEACHER.id())));

    Plan p =
        plan(
            roster(person("E1", "J\u0410ne@district.org", at("Lincoln Elementary", 2, "Teacher"))),
            titan,
            options().withUpdateEmailCase(true));

    assertEquals(List.of(), p.errors(), "a change of case is no new address");
    assertEquals(List.of("update:E1"), keys(p));
  }

  @Test
  void aChangeToALookAlikeOfOnesOwnAddressIsRefusedSinceItWouldReadAsNoChange() {
    Snapshot titan = snapshot(managed("u1", "E1", TOM, member("s1", ADMIN.id())));

    Plan p =
        plan(roster(person("E1", FAKE_TOM, at("Lincoln Elementary", 2, "Administrator"))), titan);

    assertEquals(List.of(), p.changes());
    assertEquals(
        "email \"t<U+043E CYRILLIC SMALL LETTER O>m.riley@district.org\" looks like"
            + " \"tom.riley@district.org\", the person's own email in Titan; the person is left as"
            + " Titan has them (nothing of theirs changes)",
        p.errors().get(0).message());
  }

  @Test
  void aDomainInAnotherScriptIsNotMixingWhenEachLabelKeepsToOne() {
    Plan p =
        plan(
            roster(
                person(
                    "E1",
                    "ivan@\u0448\u043a\u043e\u043b\u0430.example",
                    at("Lincoln Elementary", 2, "Teacher"))),
            snapshot());

    assertEquals(List.of(), p.errors());
    assertEquals(List.of("create:E1"), keys(p));
  }

  @Test
  void aUserGoneFromTheFileWhoseAddressARefusedOneLooksLikeKeepsTheirMemberships() {
    Snapshot titan = snapshot(managed("u1", "E1", TOM, member("s1", ADMIN.id())));

    // E1 is gone, and a new key carries a look-alike of its address: the file may mean E1.
    Plan p =
        plan(roster(person("E7", FAKE_TOM, at("Lincoln Elementary", 2, "Administrator"))), titan);

    assertEquals(List.of(), p.changes(), "nobody removed");
    assertEquals(1, p.errors().size());
  }

  @Test
  void withoutConfusablesNothingIsTakenForALookAlike() {
    Snapshot titan = snapshot(handMade("u1", TOM, member("s1", ADMIN.id())));

    Plan p =
        Fixtures.plan(
            roster(person("E9", FAKE_TOM, at("Lincoln Elementary", 7, "Administrator"))), titan);

    assertEquals(List.of("create:E9"), keys(p));
  }
}
