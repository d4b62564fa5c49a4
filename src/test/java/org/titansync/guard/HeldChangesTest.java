package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.titansync.guard.SampleLimits.limits;
import static org.titansync.guard.SamplePlans.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Plan;
import org.titansync.plan.Profile;
import org.titansync.plan.UpdateUser;

/** Which changes of a held plan wait, under hold_scope = "all" and "removals". */
class HeldChangesTest {
  private static final Limits ALL = limits().build();
  private static final Limits REMOVALS = limits().removalsOnly(true).build();

  /** The parking of an address another account takes in the same run. */
  private static final UpdateUser RELEASE =
      new UpdateUser(
          ChangeKind.RELEASE_EMAIL,
          "u-S1",
          "S1",
          "s1@example.org",
          new Profile("S1", "Sam", "Swap", "s1@example.org", true),
          new Profile("S1", "Sam", "Swap", "parked-s1@example.invalid", true));

  private final Plan plan =
      plan()
          .gone("A", 2)
          .deactivations(1)
          .updates(2)
          .add(RELEASE)
          .links(1)
          .creates("A", 2)
          .createsWithRole("A", 1, "Principal")
          .roleMoves("A", 2, "Teacher", "Staff")
          .roleMoves("A", 1, "Principal", "Teacher")
          .joins("A", 1, "District Admin")
          .joins("A", 1, "Teacher")
          .build();

  private static List<Reason> tripped(Check... checks) {
    return Arrays.stream(checks).map(c -> new Reason(c, "held")).toList();
  }

  /** The keys of the changes that wait when these checks tripped, sorted. */
  private Set<String> waiting(Limits limits, Check... checks) {
    return new TreeSet<>(HeldChanges.of(plan, limits, tripped(checks)));
  }

  private Set<String> keys(Predicate<Change> which) {
    Set<String> out = new TreeSet<>();
    plan.changes().stream().filter(which).forEach(c -> out.add(c.key()));
    return out;
  }

  @Test
  void nothingWaitsWhenNothingTripped() {
    assertEquals(Set.of(), HeldChanges.of(plan, ALL, List.of()));
    assertEquals(Set.of(), HeldChanges.of(plan, REMOVALS, List.of()));
  }

  @Test
  void holdScopeAllHoldsEveryChangeInPlanOrder() {
    assertEquals(
        plan.changes().stream().map(Change::key).toList(),
        List.copyOf(HeldChanges.of(plan, ALL, tripped(Check.MAX_CREATIONS))));
  }

  @Test
  void removalsAlwaysWaitAndNothingElseForARemovalCheck() {
    assertEquals(keys(Guardrails::isRemoval), waiting(REMOVALS, Check.MAX_REMOVAL_PERCENT));
  }

  @Test
  void aParkedEmailWaitsWithTheUpdatesAndALinkGoesAhead() {
    Set<String> expected =
        keys(c -> Guardrails.isRemoval(c) || Guardrails.isUpdate(c) || c == RELEASE);

    assertEquals(expected, waiting(REMOVALS, Check.MAX_UPDATE_PERCENT));
    assertEquals(expected, waiting(REMOVALS, Check.MAX_DOMAIN_MOVE_PERCENT));
  }

  @Test
  void roleChangesOfExistingMembershipsWaitAndJoinsGoAhead() {
    Set<String> waiting = waiting(REMOVALS, Check.MAX_ROLE_CHANGE_PERCENT);

    assertEquals(keys(c -> Guardrails.isRemoval(c) || c.key().startsWith("set_roles:M")), waiting);
  }

  @Test
  void privilegedGrantsAndTakingsWaitAndTeachersGoAhead() {
    Set<String> waiting = waiting(REMOVALS, Check.MAX_PRIVILEGED_CHANGES);

    Set<String> privileged =
        keys(
            c ->
                c.externalId().startsWith("P")
                    || c.key().contains(("Principal" + "Teacher").hashCode() + "-")
                    || c.key().contains("District Admin".hashCode() + "-"));
    assertEquals(3, privileged.size(), privileged.toString());
    Set<String> expected = keys(Guardrails::isRemoval);
    expected.addAll(privileged);
    assertEquals(expected, waiting);
  }

  @Test
  void aLastHolderWaitsForItsDemotionsOnly() {
    Set<String> expected = keys(Guardrails::isRemoval);
    expected.addAll(keys(c -> c.key().contains(("Principal" + "Teacher").hashCode() + "-")));

    assertEquals(expected, waiting(REMOVALS, Check.LAST_PRIVILEGED_HOLDER));
  }

  @Test
  void creationsWaitForACreationCheck() {
    Set<String> expected = keys(c -> Guardrails.isRemoval(c) || c.kind() == ChangeKind.CREATE);

    assertEquals(expected, waiting(REMOVALS, Check.MAX_CREATIONS));
    assertEquals(expected, waiting(REMOVALS, Check.MAX_CREATION_PERCENT));
  }
}
