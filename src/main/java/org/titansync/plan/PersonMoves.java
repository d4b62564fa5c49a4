package org.titansync.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * People of a plan who move: they leave a site and join another in the same plan, which the reports
 * say as one move ("moves from Adams Elementary to Lincoln Elementary") rather than a join and a
 * leave without a link.
 */
public final class PersonMoves {
  private final Map<String, Move> byExternalId;

  private PersonMoves(Map<String, Move> byExternalId) {
    this.byExternalId = byExternalId;
  }

  /**
   * One person's move.
   *
   * @param from the sites left (their names), in plan order
   * @param to the sites joined
   */
  public record Move(List<String> from, List<String> to) {
    public Move {
      from = List.copyOf(from);
      to = List.copyOf(to);
    }

    /** "moves from Adams Elementary to Lincoln Elementary". */
    public String words() {
      return "moves from " + String.join(", ", from) + " to " + String.join(", ", to);
    }
  }

  /** The moves of a plan: people still in the file who leave a site and join another. */
  public static PersonMoves of(Plan plan) {
    Map<String, List<String>> left = new LinkedHashMap<>();
    Map<String, List<String>> joined = new HashMap<>();
    for (Change c : plan.changes()) {
      if (c instanceof RemoveMembership r && !r.personGone()) {
        left.computeIfAbsent(r.externalId(), k -> new ArrayList<>(1)).add(r.siteName());
      } else if (c instanceof SetRoles s && s.beforeRoleIds().isEmpty()) {
        joined.computeIfAbsent(s.externalId(), k -> new ArrayList<>(1)).add(s.siteName());
      }
    }
    Map<String, Move> moves = new HashMap<>();
    left.forEach(
        (person, from) -> {
          List<String> to = joined.get(person);
          if (to != null) {
            moves.put(person, new Move(from, to));
          }
        });
    return new PersonMoves(Map.copyOf(moves));
  }

  /** The move of a person, or null when they do not move. */
  public Move of(String externalId) {
    return byExternalId.get(externalId);
  }

  /**
   * The move a change is part of, in words, or null: the leave and the join of a move each name it.
   */
  public String of(Change change) {
    if ((change instanceof RemoveMembership r && !r.personGone())
        || (change instanceof SetRoles s && s.beforeRoleIds().isEmpty())) {
      Move move = byExternalId.get(change.externalId());
      return move == null ? null : move.words();
    }
    return null;
  }

  public boolean isEmpty() {
    return byExternalId.isEmpty();
  }
}
