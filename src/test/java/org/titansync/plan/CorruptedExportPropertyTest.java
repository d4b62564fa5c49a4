package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;
import org.titansync.roster.RosterOptions;
import org.titansync.roster.RosterReader;
import org.titansync.run.ExportFile;

/**
 * The reader never costs anyone anything: a valid export, damaged the ways exports get damaged (a
 * stray quote at the start or in the middle of a field, an extra delimiter, a NUL, a byte that is
 * not UTF-8, a lone CR, the header line again), is either refused as a whole or planned against a
 * Titan that already holds everyone in it without removing, deactivating or demoting any of them.
 */
class CorruptedExportPropertyTest {
  private static final List<TitanSite> SITES =
      List.of(
          new TitanSite("s1", "North High", null, true),
          new TitanSite("s2", "South Middle", null, true),
          new TitanSite("s3", "Central Office", null, true));
  private static final List<TitanRole> ROLES =
      List.of(
          new TitanRole("r1", "Teacher"),
          new TitanRole("r2", "Nurse"),
          new TitanRole("r3", "Principal"),
          new TitanRole("r4", "Coach"));
  private static final List<String> FIRST_NAMES =
      List.of("Ann", "José", "Siobhán", "Lee, Jr.", "Nguyễn", "Zoë", "Bob");
  private static final List<String> LAST_NAMES =
      List.of("Lee", "Núñez", "O'Hara", "Ó Briain", "Müller", "Kay \"Ace\"");
  private static final List<String> ROLE_SETS =
      List.of("Teacher", "Nurse", "Teacher;Coach", "Principal");

  /** Stands for one byte that is not UTF-8 until the text is turned into bytes. */
  private static final char BAD_BYTE = '\uE000';

  enum Damage {
    STRAY_QUOTE_AT_START,
    STRAY_QUOTE_IN_MIDDLE,
    EXTRA_DELIMITER,
    NUL,
    INVALID_BYTE,
    LONE_CR,
    REPEATED_HEADER
  }

  /**
   * One damage to the file.
   *
   * @param row the row it hits (0 is the header), modulo the number of rows
   * @param field the field it hits, modulo six
   * @param at where in the field, modulo the field's length
   */
  record Corruption(Damage damage, int row, int field, int at) {}

  /** One person of the export: indexes into the pools above; one or two sites. */
  record Staff(int first, int last, int firstSite, int siteCount, int roles) {}

  @Provide
  Arbitrary<List<Staff>> staff() {
    return Combinators.combine(
            Arbitraries.integers().between(0, FIRST_NAMES.size() - 1),
            Arbitraries.integers().between(0, LAST_NAMES.size() - 1),
            Arbitraries.integers().between(0, SITES.size() - 1),
            Arbitraries.integers().between(1, 2),
            Arbitraries.integers().between(0, ROLE_SETS.size() - 1))
        .as(Staff::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(25);
  }

  @Provide
  Arbitrary<List<Corruption>> corruptions() {
    return Combinators.combine(
            Arbitraries.of(Damage.class),
            Arbitraries.integers().between(0, 60),
            Arbitraries.integers().between(0, 5),
            Arbitraries.integers().between(0, 40))
        .as(Corruption::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3);
  }

  @Property(tries = 600)
  void aDamagedExportIsRefusedOrRemovesDeactivatesAndDemotesNobody(
      @ForAll("staff") List<Staff> staff,
      @ForAll("corruptions") List<Corruption> corruptions,
      @ForAll boolean crlf,
      @ForAll boolean matchByEmail)
      throws Exception {
    List<List<String>> rows = rows(staff);
    Snapshot titan = titanHoldingEveryone(rows);
    PlanOptions options =
        new PlanOptions(Map.of(), Map.of(), matchByEmail, Set.of(), Set.of(), Set.of(), true);
    String lineEnd = crlf ? "\r\n" : "\n";

    // The undamaged file is in sync: whatever the damaged one plans comes from the damage.
    Roster clean = read(encode(rows, List.of(), lineEnd));
    assertTrue(new Planner().plan(clean, titan, options).isEmpty(), "the clean file plans nothing");

    Roster damaged;
    try {
      damaged = read(encode(rows, corruptions, lineEnd));
    } catch (RosterException refused) {
      Statistics.label("outcome").collect("refused");
      return;
    }
    Statistics.label("outcome").collect(damaged.errors().isEmpty() ? "read clean" : "row errors");
    Plan plan = new Planner().plan(damaged, titan, options);
    Map<String, TitanUser> usersById = new HashMap<>();
    titan.users().forEach(u -> usersById.put(u.id(), u));
    for (Change change : plan.changes()) {
      assertNotEquals(ChangeKind.REMOVE_MEMBERSHIP, change.kind(), change::toString);
      assertNotEquals(ChangeKind.DEACTIVATE, change.kind(), change::toString);
      if (change instanceof SetRoles set && set.userId() != null) {
        assertTrue(
            set.after().roleIds().containsAll(set.beforeRoleIds()),
            () -> "a role taken away: " + set);
      }
      if (change instanceof UpdateUser update && usersById.containsKey(update.userId())) {
        assertTrue(update.after() == null || update.after().active(), update::toString);
      }
    }
  }

  /** The header and one row per person and site, each value as the file writes it (quoted). */
  private static List<List<String>> rows(List<Staff> staff) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(RosterOptions.REQUIRED_COLUMNS);
    for (int i = 0; i < staff.size(); i++) {
      Staff s = staff.get(i);
      for (int k = 0; k < s.siteCount(); k++) {
        rows.add(
            List.of(
                "E" + (1000 + i),
                FIRST_NAMES.get(s.first()),
                LAST_NAMES.get(s.last()),
                "p" + i + "@district.example.org",
                SITES.get((s.firstSite() + k) % SITES.size()).name(),
                ROLE_SETS.get(s.roles())));
      }
    }
    return rows;
  }

  private static Snapshot titanHoldingEveryone(List<List<String>> rows) {
    Map<String, Map<String, Set<String>>> memberships = new LinkedHashMap<>();
    Map<String, List<String>> profiles = new LinkedHashMap<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      profiles.putIfAbsent(row.get(0), row);
      String siteId = idOf(row.get(4));
      Set<String> roleIds = new HashSet<>();
      for (String role : row.get(5).split(";", -1)) {
        roleIds.add(ROLES.stream().filter(r -> r.name().equals(role)).findFirst().get().id());
      }
      memberships.computeIfAbsent(row.get(0), id -> new LinkedHashMap<>()).put(siteId, roleIds);
    }
    List<TitanUser> users = new ArrayList<>();
    profiles.forEach(
        (externalId, row) ->
            users.add(
                new TitanUser(
                    "u" + externalId,
                    externalId,
                    row.get(1),
                    row.get(2),
                    row.get(3),
                    true,
                    memberships.get(externalId))));
    return new Snapshot(SITES, ROLES, users);
  }

  private static String idOf(String siteName) {
    return SITES.stream().filter(s -> s.name().equals(siteName)).findFirst().get().id();
  }

  /** The export's bytes, quoted as RFC 4180 asks, with the damage done. */
  private static byte[] encode(List<List<String>> rows, List<Corruption> damage, String lineEnd) {
    List<List<String>> written = new ArrayList<>();
    for (List<String> row : rows) {
      List<String> fields = new ArrayList<>();
      for (String value : row) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0;
        fields.add(quote ? '"' + value.replace("\"", "\"\"") + '"' : value);
      }
      written.add(fields);
    }
    List<String> header = List.copyOf(written.get(0));
    for (Corruption c : damage) {
      int rowIndex = c.row() % written.size();
      List<String> row = written.get(rowIndex);
      int fieldIndex = c.field() % row.size();
      String field = row.get(fieldIndex);
      int middle = field.length() < 2 ? 0 : 1 + c.at() % (field.length() - 1);
      String damaged =
          switch (c.damage()) {
            case STRAY_QUOTE_AT_START -> '"' + field;
            case STRAY_QUOTE_IN_MIDDLE -> insert(field, middle, "\"");
            case EXTRA_DELIMITER -> insert(field, middle, ",");
            case NUL -> insert(field, middle, "\0");
            case INVALID_BYTE -> insert(field, middle, "" + BAD_BYTE);
            case LONE_CR -> insert(field, middle, "\r");
            case REPEATED_HEADER -> field;
          };
      if (c.damage() == Damage.REPEATED_HEADER) {
        written.add(Math.max(1, rowIndex), new ArrayList<>(header));
      } else {
        row.set(fieldIndex, damaged);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (List<String> row : written) {
      String line = String.join(",", row) + lineEnd;
      for (int i = 0; i < line.length(); i++) {
        char ch = line.charAt(i);
        if (ch == BAD_BYTE) {
          out.write(0xE9); // é in windows-1252, not UTF-8 on its own
        } else {
          out.writeBytes(String.valueOf(ch).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return out.toByteArray();
  }

  private static String insert(String field, int at, String text) {
    return field.substring(0, at) + text + field.substring(at);
  }

  private static Roster read(byte[] content) throws IOException, RosterException {
    Path file = Files.createTempFile("corrupted", ".csv");
    try {
      Files.write(file, content);
      return new RosterReader(RosterOptions.defaults()).read(ExportFile.of(file));
    } finally {
      Files.delete(file);
    }
  }

  @Property(tries = 1)
  void theCorruptionsAreReallyApplied() throws Exception {
    List<List<String>> rows = rows(List.of(new Staff(0, 0, 0, 1, 0)));
    String damaged =
        new String(
            encode(rows, List.of(new Corruption(Damage.NUL, 1, 0, 2)), "\n"),
            StandardCharsets.UTF_8);
    assertEquals(
        """
        external_id,first_name,last_name,email,site_name,role_names
        E10\u000000,Ann,Lee,p0@district.example.org,North High,Teacher
        """,
        damaged);
  }
}
