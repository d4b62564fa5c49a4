package org.titansync.daemon;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.run.ShownName;

/**
 * Readiness: the inbox moves. DOWN, with the reason, while a file is stuck (its run failed {@link
 * #FAILURES_DOWN} times in a row, or it could not be moved out of the inbox) or while another
 * process holds the inbox lock, so that this daemon processes nothing. Every change of state is
 * logged once, when it happens, never at every poll or probe.
 */
public final class InboxReadiness extends AbstractHealthCheck {
  /** Failed runs of one file in a row after which the inbox counts as stuck. */
  static final int FAILURES_DOWN = 3;

  private static final Logger LOG = LoggerFactory.getLogger(InboxReadiness.class);

  private final Map<Path, Integer> failures = new LinkedHashMap<>();
  private final Map<Path, String> stuck = new LinkedHashMap<>();
  private final Path lockDir;
  private Lock lock = Lock.STARTING;
  private String configStale;

  /** Who holds the inbox lock, as this daemon last saw it. */
  enum Lock {
    STARTING,
    HELD_HERE,
    HELD_ELSEWHERE
  }

  /**
   * @param lockDir the folder of the inbox lock ({@code daemon.lock_dir}), named in messages
   */
  public InboxReadiness(Path lockDir) {
    super("titan-sync", "inbox");
    this.lockDir = lockDir;
  }

  @Override
  public boolean isLiveness() {
    return false;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    List<String> problems = problems();
    if (problems.isEmpty()) {
      builder.up();
    } else {
      builder.message(String.join("; ", problems)).down();
    }
  }

  /** What keeps the inbox from moving, empty when nothing does. */
  public synchronized List<String> problems() {
    List<String> problems = problemsBesideTheLock();
    if (lock == Lock.STARTING) {
      problems.add("not yet holding the inbox lock in " + lockDir);
    } else if (lock == Lock.HELD_ELSEWHERE) {
      problems.add(elsewhere());
    }
    return problems;
  }

  /**
   * The files stuck in the inbox and a stale config, not the lock: a district's share of {@code run
   * --districts}, whose leadership the host reports.
   */
  public synchronized List<String> problemsBesideTheLock() {
    // A stuck file moved out by hand is stuck no more.
    for (Path file : List.copyOf(stuck.keySet())) {
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        cleared(file);
      }
    }
    List<String> problems = new ArrayList<>(stuck.values());
    if (configStale != null) {
      problems.add(configStale);
    }
    return problems;
  }

  /** A run of {@code file} failed (Titan unreachable, an unexpected error): counted. */
  public synchronized void failed(Path file, String why) {
    int count = failures.merge(file, 1, Integer::sum);
    if (count == FAILURES_DOWN) {
      String problem =
          "inbox stuck: "
              + ShownName.of(file)
              + " failed "
              + count
              + " times in a row (last: "
              + why
              + "); newer files wait behind it";
      stuck.put(file, problem);
      LOG.error("{}; readiness is DOWN until it goes through or is moved out", problem);
    }
  }

  /**
   * {@code file} could not be moved out of the inbox after its run, nor to quarantine: it stays, is
   * not run again, and newer files pass it.
   */
  public synchronized void setAside(Path file, String why) {
    String problem =
        "inbox stuck: "
            + ShownName.of(file)
            + " could not be moved out of the inbox ("
            + why
            + "); it is not processed again until it is moved out by hand or changed";
    if (stuck.put(file, problem) == null) {
      LOG.error("{}; readiness is DOWN", problem);
    }
  }

  /** Why the config the daemon runs with is stale ({@link ConfigWatch}); null when it is not. */
  public synchronized void configStale(String why) {
    if (java.util.Objects.equals(why, configStale)) {
      return;
    }
    configStale = why;
    if (why != null) {
      LOG.error("{}; readiness is DOWN", why);
    } else {
      LOG.info("the config file is again the one the daemon started with; runs start again");
    }
  }

  /** {@code file} went through (or left the inbox): whatever was stuck about it is over. */
  public synchronized void cleared(Path file) {
    failures.remove(file);
    if (stuck.remove(file) != null) {
      LOG.info("{} no longer stuck in the inbox", ShownName.of(file));
    }
  }

  /** What the lock watcher saw: whether this daemon holds the inbox lock. */
  public synchronized void lockHeld(boolean here) {
    Lock now = here ? Lock.HELD_HERE : Lock.HELD_ELSEWHERE;
    if (now == lock) {
      return;
    }
    Lock before = lock;
    lock = now;
    if (here) {
      LOG.info(
          "this daemon holds the inbox lock in {} and processes the inbox{}",
          lockDir,
          before == Lock.HELD_ELSEWHERE ? " (taken over from the other holder)" : "");
    } else {
      LOG.warn("{}; readiness is DOWN", elsewhere());
    }
  }

  private String elsewhere() {
    return "the inbox lock in "
        + lockDir
        + " is held by another process (another titan-sync daemon on this inbox?): this daemon"
        + " processes nothing and stands by until the lock is free";
  }
}
