package org.titansync.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.titansync.run.RunSummary;
import org.titansync.run.ShownName;
import org.titansync.store.PlanFile;
import org.titansync.store.ResultFile;
import org.titansync.store.StateFolder;

/**
 * Writes a run's plan.json, result.json, report.txt and report.html into its folder. HTML is
 * rendered from {@code templates/report.html.mustache}, which escapes every value; text from {@code
 * templates/report.txt.mustache}, which does not.
 */
public final class ReportWriter {
  // One pair for the whole process: a factory keeps every template it compiled, and the templates
  // are the same for every run and district (a compiled template is safe to share between threads).
  private static final MustacheFactory HTML = new DefaultMustacheFactory("templates");
  private static final MustacheFactory TEXT =
      new DefaultMustacheFactory("templates") {
        @Override
        public void encode(String value, Writer writer) {
          try {
            // A name from the file may hold a control character: shown, never obeyed, by the
            // terminal that prints the report.
            writer.write(ShownName.escape(value));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  /** Renders {@code templates/<name>.mustache} with HTML escaping. */
  public String renderHtml(String name, Map<String, Object> context) {
    return render(HTML.compile(name + ".mustache"), context);
  }

  /**
   * report.html: one file that opens from a share with nothing to fetch. Its style and script are
   * inline, and its Content-Security-Policy allows exactly those two by their hashes and nothing
   * else (no other script, style, image, font, frame or connection), so even a value that escaped
   * the escaping could load or run nothing.
   */
  public String renderReport(Map<String, Object> model) {
    Map<String, Object> context = new java.util.HashMap<>(model);
    context.putAll(ReportAssets.get().context());
    return renderHtml("report.html", context);
  }

  /** Renders {@code templates/<name>.mustache} without escaping (plain text). */
  public String renderText(String name, Map<String, Object> context) {
    return render(TEXT.compile(name + ".mustache"), context);
  }

  private static String render(Mustache template, Map<String, Object> context) {
    StringWriter out = new StringWriter();
    template.execute(out, context);
    return out.toString();
  }

  /** plan.json: every change with the person and its before and after values. */
  public void writePlan(StateFolder store, Path runDir, RunSummary s) throws IOException {
    Optional<PlanFile> plan = PlanFile.of(s);
    if (plan.isPresent()) {
      plan.get().write(store, runDir);
    }
  }

  /** result.json, report.txt and report.html. */
  public void writeResult(StateFolder store, Path runDir, RunSummary s) throws IOException {
    ResultFile.of(s).write(store, runDir);
    Map<String, Object> model = ReportModel.of(s, runDir);
    store.writeText(runDir.resolve("report.txt"), renderText("report.txt", model));
    store.writeText(runDir.resolve("report.html"), renderReport(model));
  }
}
