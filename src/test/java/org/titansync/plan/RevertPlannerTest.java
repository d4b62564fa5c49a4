package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.plan.Fixtures.at;
import static org.titansync.plan.Fixtures.keys;
import static org.titansync.plan.Fixtures.managed;
import static org.titansync.plan.Fixtures.member;
import static org.titansync.plan.Fixtures.options;
import static org.titansync.plan.Fixtures.person;
import static org.titansync.plan.Fixtures.roster;
import static org.titansync.plan.Fixtures.snapshot;
import static org.titansync.plan.PastRuns.RUN;
import static org.titansync.plan.PastRuns.answered;
import static org.titansync.plan.PastRuns.done;
import static org.titansync.plan.PastRuns.field;
import static org.titansync.plan.PastRuns.nobodyProtected;
import static org.titansync.plan.PastRuns.profile;
import static org.titansync.plan.PastRuns.revert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.titansync.plan.PastWrite.Answer;
import org.titansync.plan.PastWrite.ProfileField;
import org.titansync.roster.Roster;

/**
 * The undo of a past run, planned from its typed audit lines and Titan as it is now: what goes
 * back, what is left alone because Titan changed since, and why. No HTTP, no files.
 */
class RevertPlannerTest {

  // ---- a whole run undone --------------------------------------------------------------------

  @Test
  void undoingASyncPutsTitanBackAsItWasThroughPhaseZeroForASwap() {
    Snapshot before =
        snapshot(
            managed("u1", "E1", "a@x.org", member("s1", "r1")),
            managed("u2", "E2", "b@x.org", member("s1", Set.of("r1"), "s2", Set.of("r2"))),
            managed("u3", "E3", "c@x.org", member("s3", "r1")));
    // E1 and E2 swap addresses, E1 is renamed and gains a role, E2 leaves Washington, E3 left
    // the file, E4 is new.
    Roster roster =
        roster(
            person(
                "E1",
                "Annie",
                "L-E1",
                "b@x.org",
                at("Lincoln Elementary", 2, "Teacher", "Administrator")),
            person("E2", "a@x.org", at("Lincoln Elementary", 3, "Teacher")),
            person("E4", "d@x.org", at("Adams Middle", 4, "Staff")));
    Plan sync = new Planner().plan(roster, before, options());
    InMemoryTitan titan = new InMemoryTitan(before);
    titan.apply(sync, false);

    RevertPlanner.Result undo =
        RevertPlanner.plan(RUN, done(sync), titan.snapshot(), nobodyProtected(before), true);

    assertEquals(
        List.of(
            "release_email:E1",
            "release_email:E2",
            "update:E1",
            "set_roles:E1:s1",
            "update:E2",
            "set_roles:E2:s2",
            "set_roles:E3:s3",
            "remove_membership:E4:s3",
            "deactivate:E4"),
        keys(undo.plan()));
    assertEquals(0, undo.plan().changes().get(0).phase());
    titan.apply(undo.plan(), true);
    Snapshot after = titan.snapshot();
    List<TitanUser> kept = new ArrayList<>(after.users());
    TitanUser created = kept.remove(kept.size() - 1);
    assertEquals(before.users(), kept);
    assertEquals("E4", created.externalId());
    assertFalse(created.active());
    assertTrue(created.memberships().isEmpty());
    assertTrue(
        undo.notes()
            .contains(
                "Undoes run "
                    + RUN
                    + " from "
                    + sync.changes().size()
                    + " audit"
                    + " lines (outcome \"done\", or an intent with no outcome)."),
        undo.notes().toString());
  }

  // ---- profiles and emails -------------------------------------------------------------------

  // ---- roles and memberships -----------------------------------------------------------------

  @Test
  void rolesGoBackAndAMembershipTheRunAddedGoes() {
    TitanUser now =
        managed("u1", "E1", "a@x.org", member("s1", Set.of("r1", "r3"), "s2", Set.of("r2")));
    List<PastWrite> lines =
        List.of(
            done(
                "set_roles:E1:s1",
                "E1",
                "u1",
                new PastWrite.RolesSet("s1", Set.of("r1"), Set.of("r1", "r3"))),
            done(
                "set_roles:E1:s2",
                "E1",
                "u1",
                new PastWrite.RolesSet("s2", Set.of(), Set.of("r2"))));

    RevertPlanner.Result undo = revert(lines, snapshot(now));

    assertEquals(List.of("set_roles:E1:s1", "remove_membership:E1:s2"), keys(undo.plan()));
    SetRoles back = (SetRoles) undo.plan().changes().get(0);
    assertEquals(List.of("r1", "r3"), back.beforeRoleIds());
    assertEquals(List.of("Teacher", "Administrator"), back.beforeRoleNames());
    assertEquals(List.of("r1"), back.after().roleIds());
    RemoveMembership gone = (RemoveMembership) undo.plan().changes().get(1);
    assertEquals("Washington High", gone.siteName());
    assertEquals(List.of("r2"), gone.before().roleIds());
  }

  @Test
  void aMembershipTheRunRemovedComesBackWithItsRoles() {
    TitanUser now = managed("u1", "E1", "a@x.org", member("s1", "r1"));
    List<PastWrite> lines =
        List.of(
            done(
                "remove_membership:E1:s2",
                "E1",
                "u1",
                new PastWrite.MembershipRemoved("s2", Set.of("r4", "r2"))));

    RevertPlanner.Result undo = revert(lines, snapshot(now));

    assertEquals(List.of("set_roles:E1:s2"), keys(undo.plan()));
    SetRoles back = (SetRoles) undo.plan().changes().get(0);
    assertEquals(List.of(), back.beforeRoleIds());
    assertEquals(List.of("r2", "r4"), back.after().roleIds());
    assertEquals(List.of("Staff", "Safety Officer"), back.after().roleNames());
  }

  @Test
  void whatTitanChangedSinceIsLeftAloneAndSaysSo() {
    TitanUser now = new TitanUser("u1", "E1", "F-E1", "Smith", "a@x.org", true, member("s1", "r2"));
    List<PastWrite> lines =
        List.of(
            done("update:E1", "E1", "u1", profile(field(ProfileField.LAST_NAME, "L-E1", "Smyth"))),
            done(
                "set_roles:E1:s1",
                "E1",
                "u1",
                new PastWrite.RolesSet("s1", Set.of("r1"), Set.of("r3"))));

    RevertPlanner.Result undo = revert(lines, snapshot(now));

    assertTrue(undo.plan().isEmpty(), undo.plan().changes().toString());
    assertTrue(
        undo.notes()
            .contains(
                "E1 (Titan user u1, a@x.org): profile left as it is, Titan changed it since (last"
                    + " name is now \"Smith\", the run left \"Smyth\")."),
        undo.notes().toString());
    assertTrue(
        undo.notes()
            .contains(
                "E1 (Titan user u1, a@x.org) at Lincoln Elementary: roles left as they are, Titan"
                    + " changed them since (now Staff, the run left Administrator)."),
        undo.notes().toString());
  }

  // ---- created people ------------------------------------------------------------------------

  @Test
  void peopleTheRunCreatedAreKeptUnlessAskedThenSetInactiveWithoutMemberships() {
    Snapshot now = snapshot(managed("new-E5", "E5", "e5@x.org", member("s1", "r1")));
    // The outcome of a create may carry no user id: the person is found by external_id.
    List<PastWrite> lines =
        List.of(done("create:E5", "E5", null, new PastWrite.Created(Map.of("s1", Set.of("r1")))));

    RevertPlanner.Result kept = revert(lines, now);
    assertTrue(kept.plan().isEmpty(), kept.plan().changes().toString());
    assertTrue(
        kept.notes()
            .contains(
                "1 person that run created is kept; revert with --delete-created takes their"
                    + " memberships away and sets them inactive (Titan's API cannot delete a"
                    + " user)."),
        kept.notes().toString());

    RevertPlanner.Result taken = RevertPlanner.plan(RUN, lines, now, nobodyProtected(now), true);
    assertEquals(List.of("remove_membership:E5:s1", "deactivate:E5"), keys(taken.plan()));
    UpdateUser off = (UpdateUser) taken.plan().changes().get(1);
    assertFalse(off.after().active());
    assertEquals("e5@x.org", off.after().email());
  }

  // ---- protection ----------------------------------------------------------------------------

  // ---- unknown outcomes and partly applied runs ----------------------------------------------

  @Test
  void writesWithAnIntentAndNoOutcomeAreComparedWithTitan() {
    Snapshot now =
        snapshot(
            new TitanUser("u1", "E1", "Gus", "L-E1", "a@x.org", true, member("s1", "r1")),
            managed("u2", "E2", "b@x.org", member("s1", "r1")));
    PastWrite rename =
        new PastWrite(
            "update:E1",
            Answer.SENT,
            "E1",
            "u1",
            profile(field(ProfileField.FIRST_NAME, "F-E1", "Gus")));
    List<PastWrite> lines =
        List.of(
            rename,
            rename, // its retry: still one write
            new PastWrite(
                "set_roles:E2:s1",
                Answer.SENT,
                "E2",
                "u2",
                new PastWrite.RolesSet("s1", Set.of("r1"), Set.of("r1", "r3"))));

    RevertPlanner.Result undo = revert(lines, now);

    // The rename took effect and goes back; the role change never did, so needs nothing.
    assertEquals(List.of("update:E1"), keys(undo.plan()));
    assertEquals("F-E1", ((UpdateUser) undo.plan().changes().get(0)).after().firstName());
    assertTrue(
        undo.notes()
            .contains(
                "2 writes of run "
                    + RUN
                    + " have an intent and no outcome in the audit log (the run was stopped):"
                    + " Titan is compared to see whether they took effect."),
        undo.notes().toString());
  }

  @Test
  void aPartlyAppliedRunUndoesOnlyWhatWasDone() {
    // E2's role change failed; someone made the same change by hand since: it is not the run's.
    Snapshot now =
        snapshot(
            new TitanUser("u1", "E1", "Gus", "L-E1", "a@x.org", true, member("s1", "r1")),
            managed("u2", "E2", "b@x.org", member("s1", "r3")),
            managed("u3", "E3", "c@x.org", member("s1", "r1")));
    PastWrite roles =
        new PastWrite(
            "set_roles:E2:s1",
            Answer.SENT,
            "E2",
            "u2",
            new PastWrite.RolesSet("s1", Set.of("r1"), Set.of("r3")));
    PastWrite removal =
        new PastWrite(
            "remove_membership:E3:s2",
            Answer.SENT,
            "E3",
            "u3",
            new PastWrite.MembershipRemoved("s2", Set.of("r2")));
    PastWrite rename =
        new PastWrite(
            "update:E1",
            Answer.SENT,
            "E1",
            "u1",
            profile(field(ProfileField.FIRST_NAME, "F-E1", "Gus")));
    List<PastWrite> lines =
        List.of(
            rename,
            answered(rename, Answer.DONE),
            roles,
            answered(roles, Answer.NOT_DONE),
            removal,
            answered(removal, Answer.DONE));

    RevertPlanner.Result undo = revert(lines, now);

    assertEquals(List.of("update:E1", "set_roles:E3:s2"), keys(undo.plan()));
    assertTrue(
        undo.notes()
            .contains(
                "Undoes run "
                    + RUN
                    + " from 2 audit lines (outcome \"done\", or an intent with no outcome)."),
        undo.notes().toString());
  }

  @Test
  void aRunThatWroteNothingHasNothingToUndo() {
    Snapshot now = snapshot(managed("u1", "E1", "a@x.org", member("s1", "r1")));
    PastWrite rename =
        new PastWrite(
            "update:E1",
            Answer.SENT,
            "E1",
            "u1",
            profile(field(ProfileField.FIRST_NAME, "Ann", "F-E1")));

    RevertPlanner.Result undo = revert(List.of(rename, answered(rename, Answer.NOT_DONE)), now);

    assertTrue(undo.plan().isEmpty());
    assertEquals(
        List.of(
            "Run " + RUN + " wrote nothing that the audit log records as done: nothing to undo."),
        undo.notes());
  }
}
