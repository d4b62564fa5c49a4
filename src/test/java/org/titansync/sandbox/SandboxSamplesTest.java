package org.titansync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quick start's promises about samples/: the CSV and the seed tell the story the docs tell, and
 * the first run stays under the default removal guardrail (10% of managed memberships).
 */
class SandboxSamplesTest {

  private static List<List<String>> rows;
  private static JsonNode seed;

  /** external_id -> site name -> role names, from the CSV. */
  private static final Map<String, Map<String, List<String>>> FILE = new LinkedHashMap<>();

  private static final Set<String> FILE_EMAILS = new HashSet<>();

  @BeforeAll
  static void read() throws Exception {
    rows = parseCsv(Files.readString(Path.of("samples/staff.csv"), StandardCharsets.UTF_8));
    seed = ApiCaller.JSON.readTree(Path.of("samples/seed.json").toFile());
    for (List<String> row : rows.subList(1, rows.size())) {
      FILE.computeIfAbsent(row.get(0), k -> new LinkedHashMap<>())
          .put(row.get(4), List.of(row.get(5).split(";", -1)));
      FILE_EMAILS.add(row.get(3).toLowerCase(Locale.ROOT));
    }
  }

  /** RFC 4180: commas and quotes inside quoted fields, doubled quotes. */
  private static List<List<String>> parseCsv(String text) {
    List<List<String>> out = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        row.add(field.toString());
        field.setLength(0);
        out.add(row);
        row = new ArrayList<>();
      } else if (c != '\r') {
        field.append(c);
      }
    }
    if (!row.isEmpty() || field.length() > 0) {
      row.add(field.toString());
      out.add(row);
    }
    return out;
  }

  @Test
  void theCsvIsARealisticDistrictExport() throws Exception {
    assertEquals(
        List.of("external_id", "first_name", "last_name", "email", "site_name", "role_names"),
        rows.get(0));
    rows.forEach(r -> assertEquals(6, r.size(), "six fields in " + r));
    assertTrue(FILE.size() >= 35 && FILE.size() <= 50, FILE.size() + " people");
    assertTrue(FILE.values().stream().filter(s -> s.size() > 1).count() >= 3, "people at 2 sites");
    String all = Files.readString(Path.of("samples/staff.csv"), StandardCharsets.UTF_8);
    for (String name : List.of("José", "Núñez", "Siobhán", "Nguyễn", "Zoë", "Müller", "Lefèvre")) {
      assertTrue(all.contains(name), name);
    }
    assertTrue(rows.stream().anyMatch(r -> r.get(2).contains(",")), "a quoted comma");
    assertTrue(rows.stream().anyMatch(r -> r.get(5).contains(";")), "a multi-role cell");
  }

  @Test
  void theSeedKnowsEverySiteAndRoleTheFileNames() {
    Set<String> sites = new HashSet<>(seed.get("sites").findValuesAsText("name"));
    Set<String> roles = new HashSet<>(seed.get("roles").findValuesAsText("name"));
    FILE.values()
        .forEach(
            bySite ->
                bySite.forEach(
                    (site, roleNames) -> {
                      assertTrue(sites.contains(site), site);
                      assertTrue(roles.containsAll(roleNames), roleNames.toString());
                    }));
  }

  @Test
  void theSeedHoldsEveryKindOfPersonTheFirstRunMeets() {
    Map<String, String> siteName = new HashMap<>();
    seed.get("sites").forEach(s -> siteName.put(s.get("id").asText(), s.get("name").asText()));
    int handMadeMatching = 0;
    int matchingOnlyByCase = 0;
    int handMadeOther = 0;
    int managedInFile = 0;
    int managedGone = 0;
    int managedMemberships = 0;
    int removals = 0;
    for (JsonNode user : seed.get("users")) {
      JsonNode ext = user.get("external_id");
      String email = user.get("email").asText();
      if (ext.isNull()) {
        if (FILE_EMAILS.contains(email.toLowerCase(Locale.ROOT))) {
          handMadeMatching++;
          matchingOnlyByCase += FILE_EMAILS.contains(email) ? 0 : 1;
        } else {
          handMadeOther++;
          assertFalse(user.get("memberships").isEmpty(), "untouched accounts hold something");
        }
        continue;
      }
      managedMemberships += user.get("memberships").size();
      Map<String, List<String>> wanted = FILE.get(ext.asText());
      if (wanted == null) {
        managedGone++;
        removals += user.get("memberships").size();
      } else {
        managedInFile++;
        for (JsonNode m : user.get("memberships")) {
          removals += wanted.containsKey(siteName.get(m.get("site_id").asText())) ? 0 : 1;
        }
      }
    }
    assertEquals(3, handMadeMatching, "hand-made accounts the run links by email");
    assertEquals(1, matchingOnlyByCase, "one differs from its file row only in letter case");
    assertEquals(2, handMadeOther, "hand-made accounts the run must leave alone");
    assertEquals(3, managedGone, "managed people no longer in the file");
    assertTrue(
        managedInFile >= FILE.size() * 2 / 5 && managedInFile <= FILE.size() * 3 / 4,
        managedInFile + " of " + FILE.size() + " already synced");
    assertTrue(removals <= 4, removals + " removals");
    assertTrue(
        removals * 10 < managedMemberships,
        removals + " removals must stay under 10% of " + managedMemberships);
  }

  @Test
  void theSandboxServesTheSampleSeed() throws Exception {
    try (SandboxServer server =
        SandboxServer.start(SandboxOptions.defaults().withSeedFile(Path.of("samples/seed.json")))) {
      assertEquals(seed.get("users").size(), server.users().size());
      ApiCaller api = new ApiCaller(server);
      assertEquals(1, api.get("/users?email=zoe.muller%40mvusd.org").body().get("data").size());
      assertEquals(seed.get("sites").size(), api.get("/sites").body().get("data").size());
    }
  }
}
