package org.titansync.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.titansync.guard.Reason;
import org.titansync.guard.SiteRemovals;
import org.titansync.guard.Verdict;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Conflict;
import org.titansync.plan.Keeping;
import org.titansync.plan.PersonMoves;
import org.titansync.roster.RowError;
import org.titansync.run.ChangeOutcome;
import org.titansync.run.KindCount;
import org.titansync.run.RunSummary;
import org.titansync.store.ChangeView;
import org.titansync.store.ResultFile;

/**
 * A run turned into plain maps and lists for the report and mail templates: summary counts per kind
 * (planned, done, failed, skipped), changes grouped by kind and site, row errors, conflicts.
 */
public final class ReportModel {
  private ReportModel() {}

  /**
   * The held section: what was held back (all, or only removals), the likely cause, the removals
   * grouped by site with the numbers behind them, and the command that approves the run.
   */
  private static void held(RunSummary s, Map<String, Object> m) {
    Verdict v = s.verdict();
    m.put("likelyCause", v.likelyCause());
    m.put("hasLikelyCause", v.held() && !v.likelyCause().isEmpty());
    String scope;
    if (s.dryRun()) {
      scope = "Dry run: nothing was written. A real run would be held the same way.";
    } else if (v.removalsOnly()) {
      scope =
          "hold_scope = \"removals\": the creations and other changes were applied; the held"
              + " changes below wait for approval.";
    } else {
      scope = "The whole plan waits for approval.";
    }
    m.put("heldScope", scope);
    List<Map<String, Object>> sites = new ArrayList<>();
    for (SiteRemovals r : v.removalsBySite()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("site", r.site());
      row.put("removals", r.removals());
      row.put("managedMembers", r.managedMembers());
      row.put("fileMembers", r.fileMembers());
      row.put("cause", r.cause());
      sites.add(row);
    }
    m.put("removalsBySite", sites);
    m.put("hasRemovalsBySite", v.held() && v.removalsTripped() && !sites.isEmpty());
    List<Map<String, Object>> checks = checks(v);
    if (checks.isEmpty()) {
      // A summary held without a verdict's details: the sentences alone.
      for (String sentence : s.holdReasons()) {
        checks.add(Map.of("sentence", sentence, "hasFigure", false, "hasCause", false));
      }
    }
    m.put("checks", checks);
    m.put("approveCommand", ResultFile.approveCommand(s));
  }

  /**
   * Each tripped check in plain words: its name, the setting that governs it, the figure and the
   * limit, and the likely cause. result.json carries the same, with snake_case keys.
   */
  public static List<Map<String, Object>> checks(Verdict v) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Reason r : v.reasons()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("check", r.check().key());
      c.put("setting", r.setting());
      c.put("figure", r.figure());
      c.put("limit", r.limit());
      c.put("cause", r.cause());
      c.put("sentence", r.sentence());
      c.put("hasFigure", !r.figure().isEmpty());
      c.put("hasCause", !r.cause().isEmpty());
      out.add(c);
    }
    return out;
  }

  /**
   * A change's detail, with the move it is part of: a person who leaves a site and joins another in
   * the same plan "moves from A to B", said on both changes.
   */
  public static String detail(ChangeView v, Change c, PersonMoves moves) {
    String move = moves.of(c);
    return move == null ? v.detail() : v.detail() + " (" + move + ")";
  }

  /**
   * What the plan left alone: what was kept because it was made by hand (membership_scope =
   * "owned"), and the people missing from the file, with since when.
   */
  private static void keeping(RunSummary s, Map<String, Object> m) {
    Keeping k = s.plan() == null ? Keeping.NONE : s.plan().keeping();
    List<String> kept = new ArrayList<>(k.keptByHand().size());
    k.keptByHand().forEach(h -> kept.add(h.words()));
    m.put("keptByHand", kept);
    m.put("keptByHandRoles", k.rolesKeptByHand());
    m.put("hasKeptByHand", !kept.isEmpty());
    List<String> missing = k.missingWords();
    m.put("missing", missing);
    m.put("hasMissing", !missing.isEmpty());
  }

  /** The template context. */
  public static Map<String, Object> of(RunSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runId", s.runId());
    m.put("file", s.inputFile());
    m.put("started", s.startedAt());
    m.put("finished", s.finishedAt());
    m.put("status", s.status().name().toLowerCase(java.util.Locale.ROOT));
    m.put("statusLabel", s.status().label());
    m.put("dryRun", s.dryRun());
    m.put("message", s.message());
    m.put("held", !s.holdReasons().isEmpty());
    m.put("holdReasons", s.holdReasons());
    held(s, m);
    List<String> holders = new ArrayList<>();
    s.verdict().holders().forEach(h -> holders.add(h.toString()));
    m.put("holders", holders);
    m.put("hasHolders", !holders.isEmpty());
    m.put("notes", s.notes());
    m.put("hasNotes", !s.notes().isEmpty());
    keeping(s, m);

    List<KindCount> counts = KindCount.of(s);
    m.put("counts", counts);
    m.put("hasCounts", !counts.isEmpty());
    int[] total = new int[5];
    counts.forEach(
        k -> {
          total[0] += k.planned();
          total[1] += k.done();
          total[2] += k.failed();
          total[3] += k.skipped();
          total[4] += k.held();
        });
    m.put("total", new KindCount("total", total[0], total[1], total[2], total[3], total[4]));
    m.put("hasHeldCounts", total[4] > 0);

    List<Map<String, Object>> kinds = new ArrayList<>();
    List<Map<String, Object>> failures = new ArrayList<>();
    if (s.plan() != null) {
      Map<String, Map<String, List<Map<String, Object>>>> grouped = new LinkedHashMap<>();
      for (ChangeKind k : ChangeKind.values()) {
        grouped.put(k.id(), new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
      }
      PersonMoves moves = PersonMoves.of(s.plan());
      for (Change c : s.plan().changes()) {
        ChangeView v = ChangeView.of(c);
        ChangeOutcome o = s.outcomes().get(c.key());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("externalId", v.externalId());
        row.put("email", v.email());
        row.put("detail", detail(v, c, moves));
        row.put("state", ChangeOutcome.stateOf(o).id());
        row.put("error", o == null ? null : o.error());
        String site = v.site().isEmpty() ? "(profile)" : v.site();
        grouped.get(v.kind()).computeIfAbsent(site, x -> new ArrayList<>()).add(row);
        if (ChangeOutcome.stateOf(o) == ChangeOutcome.State.FAILED) {
          Map<String, Object> f = new LinkedHashMap<>(row);
          f.put("kind", v.kind());
          f.put("site", site);
          f.put("httpStatus", o.httpStatus());
          f.put("attempts", o.attempts());
          failures.add(f);
        }
      }
      grouped.forEach(
          (kind, sites) -> {
            if (sites.isEmpty()) {
              return;
            }
            List<Map<String, Object>> siteList = new ArrayList<>();
            int n = 0;
            for (var e : sites.entrySet()) {
              siteList.add(
                  Map.of(
                      "site", e.getKey(), "changes", e.getValue(), "count", e.getValue().size()));
              n += e.getValue().size();
            }
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("kind", kind);
            k.put("count", n);
            k.put("sites", siteList);
            kinds.add(k);
          });
    }
    m.put("kinds", kinds);
    m.put("hasChanges", !kinds.isEmpty());
    m.put("failures", failures);
    m.put("hasFailures", !failures.isEmpty());

    List<RowError> errors = s.plan() == null ? List.of() : s.plan().errors();
    m.put("errors", errors);
    m.put("hasErrors", !errors.isEmpty());
    List<Conflict> conflicts = s.plan() == null ? List.of() : s.plan().conflicts();
    m.put("conflicts", conflicts);
    m.put("hasConflicts", !conflicts.isEmpty());
    return m;
  }
}
