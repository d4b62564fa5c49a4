package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.guard.SampleLimits.limits;
import static org.titansync.guard.SamplePlans.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Plan;

/**
 * The checks for harm other than removals (privileged roles, role changes, creations, email domain
 * moves), each at, below and above its limit, alone and over the window; the first load; and the
 * header compared by meaning.
 */
class GuardrailsHarmTest {
  private static final List<String> HEADERS =
      List.of("external_id", "first_name", "last_name", "email", "site_name", "role_names");
  private static final long NOW = 1_800_000_000L;

  /** The defaults of docs/config.md. */
  private static Limits defaults() {
    return limits().build();
  }

  private static Limits with(PrivilegedRoles privileged, boolean removalsOnly) {
    return limits()
        .removalsOnly(removalsOnly)
        .privileged(privileged)
        .columnAliases(Map.of("email", List.of("Work Email")))
        .build();
  }

  private static Optional<Baseline> last() {
    return Optional.of(new Baseline("20261101-060000-abcd", 100, HEADERS));
  }

  private static Verdict judge(Plan p) {
    return new Guardrails(defaults()).evaluate(p, HEADERS, last());
  }

  private static Verdict judge(Plan p, Window w) {
    return new Guardrails(defaults()).evaluate(p, HEADERS, last(), w);
  }

  private static Set<Check> checks(Verdict v) {
    return v.reasons().stream().map(Reason::check).collect(Collectors.toSet());
  }

  private static Reason reason(Verdict v, Check c) {
    return v.reasons().stream()
        .filter(r -> r.check() == c)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + c + " in " + v.sentences()));
  }

  // ---- privileged roles --------------------------------------------------------------------

  @Test
  void theDefaultRuleFindsAdminPrincipalAndSuperintendentIgnoringCase() {
    PrivilegedRoles p = PrivilegedRoles.byDefault();
    assertTrue(p.isPrivileged("District Admin"));
    assertTrue(p.isPrivileged("ASSISTANT PRINCIPAL"));
    assertTrue(p.isPrivileged("superintendent"));
    assertTrue(p.isPrivileged("Site Administrator"));
    assertFalse(p.isPrivileged("Teacher"));
    assertFalse(p.isPrivileged("Substitute"));
    PrivilegedRoles configured = new PrivilegedRoles(Set.of("Safety Officer"));
    assertTrue(configured.isPrivileged("safety officer"));
    assertFalse(configured.isPrivileged("Principal"), "a list replaces the default rule");
  }

  @Test
  void privilegedChangesAtTheLimitPassAndOneMoreIsHeld() {
    Plan below = plan().roleMoves("A", 4, "Teacher", "Principal").build();
    Plan at = plan().roleMoves("A", 5, "Teacher", "Principal").build();
    Plan above =
        plan().roleMoves("A", 3, "Teacher", "Principal").goneWithRole("A", 3, "Principal").build();

    assertFalse(judge(below).held());
    assertFalse(judge(at).held(), judge(at).sentences().toString());
    Verdict v = judge(above);
    assertEquals(Set.of(Check.MAX_PRIVILEGED_CHANGES), checks(v));
    Reason r = reason(v, Check.MAX_PRIVILEGED_CHANGES);
    assertTrue(
        r.sentence().contains("6 privileged roles (+3 Principal, -3 Principal)"), r.sentence());
    assertEquals("5", r.limit());
    assertEquals("guardrails.max_privileged_changes", r.setting());
  }

  @Test
  void creatingAPersonWithAPrivilegedRoleIsAGrant() {
    Verdict v = judge(plan().createsWithRole("A", 6, "District Admin").managed(1000, 1000).build());
    assertEquals(Set.of(Check.MAX_PRIVILEGED_CHANGES), checks(v));
    assertTrue(reason(v, Check.MAX_PRIVILEGED_CHANGES).sentence().contains("+6 District Admin"));
  }

  @Test
  void joiningASiteAsATeacherIsNeitherAPrivilegeNorARoleChange() {
    Verdict v = judge(plan().joins("A", 40, "Teacher").build());
    assertFalse(v.held(), v.sentences().toString());
  }

  @Test
  void everyPersonGettingOneAdminRoleIsNamedAsTheCause() {
    Plan p = plan().site("A", 10, 10).roleMoves("A", 10, "Teacher", "District Admin").build();
    Reason r = reason(judge(p), Check.MAX_PRIVILEGED_CHANGES);
    assertTrue(
        r.cause().startsWith("every person in the file now gets the role \"District Admin\""),
        r.cause());
  }

  @Test
  void demotionsNameWhatTheLeadersBecome() {
    Plan p = plan().roleMoves("A", 6, "Principal", "Substitute").build();
    Reason r = reason(judge(p), Check.MAX_PRIVILEGED_CHANGES);
    assertTrue(
        r.cause().startsWith("6 privileged roles taken away (now \"Substitute\" for 6)"),
        r.cause());
  }

  // ---- role changes ------------------------------------------------------------------------

  @Test
  void roleChangesAtTwentyPercentPassAndAboveAreHeld() {
    // 100 managed memberships by default; Teacher -> Substitute touches no privileged role.
    assertFalse(judge(plan().roleMoves("A", 19, "Teacher", "Substitute").build()).held());
    assertFalse(judge(plan().roleMoves("A", 20, "Teacher", "Substitute").build()).held());
    Verdict v = judge(plan().roleMoves("A", 21, "Teacher", "Substitute").build());
    assertEquals(Set.of(Check.MAX_ROLE_CHANGE_PERCENT), checks(v));
    Reason r = reason(v, Check.MAX_ROLE_CHANGE_PERCENT);
    assertEquals("21.0% of managed memberships change roles (21 of 100) in this run", r.figure());
    assertTrue(r.cause().startsWith("21 of the 21 role changes make the roles \"Substitute\""));
  }

  // ---- creations ---------------------------------------------------------------------------

  @Test
  void creationsAtOneHundredPassAndOneMoreIsHeld() {
    assertFalse(judge(plan().managed(1000, 1000).creates("A", 99).build()).held());
    assertFalse(judge(plan().managed(1000, 1000).creates("A", 100).build()).held());
    Verdict v = judge(plan().managed(1000, 1000).creates("A", 101).build());
    assertEquals(Set.of(Check.MAX_CREATIONS), checks(v));
    assertEquals("101 new accounts in this run", reason(v, Check.MAX_CREATIONS).figure());
  }

  @Test
  void creationsAtHalfTheManagedAccountsPassAndAboveAreHeld() {
    assertFalse(judge(plan().managed(40, 40).creates("A", 19).build()).held());
    assertFalse(judge(plan().managed(40, 40).creates("A", 20).build()).held());
    Verdict v = judge(plan().managed(40, 40).creates("A", 21).build());
    assertEquals(Set.of(Check.MAX_CREATION_PERCENT), checks(v));
    assertTrue(
        reason(v, Check.MAX_CREATION_PERCENT)
            .sentence()
            .startsWith("The plan creates 21 accounts, 52.5% of the 40 accounts"),
        v.sentences().toString());
  }

  @Test
  void theFirstLoadCreatesEveryoneAdminsIncludedAndSaysSo() {
    Plan p =
        plan()
            .managed(0, 0)
            .creates("A", 400)
            .createsWithRole("A", 12, "Principal")
            .createsWithRole("B", 1, "Superintendent")
            .build();

    Verdict v = new Guardrails(defaults()).evaluate(p, HEADERS, Optional.empty());

    assertFalse(v.held(), v.sentences().toString());
    assertTrue(v.firstLoad());
    String note = v.notes().get(0);
    assertTrue(note.startsWith("First load: Titan has no account titan-sync manages yet"), note);
    assertTrue(note.contains("It grants privileged roles: Principal 12, Superintendent 1."), note);
    assertTrue(note.contains("The limits that applied: max_removals = 100"), note);
  }

  @Test
  void aRunAfterAFirstLoadCutShortIsNotAFirstLoad() {
    // 30 accounts made it before the cut: the rest is a mass creation like any other.
    Plan p = plan().managed(30, 30).creates("A", 370).build();
    Verdict v = judge(p);
    assertFalse(v.firstLoad());
    assertEquals(Set.of(Check.MAX_CREATIONS, Check.MAX_CREATION_PERCENT), checks(v));
  }

  // ---- email domain moves ------------------------------------------------------------------

  @Test
  void domainMovesAtFivePercentPassAndAboveAreHeldNamingTheDomain() {
    assertFalse(judge(plan().domainMoves(4, "other.example").build()).held());
    assertFalse(judge(plan().domainMoves(5, "other.example").build()).held());
    Verdict v = judge(plan().domainMoves(6, "other.example").build());
    assertEquals(Set.of(Check.MAX_DOMAIN_MOVE_PERCENT), checks(v));
    Reason r = reason(v, Check.MAX_DOMAIN_MOVE_PERCENT);
    assertTrue(r.cause().startsWith("6 emails moved to @other.example:"), r.cause());
    assertEquals("5%", r.limit());
  }

  @Test
  void aChangeOfCaseOrNameIsNoDomainMove() {
    assertFalse(judge(plan().updates(15).build()).held(), "15 renames, 15% < 20%");
  }

  // ---- the window --------------------------------------------------------------------------

  private static WindowEntry entry(String runId, long hoursAgo, String excused, Tally t) {
    return new WindowEntry(runId, NOW - hoursAgo * 3600, excused, t, 100, 100);
  }

  @Test
  void earlierRunsOfTheWindowAddUpAndOlderOnesDoNot() {
    Tally eightMoves = new Tally(0, 8, 4, 0, 0, 0);
    Window w =
        Window.of(
            24,
            List.of(
                entry("old", 30, "", eightMoves),
                entry("recent", 3, "", new Tally(0, 0, 1, 0, 0, 0))),
            NOW);
    assertFalse(judge(plan().domainMoves(4, "x.example").build(), w).held(), "1 + 4 = 5%: at");
    Verdict v = judge(plan().domainMoves(5, "x.example").build(), w);
    Reason r = reason(v, Check.MAX_DOMAIN_MOVE_PERCENT);
    assertTrue(
        r.sentence()
            .contains(
                "5 people to another domain; with the 1 of earlier runs in the last 24 h that is 6"),
        r.sentence());
    assertEquals(
        "6.0% of managed accounts moved to another email domain (6 of 100) in the last 24 h",
        r.figure());
  }

  @Test
  void anApprovalCoversWhatItApprovedAndNothingMore() {
    Tally approvedRemovals = new Tally(30, 0, 0, 0, 0, 0);
    Window w =
        Window.of(
            24,
            List.of(
                entry("a", 2, "approved", approvedRemovals),
                entry("b", 1, "", new Tally(6, 0, 0, 0, 0, 0))),
            NOW);
    // 6 earlier + 4 now = 10 of 100 memberships: at the limit; the approved 30 do not count.
    assertFalse(judge(plan().gone("A", 4).build(), w).held());
    Verdict v = judge(plan().gone("A", 5).build(), w);
    assertEquals(Set.of(Check.MAX_REMOVAL_PERCENT), checks(v));
    assertTrue(
        v.sentences().get(0).contains("with the 6 of earlier runs in the last 24 h that is 11"));
    assertEquals(new Tally(30, 0, 0, 0, 0, 0), w.excused());
  }

  @Test
  void privilegedChangesAndCreationsAddUpOverTheWindowToo() {
    Window w = Window.of(24, List.of(entry("a", 5, "", new Tally(0, 0, 0, 4, 0, 90))), NOW);
    Verdict v =
        judge(
            plan()
                .managed(1000, 1000)
                .roleMoves("A", 2, "Teacher", "Principal")
                .creates("A", 11)
                .build(),
            w);
    assertEquals(Set.of(Check.MAX_PRIVILEGED_CHANGES, Check.MAX_CREATIONS), checks(v));
  }

  @Test
  void theWindowMeasuresPercentsAgainstTheMostTitanSyncManagedInIt() {
    // 94 memberships now, 104 when the window started: 12 of 104 is 11.5%.
    Window w =
        Window.of(
            24,
            List.of(new WindowEntry("a", NOW - 3600, "", new Tally(6, 0, 0, 0, 0, 0), 50, 104)),
            NOW);
    Verdict v = judge(plan().managed(50, 94).gone("A", 6).build(), w);
    assertTrue(
        v.sentences().get(0).contains("11.5% of the 104 memberships"), v.sentences().toString());
  }

  @Test
  void tallyCountsWhatTheWindowAdds() {
    Plan p =
        plan()
            .gone("A", 2)
            .deactivations(1)
            .updates(3)
            .domainMoves(2, "y.example")
            .roleMoves("A", 2, "Teacher", "Principal")
            .roleMoves("A", 1, "Teacher", "Nurse")
            .joins("A", 4, "Teacher")
            .creates("A", 3)
            .createsWithRole("A", 1, "Superintendent")
            .goneWithRole("A", 1, "Principal")
            .build();
    assertEquals(new Tally(4, 5, 2, 4, 3, 4), Tally.of(p, PrivilegedRoles.byDefault(), c -> true));
    assertEquals(
        new Tally(0, 0, 0, 1, 0, 4),
        Tally.of(p, PrivilegedRoles.byDefault(), c -> c.kind() == ChangeKind.CREATE));
  }

  // ---- hold_scope = "removals" -------------------------------------------------------------

  @Test
  void underRemovalsScopeTheChangesOfATrippedCheckWaitAndTheRestGoes() {
    Plan p =
        plan()
            .managed(1000, 1000)
            .roleMoves("A", 6, "Teacher", "Principal")
            .roleMoves("A", 3, "Teacher", "Nurse")
            .creates("A", 4)
            .build();
    Verdict v =
        new Guardrails(with(PrivilegedRoles.byDefault(), true)).evaluate(p, HEADERS, last());
    assertEquals(Set.of(Check.MAX_PRIVILEGED_CHANGES), checks(v));
    for (Change c : p.changes()) {
      boolean grantsPrincipal =
          c instanceof org.titansync.plan.SetRoles s && s.after().roleNames().contains("Principal");
      assertEquals(grantsPrincipal, v.holds(c), c.key());
    }
  }

  // ---- the header, by meaning --------------------------------------------------------------

  @Test
  void anIgnoredColumnTheOrderAndTheSpellingOfAFieldAreNoChange() {
    Guardrails g = new Guardrails(with(PrivilegedRoles.byDefault(), false));
    Plan p = plan().build();
    List<String> respelled =
        List.of(
            "Role Names", "site-name", "EMAIL", "Last Name", "first_name", "External ID", "notes");
    assertFalse(g.evaluate(p, respelled, last()).held());
  }

  @Test
  void aFieldReadFromAnotherAliasIsAChange() {
    Guardrails g = new Guardrails(with(PrivilegedRoles.byDefault(), false));
    List<String> work =
        List.of("external_id", "first_name", "last_name", "Work Email", "site_name", "role_names");
    Verdict v = g.evaluate(plan().build(), work, last());
    assertEquals(Set.of(Check.HEADER_CHANGE), checks(v));
    assertTrue(
        v.sentences().get(0).contains("email was read from \"email\", now from \"Work Email\""),
        v.sentences().get(0));
    assertTrue(v.likelyCause().startsWith("The export's columns changed"), v.likelyCause());
  }

  @Test
  void theRemovalsTableBelongsOnlyToHoldsWithRemovals() {
    assertFalse(judge(plan().domainMoves(6, "z.example").gone("A", 2).build()).removalsTripped());
    assertTrue(judge(plan().gone("A", 11).build()).removalsTripped());
  }
}
