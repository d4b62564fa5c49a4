package org.titansync.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.CreateUser;
import org.titansync.plan.InMemoryTitan;
import org.titansync.plan.Membership;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanFailure;
import org.titansync.plan.TitanRole;
import org.titansync.plan.TitanSite;
import org.titansync.plan.TitanUser;
import org.titansync.plan.UpdateUser;
import org.titansync.run.ApplyingRun;
import org.titansync.run.RunContext;
import org.titansync.store.AuditEntry;
import org.titansync.store.StateFolder;

/**
 * The apply step's writes ({@link Applier}) against the in-memory Titan, through the core's {@link
 * org.titansync.plan.TitanPort}, without HTTP or routes: each change is made once, with its audit
 * lines, and a create whose answer was lost is looked up before a retry instead of being sent
 * again.
 */
class ApplierTest {
  private static final String RUN_ID = "20260101-000000-test";

  @TempDir Path dir;

  private InMemoryTitan titan;
  private StateFolder store;
  private RunContext run;
  private Applier applier;
  private DefaultCamelContext camel;

  @BeforeEach
  void setUp() {
    titan =
        new InMemoryTitan(
            new Snapshot(
                List.of(
                    new TitanSite("s1", "Lincoln", "LES", true),
                    new TitanSite("s2", "Washington", "WHS", true)),
                List.of(new TitanRole("r1", "Teacher"), new TitanRole("r2", "Staff")),
                List.of(
                    new TitanUser(
                        "u1",
                        "E1",
                        "Ana",
                        "Ruiz",
                        "ana@x.org",
                        true,
                        Map.of("s1", Set.of("r1"), "s2", Set.of("r2"))))));
    store = new StateFolder(dir.resolve("logs"));
    run = ApplyingRun.of(RUN_ID, dir.resolve("logs/runs/" + RUN_ID), dir.resolve("staff.csv"));
    applier = new Applier(titan, store.audit(), 5, 1000, 3600);
    camel = new DefaultCamelContext();
  }

  @Test
  void everyKindOfChangeIsMadeOnceWithItsIntentAndOutcome() throws Exception {
    CreateUser create = createBen("ben@x.org");
    List<Change> plan =
        List.of(
            create,
            new UpdateUser(
                ChangeKind.UPDATE,
                "u1",
                "E1",
                "ana@x.org",
                new Profile("E1", "Ana", "Ruiz", "ana@x.org", true),
                new Profile("E1", "Ana", "Ruiz-Diaz", "ana@x.org", true)),
            new SetRoles(
                "u1",
                "E1",
                "ana@x.org",
                "s1",
                "Lincoln",
                List.of("r1"),
                List.of("Teacher"),
                new Membership("s1", "Lincoln", List.of("r1", "r2"), List.of("Teacher", "Staff"))),
            new RemoveMembership(
                "u1",
                "E1",
                "ana@x.org",
                "s2",
                "Washington",
                new Membership("s2", "Washington", List.of("r2"), List.of("Staff")),
                false));

    for (Change change : plan) {
      write(exchange(change));
    }

    assertEquals(4, titan.writes());
    TitanUser ana = titan.findById("u1").orElseThrow();
    assertEquals("Ruiz-Diaz", ana.lastName());
    assertEquals(Map.of("s1", Set.of("r1", "r2")), ana.memberships());
    TitanUser ben = titan.findByExternalId("E2").orElseThrow();
    assertEquals(Map.of("s1", Set.of("r1")), ben.memberships());
    assertEquals(ben.id(), run.userIdFor(create), "the person's later changes use the new id");

    List<AuditEntry> lines = store.audit().read().entries();
    List<AuditEntry.Intent> intents = intents(lines);
    assertEquals(plan.stream().map(Change::key).toList(), keys(intents));
    // Only a create and a profile update carry an idempotency key (POST and PATCH honour one).
    assertEquals(RUN_ID + ":" + plan.get(0).key(), intents.get(0).idempotencyKey());
    assertEquals(RUN_ID + ":" + plan.get(1).key(), intents.get(1).idempotencyKey());
    assertNull(intents.get(2).idempotencyKey());
    assertNull(intents.get(3).idempotencyKey());
    List<AuditEntry.Outcome> outcomes = outcomes(lines);
    assertEquals(4, outcomes.size());
    assertTrue(outcomes.stream().allMatch(AuditEntry.Outcome::done), outcomes.toString());
  }

  @Test
  void aCreateWhoseAnswerWasLostIsLookedUpNotSentAgain() throws Exception {
    CreateUser create = createBen("ben@x.org");
    titan.loseAnswers(1);
    Exchange ex = exchange(create);

    applier.prepare(ex);
    assertThrows(TitanFailure.class, () -> applier.send(ex), "the answer was lost");
    // The route's redelivery: onRedelivery looks, then titan-write starts again with prepare.
    applier.process(ex);
    write(ex);

    assertEquals(1, titan.writes(), "the person was created once");
    assertEquals(1, intents(store.audit().read().entries()).size(), "nothing was sent again");
    List<AuditEntry.Outcome> outcomes = outcomes(store.audit().read().entries());
    assertEquals(1, outcomes.size());
    assertTrue(outcomes.get(0).done(), outcomes.toString());
    assertEquals(
        titan.findByExternalId("E2").orElseThrow().id(),
        run.userIdFor(create),
        "the person's later changes use the id the look-up found");
  }

  @Test
  void aWriteTitanRefusesIsAFailedChangeWithTitansReason() throws Exception {
    write(exchange(createBen("ana@x.org")));

    assertEquals(0, titan.writes());
    assertTrue(titan.findByExternalId("E2").isEmpty());
    List<AuditEntry.Outcome> outcomes = outcomes(store.audit().read().entries());
    assertEquals(1, outcomes.size());
    assertFalse(outcomes.get(0).done());
    assertEquals(409, outcomes.get(0).httpStatus());
    assertTrue(outcomes.get(0).error().contains("email_taken"), outcomes.get(0).error());
  }

  private static CreateUser createBen(String email) {
    return new CreateUser(
        "E2",
        "Ben",
        "Lee",
        email,
        List.of(new Membership("s1", "Lincoln", List.of("r1"), List.of("Teacher"))),
        List.of(3));
  }

  private Exchange exchange(Change change) {
    Exchange ex = new DefaultExchange(camel);
    ex.getIn().setBody(change);
    ex.setProperty(Applier.RUN, run);
    return ex;
  }

  /** Route titan-write: prepare, then send unless prepare found the write not needed. */
  private void write(Exchange ex) throws TitanFailure {
    applier.prepare(ex);
    if (!Boolean.TRUE.equals(ex.getProperty("titanSkip", Boolean.class))) {
      applier.send(ex);
    }
  }

  private static List<AuditEntry.Intent> intents(List<AuditEntry> lines) {
    return lines.stream()
        .filter(AuditEntry.Intent.class::isInstance)
        .map(AuditEntry.Intent.class::cast)
        .toList();
  }

  private static List<AuditEntry.Outcome> outcomes(List<AuditEntry> lines) {
    return lines.stream()
        .filter(AuditEntry.Outcome.class::isInstance)
        .map(AuditEntry.Outcome.class::cast)
        .toList();
  }

  private static List<String> keys(List<AuditEntry.Intent> intents) {
    return intents.stream().map(i -> i.subject().key()).toList();
  }
}
