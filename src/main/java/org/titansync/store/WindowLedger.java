package org.titansync.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.guard.PrivilegedRoles;
import org.titansync.guard.Tally;
import org.titansync.guard.WindowEntry;

/**
 * {@code logs/guard-window.json}: what each run that wrote to Titan changed, as the guardrails
 * count it, so that the window ({@code guardrails.window_hours}) adds runs up across restarts of
 * the daemon. A cache of the audit log, the source of what each run wrote, written ahead: a run's
 * entry is in it before its first write ({@link #starting}), and replaced by what it wrote as it
 * ends ({@link #ended}). The entry of a run that never ended (killed) is counted from its audit
 * lines by the next run that reads the window; a file that is missing is rebuilt from the audit
 * log. A file that is there but cannot be read is never taken as an empty window: it is {@link
 * Unreadable}, and the runs that write are held until it is repaired.
 *
 * <p>Rewritten whole and moved in place, so a crash leaves the old or the new file, never half of
 * one. It holds counts, no personal data. Written only by a run that holds the run lock.
 */
public final class WindowLedger {
  private static final Logger LOG = LoggerFactory.getLogger(WindowLedger.class);

  /** The file's name under logs/. */
  public static final String FILE = "guard-window.json";

  /** Entries older than the longest window allowed (720 h) are dropped when it is rewritten. */
  static final long KEEP_SECONDS = 720L * 3600;

  private static final TypeReference<List<WindowEntry>> ENTRIES = new TypeReference<>() {};

  private final StateFolder store;
  private final PrivilegedRoles privileged;

  /**
   * @param privileged the roles whose grants the window counts when it reads the audit log
   */
  public WindowLedger(StateFolder store, PrivilegedRoles privileged) {
    this.store = store;
    this.privileged = privileged;
  }

  /** The window's memory cannot be read: the message names what, and how to repair it. */
  public static final class Unreadable extends IOException {
    private static final long serialVersionUID = 1L;

    public Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public Path file() {
    return store.logs().resolve(FILE);
  }

  /**
   * The entries the file holds, oldest first; empty when there is no file. Fields it does not know
   * (a later version's) are passed over.
   *
   * @throws Unreadable when the file is there but is not a regular file, cannot be read, or is not
   *     a window titan-sync wrote
   */
  public Optional<List<WindowEntry>> stored() throws Unreadable {
    Path f = file();
    if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      throw damaged("is not a regular file (" + kind(f) + ")", null);
    }
    List<WindowEntry> entries;
    try {
      entries = StoreJson.reader(ENTRIES).readValue(f.toFile());
    } catch (JacksonException e) {
      throw damaged(
          "is not a window titan-sync wrote ("
              + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())
              + ")",
          e);
    } catch (IOException e) {
      throw damaged("cannot be read (" + e + ")", e);
    }
    if (entries == null || entries.stream().anyMatch(e -> e == null || e.runId() == null)) {
      throw damaged("is not a window titan-sync wrote (an entry without a run id)", null);
    }
    return Optional.of(entries);
  }

  /**
   * The runs of the window as it stands: the file's entries, the runs among them that never ended
   * counted from the audit log, or, when there is no file, every run of the audit log of the last
   * 720 hours. What the audit log told is kept in the file when {@code keep} (the caller holds the
   * run lock), so that it is read once.
   *
   * @throws Unreadable when the file, or the audit log it needs, cannot be read
   */
  public List<WindowEntry> entries(AuditLog audit, boolean keep) throws Unreadable {
    long now = Instant.now().getEpochSecond();
    Optional<List<WindowEntry>> stored = stored();
    AuditWindow told = new AuditWindow(audit, privileged);
    if (stored.isEmpty()) {
      // Deleting or moving the file is no way around the limits: the audit log says it all again.
      List<WindowEntry> rebuilt = told.runsSince(now - KEEP_SECONDS, now);
      if (keep) {
        if (!rebuilt.isEmpty()) {
          LOG.warn(
              "{} was missing: rebuilt from the audit log {} ({} runs in the last 720 h)",
              file(),
              audit.file(),
              rebuilt.size());
        }
        keep(rebuilt, now);
      }
      return rebuilt;
    }
    List<WindowEntry> writing = stored.get().stream().filter(WindowEntry::writing).toList();
    if (writing.isEmpty()) {
      return stored.get();
    }
    List<WindowEntry> counted = told.ended(writing, now);
    List<WindowEntry> all = new ArrayList<>();
    for (WindowEntry e : stored.get()) {
      all.add(e.writing() ? counted.get(writing.indexOf(e)) : e);
    }
    if (keep) {
      keep(all, now);
      for (WindowEntry e : counted) {
        LOG.warn(
            "run {} started writing and never ended (it was stopped): counted from the audit log"
                + " in the guardrails' window",
            e.runId());
      }
    }
    return all;
  }

  /** Keeps what the audit log told; should the file not take it, the next run reads it again. */
  private void keep(List<WindowEntry> entries, long now) {
    try {
      write(entries, now);
    } catch (IOException e) {
      LOG.warn(
          "could not write {} ({}): the next run reads the audit log again", file(), e.toString());
    }
  }

  /**
   * A run starts writing: its entry (what it plans to write, an upper bound) is in the file before
   * its first write, so a run killed mid-way is never missing from the window.
   *
   * @throws Unreadable when the file cannot be read: the run must not write
   */
  public synchronized void starting(WindowEntry entry) throws IOException {
    replace(entry.runId(), entry);
  }

  /**
   * A run ended: its entry now says what it wrote (every write that may have been made); a run that
   * wrote nothing leaves none.
   */
  public synchronized void ended(WindowEntry entry) throws IOException {
    replace(entry.runId(), entry.tally().equals(Tally.ZERO) ? null : entry);
  }

  private void replace(String runId, WindowEntry entry) throws IOException {
    List<WindowEntry> kept = new ArrayList<>();
    for (WindowEntry e : stored().orElse(List.of())) {
      if (!e.runId().equals(runId)) {
        kept.add(e);
      }
    }
    if (entry != null) {
      kept.add(entry);
    }
    write(kept, Instant.now().getEpochSecond());
  }

  private void write(List<WindowEntry> entries, long now) throws IOException {
    List<WindowEntry> kept = new ArrayList<>();
    for (WindowEntry e : entries) {
      if (e.finishedAt() > now - KEEP_SECONDS) {
        kept.add(e);
      }
    }
    OwnerOnly.createDirectories(store.logs());
    store.writeJson(file(), kept);
  }

  private Unreadable damaged(String why, Throwable cause) {
    Path f = file();
    return new Unreadable(
        "the guardrails' window "
            + f
            + " "
            + why
            + ", so what earlier runs changed is unknown: every run that writes is held until it"
            + " is repaired. Move it aside (mv "
            + f
            + " "
            + f
            + ".damaged); the next run rebuilds it from the audit log "
            + store.audit().file(),
        cause);
  }

  private static String kind(Path f) {
    if (Files.isSymbolicLink(f)) {
      return "a symbolic link";
    }
    if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
      return "a folder";
    }
    return "not a file titan-sync writes";
  }
}
