package org.titansync.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.titansync.plan.Change;
import org.titansync.plan.PersonMoves;
import org.titansync.plan.Plan;
import org.titansync.run.ChangeOutcome;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;

/**
 * A run's changes one school at a time, as a principal reads them: a person at two schools shows
 * under each, never under a heading that joins the two. Changes to the account itself (name, email,
 * status) come first, under their own heading, as they belong to no one school.
 */
public final class SchoolSections {
  /** The heading of the changes to accounts, which belong to no one school. */
  public static final String ACCOUNTS = "Accounts (every school)";

  private SchoolSections() {}

  /**
   * One school and what happens there.
   *
   * @param people how many different people the lines name
   */
  public record Section(String school, List<Row> rows, int people) {
    public int count() {
      return rows.size();
    }

    /** "3 changes for 2 people", "1 change for 1 person". */
    public String countWords() {
      return Plural.of(rows.size(), "change") + " for " + Plural.people(people);
    }

    /** True for the section of account changes. */
    public boolean accounts() {
      return ACCOUNTS.equals(school);
    }
  }

  /**
   * One line of a section.
   *
   * @param who the person's name (else email or key)
   * @param externalId the person's SIS key, may be null
   * @param email may be empty
   * @param what what happens to them, after their name
   * @param sentence who and what as one sentence
   * @param state the outcome's word: planned, done, failed, skipped, held
   * @param stateWords the outcome as a reader says it: "done", "waits for approval"
   * @param error Titan's answer or why it was skipped; null when none
   * @param search lower-cased text the report's search box matches
   */
  public record Row(
      String who,
      String externalId,
      String email,
      String what,
      String sentence,
      String state,
      String stateWords,
      boolean failed,
      String error,
      String search) {}

  /** Every school the run's plan touches, in name order, the accounts first. */
  public static List<Section> of(RunSummary s) {
    Plan plan = s.plan();
    if (plan == null) {
      return List.of();
    }
    List<Row> accounts = new ArrayList<>();
    Map<String, List<Row>> schools = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, String> spelling = new LinkedHashMap<>();
    PersonMoves moves = PersonMoves.of(plan);
    for (Change c : plan.changes()) {
      ChangeOutcome o = s.outcomes().get(c.key());
      ChangeOutcome.State state = ChangeOutcome.stateOf(o);
      if (state == ChangeOutcome.State.PLANNED && s.status() == RunStatus.HELD) {
        state = ChangeOutcome.State.HELD;
      }
      String who = ChangeWords.who(plan, c);
      // A person who leaves one school and joins another in the same plan moves: both lines say so.
      String move = moves.of(c);
      for (ChangeWords.Line said : ChangeWords.of(c)) {
        ChangeWords.Line line =
            move == null
                ? said
                : new ChangeWords.Line(said.school(), said.what() + " (" + move + ")");
        Row row = row(c, who, line, state, o, s.dryRun());
        if (line.school().isEmpty()) {
          accounts.add(row);
        } else {
          spelling.putIfAbsent(line.school().toLowerCase(Locale.ROOT), line.school());
          schools.computeIfAbsent(line.school(), k -> new ArrayList<>()).add(row);
        }
      }
    }
    List<Section> out = new ArrayList<>();
    if (!accounts.isEmpty()) {
      out.add(section(ACCOUNTS, accounts));
    }
    schools.forEach(
        (school, rows) ->
            out.add(section(spelling.getOrDefault(school.toLowerCase(Locale.ROOT), school), rows)));
    return out;
  }

  private static Section section(String school, List<Row> rows) {
    rows.sort(
        (a, b) -> {
          int byName = a.who().compareToIgnoreCase(b.who());
          return byName != 0 ? byName : a.what().compareTo(b.what());
        });
    long people = rows.stream().map(r -> r.externalId() + "\u0000" + r.who()).distinct().count();
    return new Section(school, List.copyOf(rows), (int) people);
  }

  private static Row row(
      Change c,
      String who,
      ChangeWords.Line line,
      ChangeOutcome.State state,
      ChangeOutcome o,
      boolean dryRun) {
    String email = c.email() == null ? "" : c.email();
    String search =
        String.join(
                " ",
                who,
                c.externalId() == null ? "" : c.externalId(),
                email,
                line.school(),
                line.what())
            .toLowerCase(Locale.ROOT);
    return new Row(
        who,
        c.externalId(),
        email,
        line.what(),
        line.sentence(who),
        state.id(),
        stateWords(state, dryRun),
        state == ChangeOutcome.State.FAILED,
        o == null ? null : o.error(),
        search);
  }

  /** The outcome as a reader says it. */
  static String stateWords(ChangeOutcome.State state, boolean dryRun) {
    return switch (state) {
      case PLANNED -> dryRun ? "would be made" : "not made";
      case DONE -> "done";
      case FAILED -> "failed";
      case SKIPPED -> "skipped";
      case HELD -> "waits for approval";
    };
  }
}
