package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.plan.Fixtures.handMade;
import static org.titansync.plan.Fixtures.keys;
import static org.titansync.plan.Fixtures.managed;
import static org.titansync.plan.Fixtures.member;
import static org.titansync.plan.Fixtures.options;
import static org.titansync.plan.Fixtures.snapshot;
import static org.titansync.plan.Fixtures.withProtected;
import static org.titansync.plan.PastRuns.RUN;
import static org.titansync.plan.PastRuns.done;
import static org.titansync.plan.PastRuns.field;
import static org.titansync.plan.PastRuns.profile;
import static org.titansync.plan.PastRuns.revert;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.titansync.plan.PastWrite.ProfileField;

/**
 * The undo of a past run's names and emails: addresses that go back, that someone else holds now,
 * that two undos want, and a person protected now. No HTTP, no files.
 */
class RevertEmailsTest {
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
}
