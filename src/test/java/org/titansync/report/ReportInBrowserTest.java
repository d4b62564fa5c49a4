package org.titansync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.titansync.run.RunSummary;
import org.titansync.store.StateFolder;

/**
 * report.html in a real browser (Debian's headless Chromium, over the DevTools protocol): a large
 * district's report opens from disk, loads nothing but itself, pages its long lists, and its search
 * box finds a person offline, leaving exactly that person's lines in sight.
 *
 * <p>In CI (CI=true) a missing Chromium fails the test: .ci/run installs it. Elsewhere the test is
 * skipped without it.
 */
class ReportInBrowserTest {
  /** The report stays under target/ after the test, to be looked at (or screenshot) by hand. */
  private static final Path OUT = Path.of("target", "browser-report");

  /** What the page shows: every table line a reader can see, as "school | text". */
  private static final String VISIBLE_ROWS =
      "Array.from(document.querySelectorAll('#schools table.rows tbody tr'))"
          + ".filter(r => r.checkVisibility())"
          + ".map(r => r.closest('details').querySelector('.school-name').textContent"
          + " + ' | ' + r.textContent.replace(/\\s+/g, ' ').trim())";

  @Test
  void aLargeReportOpensFromDiskLoadsNothingElseAndItsSearchFindsAPerson() throws Exception {
    Path chromium = HeadlessChromium.binary();
    if (chromium == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(
            "Chromium is not installed: the browser test of report.html cannot run in CI"
                + " (.ci/run installs it: apt-get install -y chromium chromium-driver)");
      }
      Assumptions.abort("Chromium is not installed (apt-get install -y chromium); skipped here");
    }
    RunSummary run = LargeDistrict.applied(3000, 60);
    Path report = write(run);
    String url = report.toUri().toString();

    long started = System.nanoTime();
    try (HeadlessChromium browser = HeadlessChromium.start(chromium, OUT)) {
      browser.open(url);

      // The script ran (its tools show) under the page's own Content-Security-Policy.
      browser.await("the search box", "!document.getElementById('tools').hidden");

      // A long school shows 50 lines and a pager; a school with fewer shows them all.
      JsonNode lincoln =
          browser.eval(
              "(() => { const d = Array.from(document.querySelectorAll('details.school'))"
                  + ".find(x => x.querySelector('.school-name').textContent"
                  + " === 'Lincoln Elementary'); d.open = true;"
                  + " return { rows: d.querySelectorAll('tbody tr').length,"
                  + " shown: Array.from(d.querySelectorAll('tbody tr'))"
                  + ".filter(r => r.checkVisibility()).length,"
                  + " pager: d.querySelector('.pager').textContent }; })()");
      assertTrue(lincoln.get("rows").asInt() > 50, lincoln.toString());
      assertEquals(50, lincoln.get("shown").asInt(), lincoln.toString());
      assertTrue(
          lincoln.get("pager").asText().startsWith("Showing 1\u201350 of "), lincoln.toString());
      browser.eval(
          "document.querySelectorAll('details.school').forEach(d => d.open = false), true");
      assertEquals(0, browser.eval(VISIBLE_ROWS).size(), "a long report opens closed");

      // Typing a name leaves that person's lines, at each of her schools, and nothing else.
      browser.eval("document.getElementById('q').focus(), true");
      browser.type(LargeDistrict.MARIA);
      browser.await(
          "the search to answer", "document.getElementById('found').textContent.length > 0");
      List<String> shown = texts(browser.eval(VISIBLE_ROWS));
      assertEquals(2, shown.size(), shown.toString());
      assertTrue(shown.get(0).startsWith("Adams Elementary | Maria Gonzalez"), shown.toString());
      assertTrue(shown.get(1).startsWith("Lincoln Elementary | Maria Gonzalez"), shown.toString());
      assertTrue(shown.get(0).contains("joins Adams Elementary as Teacher"), shown.toString());
      assertTrue(shown.get(1).contains("joins Lincoln Elementary as Principal"), shown.toString());
      assertEquals(
          "2 lines match", browser.eval("document.getElementById('found').textContent").asText());
      // Mario Gonzales, whose name looks like hers, is not among them; nor are other schools.
      assertEquals(
          2,
          browser
              .eval(
                  "Array.from(document.querySelectorAll('details.school'))"
                      + ".filter(d => d.checkVisibility()).length")
              .asInt());

      // An email finds the person too; clearing the search brings the report back as it was.
      browser.eval(
          "(() => { const q = document.getElementById('q'); q.value = '';"
              + " q.dispatchEvent(new Event('input')); return true; })()");
      browser.type("mario.gonzales@");
      browser.await(
          "the email search", "document.getElementById('found').textContent === '1 line matches'");
      List<String> mario = texts(browser.eval(VISIBLE_ROWS));
      assertEquals(1, mario.size(), mario.toString());
      assertTrue(mario.get(0).startsWith("Bryant Elementary | Mario Gonzales"), mario.toString());
      browser.eval(
          "(() => { const q = document.getElementById('q'); q.value = '';"
              + " q.dispatchEvent(new Event('input')); return true; })()");
      browser.await("the search to clear", "document.getElementById('found').textContent === ''");
      assertEquals(0, browser.eval(VISIBLE_ROWS).size());

      // The name that looks like markup is text on the page, and fetched nothing.
      assertEquals(0, browser.eval("document.querySelectorAll('img').length").asInt());
      assertTrue(
          browser
              .eval(
                  "document.body.textContent.includes("
                      + new com.fasterxml.jackson.databind.ObjectMapper()
                          .writeValueAsString(LargeDistrict.MARKUP)
                      + ")")
              .asBoolean());

      List<String> requests = browser.requests();
      assertEquals(List.of(url), requests, "the page asked for nothing but itself");
      for (String line : browser.console()) {
        assertFalse(
            line.contains("Content Security Policy") || line.startsWith("exception"),
            "a blocked or failing part of the page: " + line);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    assertTrue(seconds < 60, "the browser test took " + seconds + " s");
  }

  private static Path write(RunSummary run) throws Exception {
    Files.createDirectories(OUT);
    StateFolder store = new StateFolder(OUT.resolve("logs").toAbsolutePath());
    Path dir = store.folder(run.runId());
    if (!Files.isDirectory(dir)) {
      dir = store.create(run.runId());
    }
    new ReportWriter().writeResult(store, dir, run);
    return dir.resolve("report.html").toAbsolutePath();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
