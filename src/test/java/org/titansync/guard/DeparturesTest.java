package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.guard.SamplePlans.plan;
import static org.titansync.guard.SamplePlans.remove;

import org.junit.jupiter.api.Test;

class DeparturesTest {

  @Test
  void aPersonGoneFromTheFileCountsOnceWhateverTheyLose() {
    Departures d =
        Departures.of(
            plan()
                .add(remove("E1", "Lincoln", true))
                .add(remove("E1", "Adams", true))
                .gone("Grant", 2)
                .deactivations(1)
                .leftSite("Adams", 3)
                .build());

    assertEquals(4, d.gone(), "E1, the two gone at Grant, and the one deactivated");
    assertEquals(3, d.leftSite());
    assertEquals(3, d.sites());
    assertTrue(d.mostlyGone());
  }

  @Test
  void peopleMovedAwayFromASiteExplainMoreWhenTheyAreMore() {
    Departures d = Departures.of(plan().gone("Lincoln", 1).leftSite("Lincoln", 2).build());

    assertFalse(d.mostlyGone());
    assertEquals(1, d.sites());
  }

  @Test
  void aTieIsReadAsPeopleGone() {
    assertTrue(Departures.of(plan().gone("A", 2).leftSite("B", 2).build()).mostlyGone());
    assertTrue(Departures.of(plan().build()).mostlyGone());
  }
}
