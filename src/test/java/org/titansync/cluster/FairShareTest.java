package org.titansync.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The rule by which a ZooKeeper process gives districts up ({@link FairShare}). */
class FairShareTest {
  private static FairShare.Election led(String district, String... queue) {
    return new FairShare.Election(district, Optional.of(queue[0]), List.of(queue));
  }

  private static List<FairShare.Election> firstUpLeadsAll(int districts, String... queue) {
    return IntStream.rangeClosed(1, districts)
        .mapToObj(i -> led(String.format("d%02d", i), queue))
        .toList();
  }

  private static Set<String> namespaces(List<FairShare.Election> elections) {
    Set<String> all = new TreeSet<>();
    elections.forEach(e -> all.add(e.namespace()));
    return all;
  }

  @Test
  void theShareIsTheDistrictsOverTheProcessesRoundedUp() {
    assertEquals(4, FairShare.share(12, 3));
    assertEquals(5, FairShare.share(13, 3));
    assertEquals(12, FairShare.share(12, 0));
  }

  @Test
  void theFirstProcessUpGivesTheNextInLineAsManyAsItLacks() {
    List<FairShare.Election> all = firstUpLeadsAll(12, "a", "b", "c");
    Set<String> led = namespaces(all);
    List<String> given = FairShare.surplus("a", all, led, led, 3);
    // b is next in every election and lacks four; c is never next, so waits for b to pass on.
    assertEquals(List.of("d12", "d11", "d10", "d09"), given);
  }

  @Test
  void aProcessWithinItsShareGivesNothingUp() {
    List<FairShare.Election> all = firstUpLeadsAll(4, "a", "b", "c");
    Set<String> led = namespaces(all);
    assertEquals(List.of(), FairShare.surplus("a", all, led, led, 1));
    assertEquals(List.of(), FairShare.surplus("a", all.subList(0, 2), Set.of("d01"), led, 2));
  }

  @Test
  void aDistrictNobodyElseStandsForIsKept() {
    List<FairShare.Election> all = firstUpLeadsAll(6, "a");
    Set<String> led = namespaces(all);
    assertEquals(List.of(), FairShare.surplus("a", all, led, led, 3));
  }

  @Test
  void aDistrictJustTakenIsNotGivenUp() {
    List<FairShare.Election> all = firstUpLeadsAll(12, "a", "b");
    Set<String> led = namespaces(all);
    assertEquals(List.of("d02", "d01"), FairShare.surplus("a", all, led, Set.of("d01", "d02"), 2));
  }

  @Test
  void whenTheNextInLineHasItsShareOneDistrictGoesToItToPassOn() {
    List<FairShare.Election> all = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      all.add(led("a" + i, "a", "b", "c"));
    }
    for (int i = 1; i <= 4; i++) {
      all.add(led("b" + i, "b", "c", "a"));
    }
    for (int i = 1; i <= 3; i++) {
      all.add(led("c" + i, "c", "a", "b"));
    }
    Set<String> mine = Set.of("a1", "a2", "a3", "a4", "a5");
    assertEquals(List.of("a5"), FairShare.surplus("a", all, mine, mine, 3));
  }

  /** Giving up, step by step, as the processes would: it ends 4/4/4 from 12/0/0. */
  @Test
  void repeatedLooksSpreadTwelveOverThree() {
    List<List<String>> queues = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      queues.add(new ArrayList<>(List.of("a", "b", "c")));
    }
    for (int round = 0; round < 20; round++) {
      for (String me : List.of("a", "b", "c")) {
        List<FairShare.Election> all = new ArrayList<>();
        Set<String> mine = new TreeSet<>();
        for (int i = 0; i < 12; i++) {
          String name = String.format("d%02d", i);
          all.add(led(name, queues.get(i).toArray(String[]::new)));
          if (queues.get(i).get(0).equals(me)) {
            mine.add(name);
          }
        }
        for (String given : FairShare.surplus(me, all, mine, mine, 3)) {
          List<String> queue = queues.get(Integer.parseInt(given.substring(1)));
          queue.remove(me);
          queue.add(me); // stands again at the back
        }
      }
    }
    for (String me : List.of("a", "b", "c")) {
      long count = queues.stream().filter(q -> q.get(0).equals(me)).count();
      assertEquals(4, count, me + " leads " + count + ": " + queues);
    }
  }
}
