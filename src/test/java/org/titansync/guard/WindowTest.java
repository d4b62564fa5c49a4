package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which runs the window holds, and which Titan an entry counts against. */
class WindowTest {
  private static final long NOW = 2_000_000_000L;

  private static WindowEntry at(String runId, long finishedAt) {
    return new WindowEntry(runId, finishedAt, "", new Tally(1, 0, 0, 0, 0, 0), 10, 10);
  }

  @Test
  void anEntryDatedAfterNowCountsAsNowAndTheOldOnesLeave() {
    Window w =
        Window.of(
            24,
            List.of(
                at("old", NOW - 25 * 3600),
                at("edge", NOW - 24 * 3600),
                at("today", NOW - 3600),
                at("ahead", NOW + 2 * 3600),
                at("far-ahead", NOW + 400 * 3600)),
            NOW);
    assertEquals(
        List.of("today", "ahead", "far-ahead"),
        w.entries().stream().map(WindowEntry::runId).toList());
    assertEquals(new Tally(3, 0, 0, 0, 0, 0), w.counted());
    assertEquals(List.of(), Window.of(0, List.of(at("ahead", NOW + 60)), NOW).entries());
  }

  @Test
  void theBuiltInSandboxAndEveryLoopbackTitanAreOneTitanAndNoOther() {
    WindowEntry box = new WindowEntry("b", NOW, "", Tally.ZERO, 1, 1, "sandbox");
    WindowEntry loop =
        new WindowEntry("l", NOW, "", Tally.ZERO, 1, 1, "http://127.0.0.1:4100/api/v1");
    WindowEntry real = new WindowEntry("r", NOW, "", Tally.ZERO, 1, 1, "https://t.example/api/v1");
    WindowEntry unknown = new WindowEntry("u", NOW, "", Tally.ZERO, 1, 1);

    assertTrue(box.wroteTo("http://localhost:9/api/v1"));
    assertTrue(loop.wroteTo("sandbox"));
    assertFalse(box.wroteTo("https://t.example/api/v1"));
    assertFalse(real.wroteTo("sandbox"));
    assertTrue(real.wroteTo("https://t.example/api/v1"));
    assertTrue(unknown.wroteTo("sandbox"), "a run whose Titan is not known counts everywhere");
  }
}
