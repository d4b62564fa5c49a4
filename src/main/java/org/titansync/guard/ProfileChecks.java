package org.titansync.guard;

import static org.titansync.guard.Words.people;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Plan;
import org.titansync.plan.UpdateUser;

/**
 * max_update_percent and max_domain_move_percent: people whose profile changes, and emails moved to
 * another domain, as a percent of the accounts titan-sync manages, with the earlier runs of the
 * window.
 */
final class ProfileChecks {
  private ProfileChecks() {}

  static void check(Limits limits, HarmFacts facts, List<Reason> reasons) {
    Tally t = facts.tally();
    Tally earlier = facts.earlier();
    Measure updates = facts.ofAccounts(t.updates(), earlier.updates());
    Ceiling updated =
        Ceiling.percentOfAccounts(Check.MAX_UPDATE_PERCENT, limits.maxUpdatePercent(), updates);
    if (updated.passed()) {
      reasons.add(
          updated.reason(
              "The plan changes the name, email or status of "
                  + people(t.updates(), "person")
                  + updates.windowClause()
                  + updated.share()
                  + updated.moreThan(),
              "of managed accounts updated",
              "check that the columns are not shifted and the email domain did not change"));
    }
    Measure moves = facts.ofAccounts(t.domainMoves(), earlier.domainMoves());
    Ceiling moved =
        Ceiling.percentOfAccounts(
            Check.MAX_DOMAIN_MOVE_PERCENT, limits.maxDomainMovePercent(), moves);
    if (moved.passed()) {
      reasons.add(
          moved.reason(
              "The plan moves the email of "
                  + people(t.domainMoves(), "person")
                  + " to another domain"
                  + moves.windowClause()
                  + moved.share()
                  + moved.moreThan(),
              "of managed accounts moved to another email domain",
              domainCause(facts.plan(), moves)));
    }
  }

  /** "8 emails moved to @other.example, 32 in the last 24 h". */
  private static String domainCause(Plan plan, Measure m) {
    Map<String, Integer> to = new TreeMap<>();
    Map<String, String> released = Tally.releasedEmails(plan);
    for (Change c : plan.changes()) {
      if (c instanceof UpdateUser u
          && u.kind() == ChangeKind.UPDATE
          && Tally.movesDomain(u, released)) {
        to.merge(Tally.domain(u.after().email()), 1, Integer::sum);
      }
    }
    List<String> parts = new ArrayList<>();
    to.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(3)
        .forEach(en -> parts.add(people(en.getValue(), "email") + " moved to @" + en.getKey()));
    String now = parts.isEmpty() ? "no email moved in this run" : String.join(", ", parts);
    return now
        + (m.earlier() == 0 ? "" : ", " + m.total() + " in the last " + m.hours() + " h")
        + ": a domain change is done on purpose and approved once; a broken export or an"
        + " attacker does it unasked";
  }
}
