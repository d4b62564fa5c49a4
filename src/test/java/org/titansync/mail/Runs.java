package org.titansync.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.titansync.plan.Change;
import org.titansync.plan.Conflict;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Keeping;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.PlanStats;
import org.titansync.plan.RemoveMembership;
import org.titansync.roster.RowError;
import org.titansync.run.ChangeOutcome;
import org.titansync.run.RunId;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;

/** Run summaries built by hand, for every outcome a mail has to describe. */
public final class Runs {
  public static final String INPUT = "/srv/sis/staff export.csv";

  private Runs() {}

  public static Membership at(String site, String role) {
    return new Membership("site-" + site.length(), site, List.of("r-" + role), List.of(role));
  }

  public static CreateUser create(String id, String first, String last, String site) {
    return new CreateUser(
        id,
        first,
        last,
        id.toLowerCase(java.util.Locale.ROOT) + "@district.org",
        List.of(at(site, "Teacher")),
        List.of(2));
  }

  public static RemoveMembership removal(int i, String site) {
    String id = "E9" + String.format(java.util.Locale.ROOT, "%03d", i);
    return new RemoveMembership(
        "u-" + i,
        id,
        id.toLowerCase(java.util.Locale.ROOT) + "@district.org",
        "site-" + site.length(),
        site,
        at(site, "Teacher"),
        true);
  }

  public static Plan plan(
      List<? extends Change> changes, List<RowError> errors, List<Conflict> conflicts) {
    // People removed are named as the planner names them: "Removed Person 7" for E9007.
    Map<String, String> names = new LinkedHashMap<>();
    for (Change c : changes) {
      if (c instanceof RemoveMembership) {
        names.put(
            c.externalId(), "Removed Person " + Integer.parseInt(c.externalId().substring(2)));
      }
    }
    for (Conflict c : conflicts) {
      names.put(c.externalId(), "Sam Conflict");
    }
    return new Plan(
        List.copyOf(changes),
        errors,
        conflicts,
        new PlanStats(changes.size(), changes.size(), 0, 0, Map.of(), Map.of()),
        Keeping.NONE,
        names);
  }

  public static Plan plan(List<? extends Change> changes) {
    return plan(changes, List.of(), List.of());
  }

  public static Map<String, ChangeOutcome> done(Plan plan) {
    Map<String, ChangeOutcome> out = new LinkedHashMap<>();
    for (Change c : plan.changes()) {
      out.put(c.key(), new ChangeOutcome(ChangeOutcome.State.DONE, 201, 1, null));
    }
    return out;
  }

  public static RunSummary summary(
      RunStatus status,
      boolean dryRun,
      Plan plan,
      Map<String, ChangeOutcome> outcomes,
      List<String> holdReasons,
      String message) {
    return new RunSummary(
        RunId.next(),
        INPUT,
        "2026-11-26T18:25:07+01:00",
        "2026-11-26T18:25:09+01:00",
        status,
        dryRun,
        plan,
        outcomes,
        holdReasons,
        message,
        List.of());
  }

  /** Two creates, both done; one name in another script, one that looks like HTML. */
  public static RunSummary applied() {
    Plan plan =
        plan(
            List.of(
                create("E1003", "José", "Núñez", "Lincoln Elementary"),
                create("E2000", "Ann <b>bold</b>", "O'Hara & Sons", "Roosevelt Middle")));
    return summary(RunStatus.APPLIED, false, plan, done(plan), List.of(), "applied 2 changes");
  }

  /** 412 removals at one site, held by a guardrail. */
  public static RunSummary held() {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < 412; i++) {
      changes.add(removal(i, "Lincoln Elementary"));
    }
    return summary(
        RunStatus.HELD,
        false,
        plan(changes),
        Map.of(),
        List.of("412 removals at Lincoln Elementary, more than guardrails.max_removals (50)"),
        "held by a guardrail: 412 changes planned, nothing held was written");
  }

  /** Two creates: one done, one refused by Titan. */
  public static RunSummary partlyFailed() {
    CreateUser ok = create("E1003", "José", "Núñez", "Lincoln Elementary");
    CreateUser bad = create("E2001", "Bo", "Bad", "Lincoln Elementary");
    Plan plan = plan(List.of(ok, bad));
    Map<String, ChangeOutcome> outcomes = new LinkedHashMap<>();
    outcomes.put(ok.key(), new ChangeOutcome(ChangeOutcome.State.DONE, 201, 1, null));
    outcomes.put(
        bad.key(),
        new ChangeOutcome(
            ChangeOutcome.State.FAILED, 422, 1, "email is already used by another user"));
    return summary(RunStatus.PARTIAL, false, plan, outcomes, List.of(), "some changes failed");
  }

  public static RunSummary unreachable() {
    return summary(
        RunStatus.UNREACHABLE,
        false,
        null,
        Map.of(),
        List.of(),
        "cannot reach Titan at https://titan.example.org/api/v1: connection refused");
  }

  public static RunSummary nothingToDo(List<RowError> errors) {
    return summary(
        RunStatus.NOTHING_TO_DO,
        false,
        plan(List.of(), errors, List.of()),
        Map.of(),
        List.of(),
        "nothing to do: Titan already matches the file");
  }

  public static RunSummary dryRun() {
    Plan plan = plan(List.of(create("E1003", "José", "Núñez", "Lincoln Elementary")));
    return summary(
        RunStatus.DRY_RUN, true, plan, Map.of(), List.of(), "dry run: would make 1 change");
  }

  public static RowError rowError(int line) {
    return new RowError(
        line,
        "email",
        "E30" + line,
        "email \"x@\" is not an email address",
        "Row Person " + line,
        "x@");
  }
}
