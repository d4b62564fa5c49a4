package org.titansync.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.plan.Missing;
import org.titansync.plan.Ownership;
import org.titansync.plan.OwnershipDelta;
import org.titansync.run.MemoryRead;

/**
 * What titan-sync remembers of one Titan between runs: what it owns there (per person, site and
 * role) and who has been missing from the file since when. Kept in {@code logs/memory/<key>.json},
 * one file per Titan (the built-in sandbox and the district's Titan never share one), beside the
 * audit log: what it owns is rebuilt from the audit log's ownership lines ({@link AuditOwned}) when
 * the file is missing, and the lines of a run killed mid-way are added from there.
 *
 * <p>A run that changes what titan-sync owns marks itself in the file and puts its ownership lines
 * in the audit log before its first write ({@link #starting}); as it ends, the file says what it
 * owns and who is missing after it ({@link #ended}). A file that is there but cannot be read is
 * never taken as "nothing owned": it is {@link WindowLedger.Unreadable}, and runs are held.
 *
 * <p>Read and written through the state folder's one JSON mapping ({@link StoreJson}); rewritten
 * whole and moved in place; readable by its owner only (it holds emails). Written only by a run
 * that holds the run lock.
 */
public final class TitanMemory {
  private static final Logger LOG = LoggerFactory.getLogger(TitanMemory.class);

  /** The folder under logs/. */
  public static final String FOLDER = "memory";

  private final StateFolder store;
  private final String titan;

  /**
   * @param titan the Titan's identity: its base URL, or {@code sandbox}
   */
  public TitanMemory(StateFolder store, String titan) {
    this.store = store;
    this.titan = titan;
  }

  /**
   * The file as it is stored.
   *
   * @param writing a run that started writing and has not ended (killed, if no run is in flight)
   * @param writingSince when it started writing, epoch seconds
   * @param owned external_id -> site id -> role ids
   */
  record Stored(
      String titan,
      String lastRun,
      String writing,
      long writingSince,
      @JsonDeserialize(using = OwnedJson.class) Map<String, Map<String, Set<String>>> owned,
      List<MissingEntry> missing) {}

  /** One person missing, as stored. */
  record MissingEntry(String externalId, String email, String since, String sinceRun, int runs) {}

  /** The file of this Titan: a short hash of its identity, so that no URL becomes a file name. */
  public Path file() {
    return store.logs().resolve(FOLDER).resolve(key(titan) + ".json");
  }

  static String key(String titan) {
    if ("sandbox".equals(titan)) {
      return "sandbox";
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(titan.getBytes(StandardCharsets.UTF_8));
      return "titan-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /**
   * What titan-sync owns in this Titan and who is missing: the file, with the ownership lines of a
   * run that started writing and never ended added from the audit log; or, with no file, what the
   * audit log's ownership lines say (who is missing then starts again). With neither, this is the
   * first run against this Titan.
   *
   * @throws WindowLedger.Unreadable when the file, or the audit log it needs, cannot be read
   */
  public MemoryRead read() throws WindowLedger.Unreadable {
    Path f = file();
    if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
      return rebuilt();
    }
    Stored stored = stored(f);
    Ownership ownership = Ownership.of(stored.owned() == null ? Map.of() : stored.owned());
    if (stored.writing() != null && !stored.writing().isEmpty()) {
      String runId = stored.writing();
      List<OwnershipDelta> lines = new ArrayList<>();
      new AuditScan(store.audit())
          .scan(
              stored.writingSince() - 60,
              text -> text.startsWith(OWNED_LINE) && text.contains(runId),
              line -> {
                if (line instanceof AuditOwned o && o.runId().equals(runId) && mine(o)) {
                  lines.add(delta(o));
                }
              });
      for (OwnershipDelta d : lines) {
        ownership = ownership.after(d);
      }
      LOG.warn(
          "run {} started writing to {} and never ended (it was stopped): what it named and may"
              + " have granted is owned, from its {} ownership lines in the audit log",
          runId,
          titan,
          lines.size());
    }
    boolean asStored = stored.writing() == null || stored.writing().isEmpty();
    Map<String, Missing> missing = new HashMap<>();
    if (stored.missing() != null) {
      for (MissingEntry m : stored.missing()) {
        missing.put(
            m.externalId(),
            new Missing(
                m.externalId(), m.email(), Instant.parse(m.since()), m.sinceRun(), m.runs()));
      }
    }
    return MemoryRead.of(ownership, missing, asStored);
  }

  private static final String OWNED_LINE = "{\"type\":\"" + AuditOwned.TYPE + "\"";

  /** With no file: the audit log's ownership lines of this Titan, oldest first. */
  private MemoryRead rebuilt() throws WindowLedger.Unreadable {
    List<OwnershipDelta> lines = new ArrayList<>();
    new AuditScan(store.audit())
        .scan(
            0,
            text -> text.startsWith(OWNED_LINE),
            line -> {
              if (line instanceof AuditOwned o && mine(o)) {
                lines.add(delta(o));
              }
            });
    if (lines.isEmpty()) {
      return MemoryRead.of(Ownership.atFirstRun(), Map.of(), false);
    }
    Ownership ownership = Ownership.of(Map.of());
    for (OwnershipDelta d : lines) {
      ownership = ownership.after(d);
    }
    LOG.warn(
        "{} was missing: what titan-sync owns in {} was rebuilt from the audit log {} ({} lines);"
            + " who is missing from the file is counted again from this run",
        file(),
        titan,
        store.audit().file(),
        lines.size());
    return MemoryRead.of(ownership, Map.of(), false);
  }

  private boolean mine(AuditOwned line) {
    return titan.equals(line.titan());
  }

  private static OwnershipDelta delta(AuditOwned o) {
    return new OwnershipDelta(
        one(o.externalId(), o.adopted()),
        one(o.externalId(), o.named()),
        one(o.externalId(), o.released()));
  }

  private static Map<String, Map<String, Set<String>>> one(
      String externalId, Map<String, Set<String>> sites) {
    return sites.isEmpty() ? Map.of() : Map.of(externalId, sites);
  }

  /**
   * A run starts writing (or ends without writing) and changes what titan-sync owns: the file names
   * it and keeps what it owned before, then the run's ownership lines go into the audit log
   * (forced), all before its first write.
   *
   * @param before what the run planned with
   * @throws IOException when either could not be written: the run must not write
   */
  public synchronized void starting(
      String runId, Instant now, MemoryRead before, OwnershipDelta delta) throws IOException {
    write(runId, runId, now.getEpochSecond(), before.ownership(), before.missing().values());
    store.audit().owned(lines(runId, now, delta));
  }

  /**
   * A run ended: the file says what titan-sync owns after it and who is missing. What its writes
   * took away is released in the audit log too, so that a rebuild gives the same.
   *
   * @param taken what the run's writes took away, released
   */
  public synchronized void ended(
      String runId, Instant now, Ownership after, OwnershipDelta taken, List<Missing> missingAfter)
      throws IOException {
    store.audit().owned(lines(runId, now, taken));
    write(runId, null, 0, after.after(taken), missingAfter);
  }

  /** One ownership line per person the delta changes. */
  private List<AuditOwned> lines(String runId, Instant now, OwnershipDelta delta) {
    Set<String> people = new TreeSet<>();
    people.addAll(delta.adopted().keySet());
    people.addAll(delta.named().keySet());
    people.addAll(delta.released().keySet());
    List<AuditOwned> out = new ArrayList<>(people.size());
    String time = now.toString();
    for (String person : people) {
      out.add(
          new AuditOwned(
              time,
              runId,
              titan,
              person,
              delta.adopted().getOrDefault(person, Map.of()),
              delta.named().getOrDefault(person, Map.of()),
              delta.released().getOrDefault(person, Map.of())));
    }
    return out;
  }

  private void write(
      String lastRun,
      String writing,
      long writingSince,
      Ownership ownership,
      Iterable<Missing> missing)
      throws IOException {
    // Sorted people, sites and roles: the same memory is the same file.
    Map<String, Map<String, Set<String>>> owned = new TreeMap<>();
    ownership
        .byExternalId()
        .forEach(
            (person, sites) -> {
              Map<String, Set<String>> s = new TreeMap<>();
              sites.forEach((site, roles) -> s.put(site, new TreeSet<>(roles)));
              owned.put(person, s);
            });
    List<MissingEntry> gone = new ArrayList<>();
    for (Missing m : missing) {
      gone.add(
          new MissingEntry(
              m.externalId(), m.email(), m.since().toString(), m.sinceRun(), m.runs()));
    }
    gone.sort(java.util.Comparator.comparing(MissingEntry::externalId));
    OwnerOnly.createDirectories(file().getParent());
    store.writeJson(file(), new Stored(titan, lastRun, writing, writingSince, owned, gone));
  }

  private Stored stored(Path f) throws WindowLedger.Unreadable {
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      throw damaged("is not a regular file", null);
    }
    Stored stored;
    try {
      stored = StoreJson.reader(Stored.class).readValue(f.toFile());
    } catch (JacksonException e) {
      throw damaged("is not a memory titan-sync wrote (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw damaged("cannot be read (" + e + ")", e);
    }
    if (stored == null || !titan.equals(stored.titan())) {
      throw damaged(
          "is not the memory of "
              + titan
              + (stored == null ? "" : " (it names " + stored.titan() + ")"),
          null);
    }
    try {
      if (stored.missing() != null) {
        for (MissingEntry m : stored.missing()) {
          if (m == null || m.externalId() == null || m.sinceRun() == null) {
            throw damaged("is not a memory titan-sync wrote (a missing person half told)", null);
          }
          Instant.parse(m.since());
        }
      }
    } catch (RuntimeException e) {
      throw damaged("is not a memory titan-sync wrote (a date it cannot read)", e);
    }
    return stored;
  }

  private WindowLedger.Unreadable damaged(String why, Throwable cause) {
    Path f = file();
    return new WindowLedger.Unreadable(
        "titan-sync's memory of "
            + titan
            + " "
            + f
            + " "
            + why
            + ", so what titan-sync owns there and who is missing since when are unknown: every"
            + " run is held until it is repaired. Move it aside (mv "
            + f
            + " "
            + f
            + ".damaged); the next run rebuilds what titan-sync owns from the audit log "
            + store.audit().file()
            + " and counts who is missing again",
        cause);
  }
}
