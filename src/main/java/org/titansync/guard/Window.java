package org.titansync.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * The runs that wrote to Titan in the last {@code guardrails.window_hours}: the guardrails add
 * their changes to the run's own, so that harm spread over several files is held like the same harm
 * in one. Changes an approval (or the first load) covered are shown but raise the ceiling by
 * exactly themselves: they neither count against the limits nor reset the window.
 *
 * @param hours the window's length
 * @param entries the runs that finished within it, oldest first
 */
public record Window(int hours, List<WindowEntry> entries) {
  public Window {
    entries = List.copyOf(entries);
  }

  /** No earlier runs (the first run, or a window of 0 hours). */
  public static Window none(int hours) {
    return new Window(hours, List.of());
  }

  /**
   * The entries of {@code all} that finished within {@code hours} before {@code now}. An entry
   * dated after now counts as now: another machine sharing the logs folder may run ahead of this
   * one's clock, and what it wrote is no less written.
   */
  public static Window of(int hours, List<WindowEntry> all, long now) {
    long since = now - hours * 3600L;
    List<WindowEntry> in = new ArrayList<>();
    for (WindowEntry e : all) {
      if (Math.min(e.finishedAt(), now) > since) {
        in.add(e);
      }
    }
    return new Window(hours, in);
  }

  /**
   * The same window without one run: a revert is judged without the run it undoes, whose changes
   * are the ones it takes back.
   */
  public Window without(String runId) {
    return new Window(hours, entries.stream().filter(e -> !e.runId().equals(runId)).toList());
  }

  /** The earlier runs' changes that count against the limits. */
  public Tally counted() {
    Tally t = Tally.ZERO;
    for (WindowEntry e : entries) {
      if (!e.covered()) {
        t = t.plus(e.tally());
      }
    }
    return t;
  }

  /** The earlier runs' changes an approval or the first load covered. */
  public Tally excused() {
    Tally t = Tally.ZERO;
    for (WindowEntry e : entries) {
      if (e.covered()) {
        t = t.plus(e.tally());
      }
    }
    return t;
  }

  /** The most accounts titan-sync managed at any run of the window, at least {@code now}. */
  public int managedUsers(int now) {
    int most = now;
    for (WindowEntry e : entries) {
      most = Math.max(most, e.managedUsers());
    }
    return most;
  }

  /** The most memberships titan-sync managed at any run of the window, at least {@code now}. */
  public int managedMemberships(int now) {
    int most = now;
    for (WindowEntry e : entries) {
      most = Math.max(most, e.managedMemberships());
    }
    return most;
  }
}
