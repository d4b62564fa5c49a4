package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.guard.SamplePlans.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.titansync.pipeline.IcuConfusables;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Confusables;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.Profile;
import org.titansync.plan.SetRoles;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanRole;
import org.titansync.plan.TitanSite;
import org.titansync.plan.TitanUser;
import org.titansync.plan.UpdateUser;

/**
 * hold_on_privileged_email_change and hold_on_look_alike_privileged_name: one change to a
 * privileged account, however few, is held with a sentence that names the people and addresses.
 */
class AccountChecksTest {
  private static final List<String> HEADERS =
      List.of("external_id", "first_name", "last_name", "email", "site_name", "role_names");
  private static final Snapshot TITAN =
      new Snapshot(
          List.of(new TitanSite("s-do", "District Office", "DO", true)),
          List.of(
              new TitanRole("r-t", "Teacher"),
              new TitanRole("r-s", "Superintendent"),
              new TitanRole("r-a", "District Admin")),
          List.of(
              new TitanUser(
                  "u-1",
                  "E1",
                  "Steven",
                  "Clark",
                  "steven.clark@district.org",
                  true,
                  Map.of("s-do", Set.of("r-s"))),
              new TitanUser(
                  "u-2",
                  "E2",
                  "James",
                  "Carter",
                  "james.carter@district.org",
                  true,
                  Map.of("s-do", Set.of("r-t")))));

  private static Limits limits(boolean removalsOnly, boolean email, boolean names) {
    return SampleLimits.limits()
        .removalsOnly(removalsOnly)
        .holdOnPrivilegedEmailChange(email)
        .holdOnLookAlikePrivilegedName(names)
        .build();
  }

  private static Verdict judge(Plan p, Limits limits) {
    return new Guardrails(limits)
        .evaluate(
            p,
            HEADERS,
            null,
            Optional.empty(),
            Window.none(24),
            List.of(),
            PrivilegedAccounts.of(TITAN, p, limits.privileged(), IcuConfusables.get()));
  }

  private static UpdateUser emailChange(String userId, String id, String from, String to) {
    String[] name =
        userId.equals("u-1") ? new String[] {"Steven", "Clark"} : new String[] {"James", "Carter"};
    return new UpdateUser(
        ChangeKind.UPDATE,
        userId,
        id,
        to,
        new Profile(id, name[0], name[1], from, true),
        new Profile(id, name[0], name[1], to, true));
  }

  private static CreateUser newAdmin(String id, String first, String last, String email) {
    return new CreateUser(
        id,
        first,
        last,
        email,
        List.of(
            new Membership("s-do", "District Office", List.of("r-a"), List.of("District Admin"))),
        List.of(9));
  }

  @Test
  void theSuperintendentsNewAddressIsHeldWhateverTheDomainNamingThePersonAndBothAddresses() {
    Plan p =
        plan()
            .add(emailChange("u-1", "E1", "steven.clark@district.org", "sclark@district.org"))
            .build();

    Verdict v = judge(p, limits(false, true, true));

    assertTrue(v.held());
    assertEquals(List.of("hold_on_privileged_email_change"), v.checks());
    Reason r = v.reasons().get(0);
    assertEquals(
        "The plan changes the email of 1 account that holds a privileged role: Steven Clark (E1,"
            + " Titan user u-1 <steven.clark@district.org>), Superintendent at District Office,"
            + " from steven.clark@district.org to sclark@district.org. Whoever owns the new"
            + " address receives the account's password resets"
            + " (hold_on_privileged_email_change = true).",
        r.sentence());
    assertEquals("1 privileged account changing email", r.figure());
    assertEquals("guardrails.hold_on_privileged_email_change", r.setting());
  }

  @Test
  void aTeachersNewAddressACaseChangeAndTheSettingOffAreNotHeld() {
    Plan teacher =
        plan()
            .add(emailChange("u-2", "E2", "james.carter@district.org", "jc@elsewhere.example"))
            .build();
    Plan recased =
        plan()
            .add(emailChange("u-1", "E1", "steven.clark@district.org", "Steven.Clark@district.org"))
            .build();
    Plan moved =
        plan()
            .add(emailChange("u-1", "E1", "steven.clark@district.org", "s@elsewhere.example"))
            .build();

    assertFalse(judge(teacher, limits(false, true, true)).held());
    assertFalse(judge(recased, limits(false, true, true)).held());
    assertFalse(judge(moved, limits(false, false, true)).held());
  }

  @Test
  void withHoldScopeRemovalsOnlyTheHoldersChangeAndItsParkingWait() {
    UpdateUser park =
        new UpdateUser(
            ChangeKind.RELEASE_EMAIL,
            "u-1",
            "E1",
            "x@district.org",
            new Profile("E1", "Steven", "Clark", "steven.clark@district.org", true),
            new Profile("E1", "Steven", "Clark", "titansync-release-u-1@release.invalid", true));
    UpdateUser update =
        emailChange("u-1", "E1", "titansync-release-u-1@release.invalid", "x@district.org");
    UpdateUser teacher =
        emailChange("u-2", "E2", "james.carter@district.org", "steven.clark@district.org");
    Plan p = plan().add(park).add(teacher).add(update).build();

    Verdict v = judge(p, limits(true, true, true));

    assertTrue(v.held());
    assertEquals(Set.of(park.key(), update.key()), v.heldKeys());
    assertTrue(
        v.reasons().get(0).sentence().contains("from steven.clark@district.org to x@district.org"),
        v.reasons().get(0).sentence());
  }

  @Test
  void aNewAdminNamedLikeTheSuperintendentIsHeldNamingBothButNotANamesake() {
    Plan alike = plan().add(newAdmin("E9", "St\u0435ven", "Clark", "s.clark@district.org")).build();
    Plan same = plan().add(newAdmin("E9", "Steven", "Clark", "s.clark@district.org")).build();
    Plan other = plan().add(newAdmin("E9", "Ann", "Lee", "ann.lee@district.org")).build();

    Verdict v = judge(alike, limits(false, true, true));

    assertEquals(List.of("hold_on_look_alike_privileged_name"), v.checks());
    assertEquals(
        "E9 \"St<U+0435 CYRILLIC SMALL LETTER IE>ven Clark\" <s.clark@district.org> gains District"
            + " Admin at District Office, and the name looks like that of Steven Clark (E1, Titan"
            + " user u-1 <steven.clark@district.org>), who holds Superintendent at District Office"
            + " (hold_on_look_alike_privileged_name = true).",
        v.reasons().get(0).sentence());
    assertFalse(judge(same, limits(false, true, true)).held(), "a namesake is no look-alike");
    assertFalse(judge(other, limits(false, true, true)).held());
    assertFalse(judge(alike, limits(false, true, false)).held(), "turned off");
  }

  @Test
  void aHolderGainingAnotherRoleIsNotTheirOwnLookAlike() {
    SetRoles more =
        new SetRoles(
            "u-1",
            "E1",
            "steven.clark@district.org",
            "s-do",
            "District Office",
            List.of("r-s"),
            List.of("Superintendent"),
            new Membership(
                "s-do",
                "District Office",
                List.of("r-a", "r-s"),
                List.of("District Admin", "Superintendent")));

    assertFalse(judge(plan().add(more).build(), limits(false, true, true)).held());
  }

  @Test
  void anUndoIsNotHeldByTheAccountChecks() {
    Plan undo =
        plan()
            .add(emailChange("u-1", "E1", "s@elsewhere.example", "steven.clark@district.org"))
            .build();

    assertFalse(new Guardrails(limits(false, true, true)).evaluateUndo(undo).held());
  }

  @Test
  void aPlanWithoutEmailChangesOrPrivilegedGrantsAsksNothingAboutLookAlikes() {
    Confusables refuses =
        new Confusables() {
          @Override
          public String skeleton(String text) {
            throw new AssertionError("asked for the skeleton of " + text);
          }

          @Override
          public boolean mixesScripts(String text) {
            throw new AssertionError("asked about " + text);
          }
        };
    Plan p = plan().updates(3).creates("Lincoln", 2).build();

    assertEquals(
        PrivilegedAccounts.none(),
        PrivilegedAccounts.of(TITAN, p, PrivilegedRoles.byDefault(), refuses));
  }
}
