package org.titansync.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.titansync.guard.Reason;
import org.titansync.guard.RoleHolders;
import org.titansync.guard.SiteRemovals;
import org.titansync.guard.Verdict;
import org.titansync.plan.Change;
import org.titansync.plan.Conflict;
import org.titansync.plan.Keeping;
import org.titansync.plan.Plan;
import org.titansync.roster.RowError;
import org.titansync.run.ChangeOutcome;
import org.titansync.run.KindCount;
import org.titansync.run.RunSummary;
import org.titansync.run.ShownTime;
import org.titansync.store.ResultFile;

/**
 * A run turned into plain maps and lists for the report and mail templates, in the words of the
 * people who read them: the outcome at a glance, a summary first, for a held run the likely cause
 * before the detail, then one section per school naming each person. The technical kinds stay in
 * plan.json and result.json.
 */
public final class ReportModel {
  private ReportModel() {}

  /** The template context of a run whose folder is unknown. */
  public static Map<String, Object> of(RunSummary s) {
    return of(s, null);
  }

  /**
   * The template context.
   *
   * @param runFolder the run's folder, where its copy of the export is kept; null when unknown
   */
  public static Map<String, Object> of(RunSummary s, Path runFolder) {
    Map<String, Object> m = new LinkedHashMap<>();
    RunHeadline headline = RunHeadline.of(s);
    m.put("runId", s.runId());
    m.put("statusWord", headline.word());
    m.put("tone", headline.tone());
    m.put("headline", headline.sentence());
    m.put("file", input(s, runFolder));
    m.put("started", ShownTime.of(s.startedAt()));
    m.put("finished", ShownTime.of(s.finishedAt()));
    m.put("status", s.status().name().toLowerCase(Locale.ROOT));
    m.put("statusLabel", s.status().label());
    m.put("dryRun", s.dryRun());
    m.put("message", s.message());
    // The one-line message counts changes by their technical kinds, which the headline and the
    // table already say in words; it stays where it explains what went wrong.
    m.put("showMessage", s.plan() == null || s.status() == org.titansync.run.RunStatus.ERROR);
    m.put("held", !s.holdReasons().isEmpty());
    m.put("holdReasons", s.holdReasons());
    held(s, m);
    List<String> holders = new ArrayList<>();
    for (RoleHolders h : s.verdict().holders()) {
      holders.add(h.role() + ": " + h.before() + " before this run, " + h.after() + " after");
    }
    m.put("holders", holders);
    m.put("hasHolders", !holders.isEmpty());
    m.put("notes", s.notes());
    m.put("hasNotes", !s.notes().isEmpty());
    keeping(s, m);
    counts(s, m);

    List<SchoolSections.Section> sections = SchoolSections.of(s);
    List<Map<String, Object>> shown = new ArrayList<>();
    int index = 0;
    // A short report opens every school; a long one opens none, and the search opens the schools
    // where it finds someone.
    boolean open = sections.size() == 1 || sections.stream().mapToInt(x -> x.count()).sum() <= 60;
    for (SchoolSections.Section section : sections) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("id", "s" + index++);
      one.put("school", section.school());
      one.put("count", section.count());
      one.put("countWords", section.countWords());
      one.put("rows", section.rows());
      one.put("accounts", section.accounts());
      one.put("open", open);
      shown.add(one);
    }
    m.put("sections", shown);
    m.put("hasSections", !shown.isEmpty());
    m.put("schoolCount", Plural.of(sections.stream().filter(x -> !x.accounts()).count(), "school"));
    failures(s, m);
    errors(s, m);
    conflicts(s, m);
    return m;
  }

  /**
   * Where the export this run read can still be found: the copy in its run folder (the inbox path
   * is gone once the daemon has moved the file), else the path the run was given.
   */
  static String input(RunSummary s, Path runFolder) {
    if (runFolder != null && Files.isRegularFile(runFolder.resolve("input.csv"))) {
      String name = s.inputFile().isEmpty() ? "" : fileName(s.inputFile());
      return runFolder.resolve("input.csv")
          + (name.isEmpty() || name.equals("input.csv")
              ? ""
              : " (the copy this run read of " + name + ")");
    }
    return s.inputFile();
  }

  /**
   * The file's own name. The path is as the run shows it, its control characters escaped with a
   * backslash ("staff\\n.csv"), so only the platform's separator splits it.
   */
  private static String fileName(String path) {
    try {
      Path name = Path.of(path).getFileName();
      return name == null ? path : name.toString();
    } catch (java.nio.file.InvalidPathException e) {
      return path;
    }
  }

  /**
   * The held section: the likely cause first, then what to do, then each tripped check with its
   * figures, and the removals by site.
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
          "Only the held changes wait for approval (hold_scope = \"removals\"): the other"
              + " changes were made. Nothing held was written.";
    } else {
      scope = "The whole plan waits for approval: nothing was written.";
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
      // The likely cause is said once, first; a check's own cause only when it says more.
      c.put(
          "hasCause",
          !r.cause().isEmpty()
              && !v.likelyCause()
                  .toLowerCase(Locale.ROOT)
                  .contains(r.cause().toLowerCase(Locale.ROOT)));
      out.add(c);
    }
    return out;
  }

  /**
   * What the plan left alone: what was kept because it was made by hand (membership_scope =
   * "owned"), and the people missing from the file, with since when.
   */
  private static void keeping(RunSummary s, Map<String, Object> m) {
    Keeping k = s.plan() == null ? Keeping.NONE : s.plan().keeping();
    List<String> kept = new ArrayList<>(k.keptByHand().size());
    k.keptByHand().forEach(h -> kept.add(h.words(s.plan().nameOf(h.externalId()))));
    m.put("keptByHand", kept);
    m.put("keptByHandRoles", k.rolesKeptByHand());
    m.put("hasKeptByHand", !kept.isEmpty());
    List<String> missing = k.missingWords(id -> s.plan() == null ? "" : s.plan().nameOf(id));
    m.put("missing", missing);
    m.put("hasMissing", !missing.isEmpty());
  }

  /** The summary table: each kind of change in words, with what became of it. */
  private static void counts(RunSummary s, Map<String, Object> m) {
    List<KindCount> counts = KindCount.of(s);
    List<Map<String, Object>> rows = new ArrayList<>();
    int[] total = new int[5];
    boolean anyHeld = counts.stream().anyMatch(k -> k.held() > 0);
    for (KindCount k : counts) {
      rows.add(countRow(KindWords.label(k.kind()), k, anyHeld));
      total[0] += k.planned();
      total[1] += k.done();
      total[2] += k.failed();
      total[3] += k.skipped();
      total[4] += k.held();
    }
    KindCount all = new KindCount("total", total[0], total[1], total[2], total[3], total[4]);
    m.put("counts", rows);
    m.put("hasCounts", !rows.isEmpty());
    m.put("total", countRow("Total", all, anyHeld));
    m.put("hasHeldCounts", anyHeld);
    m.put(
        "countHeader",
        String.format(
            Locale.ROOT,
            "%-34s %8s %8s %8s %8s%s",
            "",
            "planned",
            "done",
            "failed",
            "skipped",
            anyHeld ? String.format(Locale.ROOT, " %8s", "held") : ""));
  }

  private static Map<String, Object> countRow(String label, KindCount k, boolean withHeld) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("label", label);
    row.put("planned", k.planned());
    row.put("done", k.done());
    row.put("failed", k.failed());
    row.put("skipped", k.skipped());
    row.put("held", k.held());
    row.put(
        "textRow",
        String.format(
            Locale.ROOT,
            "%-34s %8d %8d %8d %8d%s",
            label,
            k.planned(),
            k.done(),
            k.failed(),
            k.skipped(),
            withHeld ? String.format(Locale.ROOT, " %8d", k.held()) : ""));
    return row;
  }

  private static void failures(RunSummary s, Map<String, Object> m) {
    List<Map<String, Object>> failures = new ArrayList<>();
    Plan plan = s.plan();
    if (plan != null) {
      for (Change c : plan.changes()) {
        ChangeOutcome o = s.outcomes().get(c.key());
        if (ChangeOutcome.stateOf(o) != ChangeOutcome.State.FAILED) {
          continue;
        }
        String who = ChangeWords.who(plan, c);
        List<ChangeWords.Line> lines = ChangeWords.of(c);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("who", who);
        f.put("externalId", c.externalId());
        f.put("email", c.email());
        f.put("sentence", lines.get(0).sentence(who));
        f.put("kind", c.kind().id());
        f.put("error", o.error());
        f.put("httpStatus", o.httpStatus());
        f.put("attempts", Plural.of(o.attempts(), "attempt"));
        f.put(
            "search",
            String.join(" ", who, String.valueOf(c.externalId()), c.email(), lines.get(0).what())
                .toLowerCase(Locale.ROOT));
        failures.add(f);
      }
    }
    m.put("failures", failures);
    m.put("hasFailures", !failures.isEmpty());
    m.put("failureCount", Plural.of(failures.size(), "change"));
  }

  private static void errors(RunSummary s, Map<String, Object> m) {
    List<Map<String, Object>> errors = new ArrayList<>();
    if (s.plan() != null) {
      for (RowError e : s.plan().errors()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("line", e.line());
        row.put("position", e.position());
        row.put("field", e.field());
        row.put("who", person(e.name(), e.externalId(), e.email()));
        row.put("message", e.message());
        row.put(
            "search",
            (person(e.name(), e.externalId(), e.email()) + " " + e.message())
                .toLowerCase(Locale.ROOT));
        errors.add(row);
      }
    }
    m.put("errors", errors);
    m.put("hasErrors", !errors.isEmpty());
    m.put("errorCount", Plural.of(errors.size(), "row"));
  }

  private static void conflicts(RunSummary s, Map<String, Object> m) {
    List<Map<String, Object>> conflicts = new ArrayList<>();
    if (s.plan() != null) {
      for (Conflict c : s.plan().conflicts()) {
        String who = person(s.plan().nameOf(c.externalId()), c.externalId(), c.email());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("line", c.line());
        row.put("who", who);
        row.put("externalId", c.externalId());
        row.put("email", c.email());
        row.put("message", c.message());
        row.put("search", (who + " " + c.message()).toLowerCase(Locale.ROOT));
        conflicts.add(row);
      }
    }
    m.put("conflicts", conflicts);
    m.put("hasConflicts", !conflicts.isEmpty());
    m.put("conflictCount", Plural.people(conflicts.size()));
  }

  /** "Maria Gonzalez (E1001, maria@x.org)", with what the row has; empty when it has none. */
  static String person(String name, String externalId, String email) {
    List<String> keys = new ArrayList<>();
    if (externalId != null && !externalId.isEmpty()) {
      keys.add(externalId);
    }
    if (email != null && !email.isEmpty()) {
      keys.add(email);
    }
    String n = name == null ? "" : name;
    if (n.isEmpty()) {
      return String.join(", ", keys);
    }
    return keys.isEmpty() ? n : n + " (" + String.join(", ", keys) + ")";
  }
}
