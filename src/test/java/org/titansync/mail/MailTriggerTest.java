package org.titansync.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.titansync.run.RunSummary;

/** email.send_on: which runs send mail. */
class MailTriggerTest {
  private static final Set<String> DEFAULT = Set.of("changes", "held", "failed", "errors");

  private static Optional<String> match(Set<String> sendOn, RunSummary run) {
    return MailTrigger.match(sendOn, run);
  }

  @Test
  void theDefaultMailsAppliedHeldFailedAndRowErrorsButNotQuietRuns() {
    assertEquals(Optional.of("changes"), match(DEFAULT, Runs.applied()));
    assertEquals(Optional.of("held"), match(DEFAULT, Runs.held()));
    assertEquals(Optional.of("failed"), match(DEFAULT, Runs.partlyFailed()));
    assertEquals(Optional.of("failed"), match(DEFAULT, Runs.unreachable()));
    assertEquals(
        Optional.of("errors"), match(DEFAULT, Runs.nothingToDo(List.of(Runs.rowError(7)))));
    assertEquals(Optional.empty(), match(DEFAULT, Runs.nothingToDo(List.of())));
    assertEquals(Optional.empty(), match(DEFAULT, Runs.dryRun()));
  }

  @Test
  void eachWordStandsAlone() {
    assertEquals(Optional.empty(), match(Set.of("held"), Runs.applied()));
    assertEquals(Optional.of("held"), match(Set.of("held"), Runs.held()));
    assertEquals(Optional.empty(), match(Set.of("failed"), Runs.held()));
    assertEquals(Optional.empty(), match(Set.of("changes"), Runs.unreachable()));
    // A partly failed run wrote something: "changes" alone mails it too.
    assertEquals(Optional.of("changes"), match(Set.of("changes"), Runs.partlyFailed()));
    assertEquals(Optional.empty(), match(Set.of("errors"), Runs.applied()));
    assertEquals(Optional.empty(), match(Set.of(), Runs.unreachable()));
  }

  @Test
  void aDryRunMailsOnlyWithAlways() {
    assertEquals(
        Optional.empty(), match(Set.of("changes", "held", "failed", "errors"), Runs.dryRun()));
    assertEquals(Optional.of("always"), match(Set.of("always"), Runs.dryRun()));
    assertEquals(Optional.of("always"), match(Set.of("always"), Runs.nothingToDo(List.of())));
  }
}
