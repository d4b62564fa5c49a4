package org.titansync.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.titansync.roster.Person;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;
import org.titansync.roster.RosterOptions;
import org.titansync.roster.RosterReader;
import org.titansync.roster.RowError;
import org.titansync.run.ExportFile;

/**
 * Who {@code explain} is asked about: a helpdesk knows a name or an email, not the SIS key. Looks
 * in the exports of recent runs (their copies in the run folders), their refused rows and the audit
 * log, and answers every person that matches: one to explain, or several to choose from.
 */
public final class PersonLookup {

  /**
   * A person who matches.
   *
   * @param name "First Last" as the newest export writes it; empty when no export named them
   * @param seen where the person was last seen, e.g. "run 20261126-173621-9f3a, line 12"
   */
  public record Candidate(String externalId, String name, String email, String seen) {}

  private final StateFolder store;
  private final RosterOptions options;
  private final Map<String, Optional<Roster>> rosters = new HashMap<>();

  public PersonLookup(StateFolder store, RosterOptions options) {
    this.store = store;
    this.options = options;
  }

  /**
   * The people {@code who} names: an external_id as it is, an email ignoring case, or a name
   * ignoring case, accents, commas and order ("Núñez, José" finds José Núñez); a part of a name
   * ("Carter") when no whole name matches.
   *
   * @param runIds the runs to look in, newest first
   */
  public List<Candidate> find(String who, List<String> runIds, AuditLog.Read audit) {
    Map<String, Candidate> exact = new LinkedHashMap<>();
    Map<String, Candidate> partial = new LinkedHashMap<>();
    String wanted = loose(who);
    List<String> words = Arrays.asList(wanted.split(" "));
    boolean byEmail = who.contains("@");
    for (String runId : runIds) {
      Optional<Roster> roster = roster(runId);
      if (roster.isEmpty()) {
        continue;
      }
      for (Person p : roster.get().persons()) {
        String seen = "run " + runId + ", line " + p.lines().get(0);
        consider(
            exact, partial, who, wanted, words, byEmail, p.externalId(), name(p), p.email(), seen);
      }
      for (RowError e : roster.get().errors()) {
        if (e.externalId() != null && !e.externalId().isEmpty()) {
          String seen = "run " + runId + ", line " + e.line() + " (refused)";
          String name = e.name() == null ? "" : e.name();
          consider(
              exact, partial, who, wanted, words, byEmail, e.externalId(), name, e.email(), seen);
        }
      }
    }
    for (String runId : runIds) {
      for (Map.Entry<String, String> named : plan(runId).entrySet()) {
        consider(
            exact,
            partial,
            who,
            wanted,
            words,
            byEmail,
            named.getKey(),
            named.getValue(),
            "",
            "run " + runId + " (plan)");
      }
    }
    for (AuditEntry e : audit.entries()) {
      AuditEntry.Subject s = e.subject();
      if (s.externalId() != null && !exact.containsKey(s.externalId())) {
        consider(
            exact,
            partial,
            who,
            wanted,
            words,
            byEmail,
            s.externalId(),
            "",
            s.email(),
            "audit log, run " + e.runId());
      }
    }
    return List.copyOf((exact.isEmpty() ? partial : exact).values());
  }

  private static void consider(
      Map<String, Candidate> exact,
      Map<String, Candidate> partial,
      String who,
      String wanted,
      List<String> words,
      boolean byEmail,
      String externalId,
      String name,
      String email,
      String seen) {
    if (exact.containsKey(externalId)) {
      return;
    }
    Candidate c = new Candidate(externalId, name, email == null ? "" : email, seen);
    if (externalId.equals(who.strip())) {
      exact.put(externalId, c);
    } else if (byEmail) {
      if (email != null && email.strip().equalsIgnoreCase(who.strip())) {
        exact.put(externalId, c);
      }
    } else if (!name.isEmpty() && !wanted.isEmpty()) {
      String full = loose(name);
      List<String> parts = Arrays.asList(full.split(" "));
      if (full.equals(wanted) || sameWords(parts, words)) {
        exact.put(externalId, c);
      } else if (parts.containsAll(words)) {
        partial.putIfAbsent(externalId, c);
      }
    }
  }

  private static boolean sameWords(List<String> a, List<String> b) {
    return a.size() == b.size() && a.containsAll(b) && b.containsAll(a);
  }

  /** Lower case, no accents, no commas, one space between words. */
  static String loose(String text) {
    String plain =
        Normalizer.normalize(text, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}+", "")
            .replace(',', ' ');
    return plain.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
  }

  private static String name(Person p) {
    return ((p.firstName() == null ? "" : p.firstName())
            + " "
            + (p.lastName() == null ? "" : p.lastName()))
        .strip();
  }

  /** The candidate with a name when any of these runs' plans knows one. */
  public Candidate named(Candidate c, List<String> runIds) {
    if (!c.name().isEmpty()) {
      return c;
    }
    for (String runId : runIds) {
      String name = plan(runId).getOrDefault(c.externalId(), "");
      if (!name.isEmpty()) {
        return new Candidate(c.externalId(), name, c.email(), c.seen());
      }
    }
    return c;
  }

  private Map<String, String> plan(String runId) {
    try {
      return PlanFile.read(store.folder(runId)).map(PlanFile::names).orElse(Map.of());
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }

  /** The export a run read, from its copy in the run folder; empty when it is not kept. */
  public Optional<Roster> roster(String runId) {
    return rosters.computeIfAbsent(runId, this::readRoster);
  }

  private Optional<Roster> readRoster(String runId) {
    Path input = store.folder(runId).resolve("input.csv");
    if (!Files.isRegularFile(input)) {
      return Optional.empty();
    }
    try {
      // A package's run keeps a normalized copy, read as its record says (as PersonHistory does).
      Optional<InputRecord> record = InputRecord.read(store, store.folder(runId));
      return Optional.of(
          record.isPresent()
              ? record.get().copyAt(input).read()
              : new RosterReader(options).read(ExportFile.of(input)));
    } catch (RosterException | IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The text of one line of a run's copy of the export; empty when it cannot be read. */
  public String lineText(String runId, int line) {
    Path input = store.folder(runId).resolve("input.csv");
    if (line < 1 || !Files.isRegularFile(input)) {
      return "";
    }
    List<String> found = new ArrayList<>(1);
    // Replacement characters rather than a failure: the line is shown, not parsed.
    try (var reader =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(Files.newInputStream(input), options.encoding()))) {
      String text = null;
      for (int i = 0; i < line; i++) {
        text = reader.readLine();
        if (text == null) {
          break;
        }
      }
      if (text != null) {
        found.add(text);
      }
    } catch (IOException e) {
      return "";
    }
    return found.isEmpty() ? "" : found.get(0).replace("\uFEFF", "");
  }
}
