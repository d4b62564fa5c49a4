package org.titansync.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which districts a process gives up so that the districts spread over the processes: its share is
 * the districts divided by the live processes, rounded up, and it gives up only what it leads
 * beyond that. Decided from one look at every district's election, without I/O, so that the rule
 * can be read and tested on its own.
 */
final class FairShare {
  private FairShare() {}

  /**
   * One district's election as seen at one moment.
   *
   * @param namespace the district's namespace
   * @param leader who leads it, if anyone
   * @param queue the candidates in the order the election will pick them, the leader first
   */
  record Election(String namespace, Optional<String> leader, List<String> queue) {
    Election {
      queue = List.copyOf(queue);
    }

    /** The candidate who would lead next if {@code me} left: the first in line but the leader. */
    Optional<String> nextAfter(String me) {
      return queue.stream()
          .filter(id -> !id.equals(me) && !leader.map(id::equals).orElse(false))
          .findFirst();
    }
  }

  /** The share of one process: the districts divided by the processes, rounded up. */
  static int share(int districts, int processes) {
    int n = Math.max(1, processes);
    return (districts + n - 1) / n;
  }

  /**
   * The namespaces {@code me} gives up now.
   *
   * <p>First those whose next candidate is below its share (at most as many as it lacks), so that a
   * district goes where it is wanted. When none is, one district is given up to whoever is next: if
   * that process is then over its share it gives one up in turn, and since the shares add up to at
   * least the districts, one below its share is always found further on. A district with no other
   * candidate is never given up: it would only come back here after a gap.
   *
   * @param elections the elections of the districts this process serves
   * @param ledHere the namespaces this process leads now
   * @param settled those of {@code ledHere} that may be given up now
   * @param processes the live processes, this one included
   */
  static List<String> surplus(
      String me,
      List<Election> elections,
      Set<String> ledHere,
      Set<String> settled,
      int processes) {
    int share = share(elections.size(), processes);
    int over = ledHere.size() - share;
    if (over <= 0) {
      return List.of();
    }
    Map<String, Integer> lacking = new HashMap<>();
    for (Election election : elections) {
      election.queue().forEach(id -> lacking.putIfAbsent(id, share));
    }
    for (Election election : elections) {
      election.leader().ifPresent(id -> lacking.merge(id, -1, Integer::sum));
    }
    // The last by name first, so that every process over its share looks in the same order.
    List<Election> mine =
        elections.stream()
            .filter(e -> ledHere.contains(e.namespace()) && settled.contains(e.namespace()))
            .sorted(Comparator.comparing(Election::namespace).reversed())
            .toList();
    List<String> giveUp = new ArrayList<>();
    for (Election election : mine) {
      if (giveUp.size() == over) {
        break;
      }
      Optional<String> next = election.nextAfter(me);
      if (next.isPresent() && lacking.getOrDefault(next.get(), 0) > 0) {
        giveUp.add(election.namespace());
        lacking.merge(next.get(), -1, Integer::sum);
      }
    }
    if (giveUp.isEmpty()) {
      mine.stream()
          .filter(e -> e.nextAfter(me).isPresent())
          .findFirst()
          .ifPresent(e -> giveUp.add(e.namespace()));
    }
    return List.copyOf(giveUp);
  }
}
