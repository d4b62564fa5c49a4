package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The sample applied, rewritten, and the holds of a run's result, for the harm tests. */
final class HarmFiles {
  private HarmFiles() {}

  static void applySample(CliHarness h) {
    CliHarness.Result first = h.run("sync", CliHarness.sample().toString());
    assertEquals(0, first.exit(), first.out() + first.err());
    assertTrue(first.lastLine().contains("applied"), first.lastLine());
  }

  /**
   * The sample's first run, made a day ago: its 4 removals, 11 creations and 1 domain move have
   * left the window, so that the figures below are this test's files' alone.
   */
  static void applySampleYesterday(CliHarness h) throws IOException {
    applySample(h);
    Path ledger = h.logs().resolve("guard-window.json");
    if (!Files.exists(ledger)) {
      return; // no window kept: nothing to age
    }
    String json = Files.readString(ledger);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"finished_at\" : (\\d+)").matcher(json);
    assertTrue(m.find(), json);
    long dayAgo = Long.parseLong(m.group(1)) - 25 * 3600;
    Files.writeString(ledger, m.replaceAll("\"finished_at\" : " + dayAgo));
  }

  /** The sample with every data row rewritten by {@code row}, plus {@code extra} rows. */
  static Path rewritten(CliHarness h, String name, UnaryOperator<String[]> row, List<String> extra)
      throws IOException {
    List<String> lines = Files.readAllLines(CliHarness.sample(), StandardCharsets.UTF_8);
    StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      // Split on commas outside quotes; the sample quotes one last name with a comma in it.
      String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
      csv.append(String.join(",", row.apply(f))).append('\n');
    }
    extra.forEach(e -> csv.append(e).append('\n'));
    return h.csv(name, csv.toString());
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> holds(Map<String, Object> result) {
    return (List<Map<String, Object>>) result.get("holds");
  }

  static Map<String, Object> hold(Map<String, Object> result, String check) {
    for (Map<String, Object> h : holds(result)) {
      if (check.equals(h.get("check"))) {
        return h;
      }
    }
    throw new AssertionError("no " + check + " in " + result.get("holds"));
  }

  static Set<String> roleIds(Map<String, Object> user) {
    Set<String> out = new java.util.TreeSet<>();
    for (Object m : (List<?>) user.get("memberships")) {
      for (Object r : (List<?>) ((Map<?, ?>) m).get("role_ids")) {
        out.add((String) r);
      }
    }
    return out;
  }
}
