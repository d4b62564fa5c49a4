package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.titansync.roster.ExportFolder;
import org.titansync.roster.ExportReader;
import org.titansync.roster.ExportSource;
import org.titansync.roster.PackageOptions;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;
import org.titansync.roster.RosterOptions;

/**
 * The reader never costs anyone anything, for OneRoster packages too: a role value titan-sync does
 * not know, an org missing from orgs.csv, a user without an address, a status or roleType it does
 * not understand, an org listed twice, a user row whose cells shifted: whatever of these a package
 * holds, it is either refused as a whole or planned against a Titan that already holds everyone in
 * it without removing, deactivating or demoting any of them.
 */
class PackageFlawsPropertyTest {
  private static final List<TitanSite> SITES =
      List.of(
          new TitanSite("s1", "North High", null, true),
          new TitanSite("s2", "South Middle", null, true),
          new TitanSite("s3", "Central Office", null, true));
  private static final List<TitanRole> ROLES =
      List.of(
          new TitanRole("r1", "Teacher"),
          new TitanRole("r2", "Aide"),
          new TitanRole("r3", "Proctor"));
  private static final List<String> ROLE_VALUES = List.of("teacher", "aide", "proctor");
  private static final List<String> UNKNOWN_ROLES = List.of("ext:coach", "other", "teachr", "");

  enum Flaw {
    UNKNOWN_ROLE,
    MISSING_ORG,
    NO_ADDRESS,
    UNCLEAR_STATUS,
    UNCLEAR_ROLE_TYPE,
    ORG_TWICE,
    SHIFTED_USER_ROW
  }

  /** One flaw, on the staff member {@code who} (modulo their number), of kind {@code flaw}. */
  record Damage(Flaw flaw, int who, int pick) {}

  /** One staff member: a role at one or two of the sites. */
  record Staff(int role, int firstSite, int siteCount) {}

  @Provide
  Arbitrary<List<Staff>> staff() {
    return Combinators.combine(
            Arbitraries.integers().between(0, ROLE_VALUES.size() - 1),
            Arbitraries.integers().between(0, SITES.size() - 1),
            Arbitraries.integers().between(1, 2))
        .as(Staff::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(15);
  }

  @Provide
  Arbitrary<List<Damage>> damage() {
    return Combinators.combine(
            Arbitraries.of(Flaw.class),
            Arbitraries.integers().between(0, 30),
            Arbitraries.integers().between(0, 10))
        .as(Damage::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  @Property(tries = 300)
  void aFlawedPackageIsRefusedOrRemovesDeactivatesAndDemotesNobody(
      @ForAll("staff") List<Staff> staff,
      @ForAll("damage") List<Damage> damage,
      @ForAll boolean version11)
      throws Exception {
    Snapshot titan = titanHoldingEveryone(staff);
    PlanOptions options =
        new PlanOptions(Map.of(), Map.of(), true, Set.of(), Set.of(), Set.of(), true);

    Roster clean = read(write(staff, List.of(), version11));
    assertTrue(new Planner().plan(clean, titan, options).isEmpty(), "the clean package is in sync");

    Roster flawed;
    try {
      flawed = read(write(staff, damage, version11));
    } catch (RosterException refused) {
      Statistics.label("outcome").collect("refused");
      return;
    }
    Statistics.label("outcome").collect(flawed.errors().isEmpty() ? "read clean" : "row errors");
    Plan plan = new Planner().plan(flawed, titan, options);
    for (Change change : plan.changes()) {
      assertNotEquals(ChangeKind.REMOVE_MEMBERSHIP, change.kind(), change::toString);
      assertNotEquals(ChangeKind.DEACTIVATE, change.kind(), change::toString);
      if (change instanceof SetRoles set && set.userId() != null) {
        assertTrue(
            set.after().roleIds().containsAll(set.beforeRoleIds()),
            () -> "a role taken away: " + set);
      }
      if (change instanceof UpdateUser update && update.after() != null) {
        assertTrue(update.after().active(), update::toString);
      }
    }
  }

  private static Snapshot titanHoldingEveryone(List<Staff> staff) {
    List<TitanUser> users = new ArrayList<>();
    for (int i = 0; i < staff.size(); i++) {
      Staff s = staff.get(i);
      Map<String, Set<String>> memberships = new LinkedHashMap<>();
      for (int k = 0; k < s.siteCount(); k++) {
        memberships.put(
            SITES.get((s.firstSite() + k) % SITES.size()).id(), Set.of(ROLES.get(s.role()).id()));
      }
      users.add(
          new TitanUser("u" + i, "t-" + i, "First" + i, "Last" + i, email(i), true, memberships));
    }
    return new Snapshot(SITES, ROLES, users);
  }

  private static String email(int i) {
    return "p" + i + "@district.example.org";
  }

  /** The package's files, with the damage done. */
  private static Map<String, List<String>> write(
      List<Staff> staff, List<Damage> damage, boolean version11) {
    Set<Integer> noAddress = new HashSet<>();
    Set<Integer> unclearStatus = new HashSet<>();
    Set<Integer> shifted = new HashSet<>();
    Map<Integer, Damage> roleFlaws = new LinkedHashMap<>();
    boolean orgTwice = false;
    for (Damage d : damage) {
      int who = d.who() % staff.size();
      switch (d.flaw()) {
        case NO_ADDRESS -> noAddress.add(who);
        case UNCLEAR_STATUS -> unclearStatus.add(who);
        case SHIFTED_USER_ROW -> shifted.add(who);
        case ORG_TWICE -> orgTwice = true;
        default -> roleFlaws.put(who, d);
      }
    }
    List<String> orgs = new ArrayList<>();
    orgs.add("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId");
    orgs.add("org-d,,,District,district,,");
    for (int k = 0; k < SITES.size(); k++) {
      orgs.add("org-" + k + ",,,\"" + SITES.get(k).name() + "\",school,,org-d");
    }
    if (orgTwice) {
      orgs.add("org-0,,,Somewhere Else,school,,org-d");
    }
    List<String> users = new ArrayList<>();
    List<String> roles = new ArrayList<>();
    users.add(
        version11
            ? "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
                + "givenName,familyName,middleName,identifier,email"
            : "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,"
                + "familyName,middleName,identifier,email");
    roles.add(
        "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,"
            + "orgSourcedId");
    for (int i = 0; i < staff.size(); i++) {
      Staff s = staff.get(i);
      Damage flaw = roleFlaws.get(i);
      String role = ROLE_VALUES.get(s.role());
      String roleType = "primary";
      List<String> orgIds = new ArrayList<>();
      for (int k = 0; k < s.siteCount(); k++) {
        orgIds.add("org-" + (s.firstSite() + k) % SITES.size());
      }
      if (flaw != null) {
        switch (flaw.flaw()) {
          case UNKNOWN_ROLE -> role = UNKNOWN_ROLES.get(flaw.pick() % UNKNOWN_ROLES.size());
          case MISSING_ORG -> orgIds.set(flaw.pick() % orgIds.size(), "org-gone");
          case UNCLEAR_ROLE_TYPE -> roleType = version11 ? roleType : "main";
          default -> {}
        }
      }
      String status = unclearStatus.contains(i) ? "deleted" : "";
      String address = noAddress.contains(i) ? "" : email(i);
      String username = noAddress.contains(i) ? "" : "user" + i;
      String given = shifted.contains(i) ? "First" + i + ", Jr." : "First" + i;
      if (version11) {
        users.add(
            String.join(
                ",",
                "t-" + i,
                status,
                "",
                "true",
                "\"" + String.join(",", orgIds) + "\"",
                role,
                username,
                "",
                given,
                "Last" + i,
                "",
                "",
                address));
      } else {
        users.add(
            String.join(
                ",",
                "t-" + i,
                status,
                "",
                "true",
                username,
                "",
                given,
                "Last" + i,
                "",
                "",
                address));
        for (String orgId : orgIds) {
          roles.add(
              String.join(",", "r-" + i + orgId, "", "", "t-" + i, roleType, role, "", "", orgId));
        }
      }
      // A student at the same schools: skipped, whatever happens to the staff.
      users.add(
          version11
              ? String.join(
                  ",",
                  "s-" + i,
                  "",
                  "",
                  "true",
                  orgIds.get(0),
                  "student",
                  "",
                  "",
                  "Kid",
                  "Kidd",
                  "",
                  "",
                  "")
              : String.join(",", "s-" + i, "", "", "true", "", "", "Kid", "Kidd", "", "", ""));
      if (!version11) {
        roles.add(
            String.join(
                ",", "r-s" + i, "", "", "s-" + i, "primary", "student", "", "", orgIds.get(0)));
      }
    }
    Map<String, List<String>> files = new LinkedHashMap<>();
    files.put(
        "manifest.csv",
        List.of(
            "propertyName,value",
            "oneroster.version," + (version11 ? "1.1" : "1.2"),
            "file.users,bulk",
            "file.orgs,bulk",
            "file.roles," + (version11 ? "absent" : "bulk")));
    files.put("orgs.csv", orgs);
    files.put("users.csv", users);
    if (!version11) {
      files.put("roles.csv", roles);
    }
    return files;
  }

  private static Roster read(Map<String, List<String>> files) throws Exception {
    Path dir = Files.createTempDirectory("package");
    try {
      for (Map.Entry<String, List<String>> f : files.entrySet()) {
        Files.writeString(
            dir.resolve(f.getKey()),
            String.join("\n", f.getValue()) + "\n",
            StandardCharsets.UTF_8);
      }
      return new ExportReader(
              RosterOptions.defaults(), PackageOptions.defaults(LocalDate.of(2026, 11, 30)))
          .read(folder(dir));
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static ExportFolder folder(Path dir) {
    return new ExportFolder() {
      @Override
      public String name() {
        return dir.toString();
      }

      @Override
      public List<String> entryNames() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
          return s.map(p -> p.getFileName().toString()).toList();
        }
      }

      @Override
      public ExportSource entry(String entryName) {
        return new ExportSource() {
          @Override
          public String name() {
            return dir.resolve(entryName).toString();
          }

          @Override
          public SeekableByteChannel open() throws IOException {
            return Files.newByteChannel(dir.resolve(entryName), StandardOpenOption.READ);
          }
        };
      }
    };
  }
}
