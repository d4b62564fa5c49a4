package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.guard.SamplePlans.plan;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.titansync.plan.Change;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.SetRoles;

/**
 * hold_on_last_privileged_holder: a run that leaves a privileged role with nobody holding it is
 * held, however few changes that takes; one that leaves a holder, or finds none, is not.
 */
class LastPrivilegedHolderTest {
  private static final List<String> HEADERS =
      List.of("external_id", "first_name", "last_name", "email", "site_name", "role_names");

  private static Limits limits(boolean holdOnLastHolder, boolean removalsOnly) {
    return SampleLimits.limits()
        .removalsOnly(removalsOnly)
        .holdOnLastPrivilegedHolder(holdOnLastHolder)
        .build();
  }

  private static Verdict judge(Limits limits, Plan plan, RoleHolders... holders) {
    return new Guardrails(limits)
        .evaluate(
            plan,
            HEADERS,
            null,
            Optional.of(new Baseline("20261101-060000-abcd", 100, HEADERS)),
            Window.none(24),
            List.of(holders));
  }

  /** The only Superintendent demoted to Teacher, and one teacher's name corrected. */
  private static Plan demoteSuperintendent() {
    return plan()
        .managed(1000, 1000)
        .site("A", 500, 500)
        .add(
            new SetRoles(
                "u-S",
                "S",
                "s@example.org",
                "s-A",
                "A",
                List.of("r-sup"),
                List.of("Superintendent"),
                new Membership("s-A", "A", List.of("r-t"), List.of("Teacher"))))
        .updates(1)
        .build();
  }

  @Test
  void theOnlyHolderDemotedIsHeldUnderMaxPrivilegedChanges() {
    Verdict v =
        judge(limits(true, false), demoteSuperintendent(), new RoleHolders("Superintendent", 1, 0));
    assertTrue(v.held());
    assertEquals(List.of("hold_on_last_privileged_holder"), v.checks(), "1 change, limit 5");
    Reason r = v.reasons().get(0);
    assertEquals(
        "After the plan nobody holds the privileged role Superintendent: 1 -> 0"
            + " (hold_on_last_privileged_holder = true).",
        r.sentence());
    assertEquals("guardrails.hold_on_last_privileged_holder", r.setting());
    assertEquals("1 privileged role left with no holder", r.figure());
    assertTrue(r.cause().startsWith("nobody would be left who holds \"Superintendent\""));
    assertTrue(v.likelyCause().startsWith("Nobody would be left"), v.likelyCause());
    assertEquals(2, v.heldKeys().size(), "the whole run waits");
  }

  @Test
  void aRoleThatKeepsAHolderIsNotHeld() {
    Verdict v =
        judge(limits(true, false), demoteSuperintendent(), new RoleHolders("Superintendent", 2, 1));
    assertFalse(v.held(), v.sentences().toString());
  }

  @Test
  void aRoleNobodyHeldBeforeIsNotHeld() {
    Verdict v =
        judge(limits(true, false), demoteSuperintendent(), new RoleHolders("Superintendent", 0, 0));
    assertFalse(v.held(), v.sentences().toString());
  }

  @Test
  void everyRoleLeftEmptyIsNamed() {
    Verdict v =
        judge(
            limits(true, false),
            demoteSuperintendent(),
            new RoleHolders("District Admin", 2, 0),
            new RoleHolders("Principal", 3, 2),
            new RoleHolders("Superintendent", 1, 0));
    assertEquals(
        "After the plan nobody holds the privileged roles District Admin: 2 -> 0,"
            + " Superintendent: 1 -> 0 (hold_on_last_privileged_holder = true).",
        v.reasons().get(0).sentence());
  }

  @Test
  void turnedOffItHoldsNothing() {
    Verdict v =
        judge(
            limits(false, false), demoteSuperintendent(), new RoleHolders("Superintendent", 1, 0));
    assertFalse(v.held());
    assertEquals(List.of(new RoleHolders("Superintendent", 1, 0)), v.holders());
  }

  @Test
  void theFirstLoadIsNotHeldByIt() {
    Plan first = plan().managed(0, 0).createsWithRole("A", 1, "Principal").build();
    Verdict v = judge(limits(true, false), first, new RoleHolders("Superintendent", 1, 0));
    assertFalse(v.held(), v.sentences().toString());
    assertTrue(v.notes().get(0).contains("hold_on_last_privileged_holder"), v.notes().get(0));
  }

  @Test
  void withHoldScopeRemovalsTheDemotionWaitsAndTheUpdateGoesAhead() {
    Plan p = demoteSuperintendent();
    Verdict v = judge(limits(true, true), p, new RoleHolders("Superintendent", 1, 0));
    assertTrue(v.held());
    for (Change c : p.changes()) {
      assertEquals(c instanceof SetRoles, v.holds(c), c.key());
    }
  }

  @Test
  void aRevertThatEmptiesARoleIsHeldToo() {
    Verdict v =
        new Guardrails(limits(true, false))
            .evaluateUndo(demoteSuperintendent(), List.of(new RoleHolders("Superintendent", 1, 0)));
    assertEquals(
        Set.of(Check.LAST_PRIVILEGED_HOLDER),
        Set.copyOf(v.reasons().stream().map(Reason::check).toList()));
  }
}
