package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.plan.Fixtures.at;
import static org.titansync.plan.Fixtures.handMade;
import static org.titansync.plan.Fixtures.keys;
import static org.titansync.plan.Fixtures.managed;
import static org.titansync.plan.Fixtures.member;
import static org.titansync.plan.Fixtures.options;
import static org.titansync.plan.Fixtures.person;
import static org.titansync.plan.Fixtures.roster;
import static org.titansync.plan.Fixtures.snapshot;
import static org.titansync.plan.Fixtures.withProtected;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.titansync.plan.PastWrite.Answer;
import org.titansync.plan.PastWrite.FieldChange;
import org.titansync.plan.PastWrite.ProfileField;
import org.titansync.roster.Roster;

/**
 * The undo of a past run, planned from its typed audit lines and Titan as it is now: what goes
 * back, what is left alone because Titan changed since, and why. No HTTP, no files.
 */
class RevertPlannerTest {
  private static final String RUN = "20261129-170000-abcd";

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

  @Test
  void namesAndEmailGoBack() {
    TitanUser now =
        new TitanUser("u1", "E1", "Annie", "Lee", "ann.lee@x.org", true, member("s1", "r1"));
    List<PastWrite> lines =
        List.of(
            done(
                "update:E1",
                "E1",
                "u1",
                profile(
                    field(ProfileField.FIRST_NAME, "Ann", "Annie"),
                    field(ProfileField.EMAIL, "ann@x.org", "ann.lee@x.org"))));

    RevertPlanner.Result undo = revert(lines, snapshot(now));

    assertEquals(List.of("update:E1"), keys(undo.plan()));
    UpdateUser update = (UpdateUser) undo.plan().changes().get(0);
    assertEquals(now.profile(), update.before());
    assertEquals(new Profile("E1", "Ann", "Lee", "ann@x.org", true), update.after());
  }

  @Test
  void anEmailSomeoneElseHoldsNowIsAConflictNotAnOverwrite() {
    Snapshot now =
        snapshot(
            new TitanUser("u1", "E1", "Annie", "Lee", "ann.lee@x.org", true, member("s1", "r1")),
            handMade("u9", "Ann@x.org", member("s2", "r2")));
    List<PastWrite> lines =
        List.of(
            done(
                "update:E1",
                "E1",
                "u1",
                profile(
                    field(ProfileField.FIRST_NAME, "Ann", "Annie"),
                    field(ProfileField.EMAIL, "ann@x.org", "ann.lee@x.org"))));

    RevertPlanner.Result undo = revert(lines, now);

    assertTrue(undo.plan().isEmpty(), undo.plan().changes().toString());
    assertTrue(
        undo.notes()
            .contains(
                "E1 (Titan user u1, ann.lee@x.org): profile left as it is, its email before the"
                    + " run (\"ann@x.org\") now belongs to Titan user u9."),
        undo.notes().toString());
  }

  @Test
  void aMoveBehindABlockedMoveIsLeftToo() {
    // E1 wants back the address E2 holds; E2 wants back one a hand-made account holds now.
    Snapshot now =
        snapshot(
            managed("u1", "E1", "a2@x.org", member("s1", "r1")),
            managed("u2", "E2", "a@x.org", member("s1", "r1")),
            handMade("u9", "b@x.org", member("s2", "r2")));
    List<PastWrite> lines =
        List.of(
            done("update:E2", "E2", "u2", profile(field(ProfileField.EMAIL, "b@x.org", "a@x.org"))),
            done(
                "update:E1",
                "E1",
                "u1",
                profile(field(ProfileField.EMAIL, "a@x.org", "a2@x.org"))));

    RevertPlanner.Result undo = revert(lines, now);

    assertTrue(undo.plan().isEmpty(), undo.plan().changes().toString());
    assertTrue(
        undo.notes()
            .contains(
                "E1 (Titan user u1, a2@x.org): profile left as it is, its email before the run"
                    + " (\"a@x.org\") now belongs to Titan user u2."),
        undo.notes().toString());
    assertTrue(
        undo.notes()
            .contains(
                "E2 (Titan user u2, a@x.org): profile left as it is, its email before the run"
                    + " (\"b@x.org\") now belongs to Titan user u9."),
        undo.notes().toString());
  }

  @Test
  void twoUndosThatWantOneAddressAreBothLeft() {
    Snapshot now =
        snapshot(
            managed("u1", "E1", "a1@x.org", member("s1", "r1")),
            managed("u2", "E2", "a2@x.org", member("s1", "r1")));
    List<PastWrite> lines =
        List.of(
            done(
                "update:E1", "E1", "u1", profile(field(ProfileField.EMAIL, "a@x.org", "a1@x.org"))),
            done(
                "update:E2",
                "E2",
                "u2",
                profile(field(ProfileField.EMAIL, "A@x.org", "a2@x.org"))));

    RevertPlanner.Result undo = revert(lines, now);

    assertTrue(undo.plan().isEmpty(), undo.plan().changes().toString());
    assertEquals(
        2,
        undo.notes().stream()
            .filter(n -> n.contains("is also the one another undo sets back"))
            .count(),
        undo.notes().toString());
  }

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

  @Test
  void aPersonProtectedNowIsUntouchedAndKeepsTheAddressOthersWantBack() {
    // The run swapped E1's and E2's addresses; E1 is protected now.
    Snapshot now =
        snapshot(
            managed("u1", "E1", "a@x.org", member("s1", Set.of("r1"), "s2", Set.of("r2"))),
            managed("u2", "E2", "b@x.org", member("s1", "r1")));
    List<PastWrite> lines =
        List.of(
            done("update:E1", "E1", "u1", profile(field(ProfileField.EMAIL, "b@x.org", "a@x.org"))),
            done(
                "set_roles:E1:s2",
                "E1",
                "u1",
                new PastWrite.RolesSet("s2", Set.of(), Set.of("r2"))),
            done(
                "update:E2", "E2", "u2", profile(field(ProfileField.EMAIL, "a@x.org", "b@x.org"))));
    Protection protection =
        new Protection(withProtected(options(), Set.of(), Set.of("E1"), Set.of()), now.roles());

    RevertPlanner.Result undo = RevertPlanner.plan(RUN, lines, now, protection, false);

    assertTrue(undo.plan().isEmpty(), undo.plan().changes().toString());
    assertTrue(
        undo.notes().contains("E1 (a@x.org): protected now, so nothing of it is undone."),
        undo.notes().toString());
    assertTrue(
        undo.notes()
            .contains(
                "E2 (Titan user u2, b@x.org): profile left as it is, its email before the run"
                    + " (\"a@x.org\") now belongs to Titan user u1."),
        undo.notes().toString());
  }

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

  // ---- helpers -------------------------------------------------------------------------------

  private static RevertPlanner.Result revert(List<PastWrite> lines, Snapshot now) {
    return RevertPlanner.plan(RUN, lines, now, nobodyProtected(now), false);
  }

  private static Protection nobodyProtected(Snapshot now) {
    return new Protection(options(), now.roles());
  }

  private static PastWrite done(String key, String externalId, String userId, PastWrite.Effect e) {
    return new PastWrite(key, Answer.DONE, externalId, userId, e);
  }

  private static PastWrite answered(PastWrite intent, Answer answer) {
    return new PastWrite(
        intent.key(), answer, intent.externalId(), intent.userId(), intent.effect());
  }

  private static PastWrite.ProfileSet profile(FieldChange... fields) {
    return new PastWrite.ProfileSet(List.of(fields));
  }

  private static FieldChange field(ProfileField field, String before, String after) {
    return new FieldChange(field, before, after);
  }

  /** The audit lines a run that made every change of the plan leaves (ids as InMemoryTitan's). */
  private static List<PastWrite> done(Plan plan) {
    List<PastWrite> lines = new ArrayList<>();
    for (Change change : plan.changes()) {
      String userId = change.userId() != null ? change.userId() : "new-" + change.externalId();
      lines.add(done(change.key(), change.externalId(), userId, effect(change)));
    }
    return lines;
  }

  private static PastWrite.Effect effect(Change change) {
    if (change instanceof CreateUser c) {
      Map<String, Set<String>> memberships = new TreeMap<>();
      c.memberships().forEach(m -> memberships.put(m.siteId(), Set.copyOf(m.roleIds())));
      return new PastWrite.Created(memberships);
    }
    if (change instanceof SetRoles s) {
      return new PastWrite.RolesSet(
          s.siteId(), Set.copyOf(s.beforeRoleIds()), Set.copyOf(s.after().roleIds()));
    }
    if (change instanceof RemoveMembership r) {
      return new PastWrite.MembershipRemoved(r.siteId(), Set.copyOf(r.before().roleIds()));
    }
    UpdateUser u = (UpdateUser) change;
    List<FieldChange> fields = new ArrayList<>();
    differ(fields, ProfileField.EXTERNAL_ID, u.before().externalId(), u.after().externalId());
    differ(fields, ProfileField.FIRST_NAME, u.before().firstName(), u.after().firstName());
    differ(fields, ProfileField.LAST_NAME, u.before().lastName(), u.after().lastName());
    differ(fields, ProfileField.EMAIL, u.before().email(), u.after().email());
    differ(fields, ProfileField.STATUS, status(u.before()), status(u.after()));
    return new PastWrite.ProfileSet(fields);
  }

  private static void differ(
      List<FieldChange> fields, ProfileField field, String before, String after) {
    if (!Objects.equals(before, after)) {
      fields.add(new FieldChange(field, before, after));
    }
  }

  private static String status(Profile p) {
    return p.active() ? "active" : "inactive";
  }
}
