package org.titansync.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A generated district for end-to-end tests: people with sites and roles, written as an export, and
 * the check that Titan (the sandbox) holds exactly what the export says.
 */
final class Staff {
  static final Map<String, String> SITES = new LinkedHashMap<>();
  static final Map<String, String> ROLES = new LinkedHashMap<>();

  static {
    SITES.put("s_01", "Lincoln Elementary");
    SITES.put("s_02", "Washington Middle School");
    SITES.put("s_03", "Roosevelt High School");
    SITES.put("s_04", "Jefferson Elementary");
    SITES.put("s_05", "District Office");
    ROLES.put("r_01", "Teacher");
    ROLES.put("r_02", "Principal");
    ROLES.put("r_04", "Nurse");
    ROLES.put("r_05", "Counselor");
    ROLES.put("r_06", "Office Staff");
    ROLES.put("r_09", "Department Head");
  }

  /** One person as the export states them; sites: site name -> role names. */
  record Person(
      String id, String first, String last, String email, Map<String, List<String>> sites) {
    Person withName(String f, String l) {
      return new Person(id, f, l, email, sites);
    }

    Person withEmail(String e) {
      return new Person(id, first, last, e, sites);
    }

    Person withSites(Map<String, List<String>> s) {
      return new Person(id, first, last, email, s);
    }
  }

  private static final String[] FIRST = {
    "Ana", "José", "Siobhán", "Nguyễn", "Zoë", "Liam", "Mei", "Omar", "Ingrid", "Kwame", "Priya",
    "Lars", "Fatima", "Diego", "Aoife"
  };
  private static final String[] LAST = {
    "Núñez",
    "Ó Briain",
    "Văn An",
    "Müller",
    "Smith",
    "Chen",
    "Haddad",
    "Larsen",
    "Mensah",
    "Patel",
    "García",
    "O'Neil",
    "Kowalski",
    "Dubois",
    "Hill, Jr."
  };

  /** {@code n} people, some at two sites, deterministic for a seed. */
  static List<Person> people(int n, long seed) {
    Random r = new Random(seed);
    List<String> siteNames = List.copyOf(SITES.values());
    List<String> roleNames = List.copyOf(ROLES.values());
    List<Person> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = String.format("E%05d", 10000 + i);
      String first = FIRST[r.nextInt(FIRST.length)];
      String last = LAST[r.nextInt(LAST.length)];
      Map<String, List<String>> sites = new TreeMap<>();
      sites.put(
          siteNames.get(r.nextInt(siteNames.size())),
          List.of(roleNames.get(r.nextInt(roleNames.size()))));
      if (r.nextInt(5) == 0) {
        sites.put(
            siteNames.get(r.nextInt(siteNames.size())),
            List.of(roleNames.get(0), roleNames.get(5)));
      }
      out.add(new Person(id, first, last, "staff" + i + "@district.example.org", sites));
    }
    return out;
  }

  static String csv(List<Person> people) {
    StringBuilder b =
        new StringBuilder("external_id,first_name,last_name,email,site_name,role_names\r\n");
    for (Person p : people) {
      p.sites()
          .forEach(
              (site, roles) ->
                  b.append(p.id())
                      .append(',')
                      .append(quote(p.first()))
                      .append(',')
                      .append(quote(p.last()))
                      .append(',')
                      .append(p.email())
                      .append(',')
                      .append(quote(site))
                      .append(',')
                      .append(quote(String.join(";", roles)))
                      .append("\r\n"));
    }
    return b.toString();
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /** A sandbox seed with the sites and roles above and the given users (maps as the API shows). */
  static Map<String, Object> seed(List<Map<String, Object>> users) {
    List<Map<String, Object>> sites = new ArrayList<>();
    SITES.forEach((id, name) -> sites.add(Map.of("id", id, "name", name, "active", true)));
    List<Map<String, Object>> roles = new ArrayList<>();
    ROLES.forEach((id, name) -> roles.add(Map.of("id", id, "name", name)));
    Map<String, Object> seed = new LinkedHashMap<>();
    seed.put("api_keys", Map.of("sandbox-key", "admin"));
    seed.put("sites", sites);
    seed.put("roles", roles);
    seed.put("users", users);
    return seed;
  }

  /**
   * Differences between what the export says and what the sandbox holds: every person present with
   * the same names, email and exactly these memberships; every other managed user with no
   * membership; no duplicate; nobody left on a temporary address. Empty when all is right.
   */
  @SuppressWarnings("unchecked")
  static List<String> differences(List<Person> want, List<Map<String, Object>> users) {
    List<String> diffs = new ArrayList<>();
    Map<String, Map<String, Object>> byExt = new LinkedHashMap<>();
    Map<String, Integer> emails = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map<String, Object> u : users) {
      Object ext = u.get("external_id");
      if (ext != null && byExt.put((String) ext, u) != null) {
        diffs.add("duplicate external_id " + ext);
      }
      emails.merge((String) u.get("email"), 1, Integer::sum);
      if (((String) u.get("email")).endsWith(".invalid")) {
        diffs.add("left on a temporary address: " + u.get("email"));
      }
    }
    emails.forEach(
        (e, n) -> {
          if (n > 1) {
            diffs.add("duplicate email " + e);
          }
        });
    Map<String, String> roleIds = new LinkedHashMap<>();
    ROLES.forEach((id, name) -> roleIds.put(name, id));
    Map<String, String> siteIds = new LinkedHashMap<>();
    SITES.forEach((id, name) -> siteIds.put(name, id));
    java.util.Set<String> wanted = new java.util.HashSet<>();
    for (Person p : want) {
      wanted.add(p.id());
      Map<String, Object> u = byExt.get(p.id());
      if (u == null) {
        diffs.add(p.id() + " missing");
        continue;
      }
      check(diffs, p.id(), "first_name", p.first(), u.get("first_name"));
      check(diffs, p.id(), "last_name", p.last(), u.get("last_name"));
      check(diffs, p.id(), "email", p.email(), u.get("email"));
      check(diffs, p.id(), "status", "active", u.get("status"));
      Map<String, List<String>> expected = new TreeMap<>();
      p.sites()
          .forEach(
              (site, roles) ->
                  expected.put(
                      siteIds.get(site), roles.stream().map(roleIds::get).sorted().toList()));
      check(diffs, p.id(), "memberships", expected, memberships(u));
    }
    byExt.forEach(
        (ext, u) -> {
          if (!wanted.contains(ext) && !((List<Object>) u.get("memberships")).isEmpty()) {
            diffs.add(ext + " is not in the file but still has " + u.get("memberships"));
          }
        });
    return diffs;
  }

  @SuppressWarnings("unchecked")
  static Map<String, List<String>> memberships(Map<String, Object> user) {
    Map<String, List<String>> got = new TreeMap<>();
    for (Map<String, Object> m : (List<Map<String, Object>>) user.get("memberships")) {
      got.put(
          (String) m.get("site_id"), ((List<String>) m.get("role_ids")).stream().sorted().toList());
    }
    return got;
  }

  private static void check(List<String> diffs, String id, String field, Object want, Object got) {
    if (!want.equals(got)) {
      diffs.add(id + " " + field + ": want " + want + ", got " + got);
    }
  }

  private Staff() {}
}
