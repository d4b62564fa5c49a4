package org.titansync.pipeline;

import java.io.IOException;
import java.util.Optional;
import org.titansync.guard.Baseline;
import org.titansync.guard.FileFormat;
import org.titansync.guard.UnreadableWindow;
import org.titansync.guard.Verdict;
import org.titansync.roster.RowError;
import org.titansync.run.Judged;
import org.titansync.run.MemoryRead;
import org.titansync.run.Planned;
import org.titansync.run.RunContext;
import org.titansync.store.LastAccepted;
import org.titansync.store.StateFolder;

/**
 * Stage guard of routes/sync.camel.yaml (purpose sync): the guardrails' verdict on the plan,
 * against the last accepted file and the runs of the window; the whole plan held when the window's
 * memory, or titan-sync's memory of its Titan, cannot be read.
 */
public final class GuardStage {
  private final RunSettings settings;
  private final StateFolder store;

  public GuardStage(RunSettings settings, StateFolder store) {
    this.settings = settings;
    this.store = store;
  }

  /**
   * How the file was read, as the guardrails compare it with the last accepted file. Reading the
   * same bytes in another encoding changes names; but when no value of this file looks mis-decoded
   * (RowChecks), the names it gives are the export's own, and a change of encoding alone (the
   * advice followed, or "auto" choosing per file) is no reason to hold.
   */
  private static FileFormat compared(Planned planned, FileFormat format) {
    for (RowError e : planned.plan().errors()) {
      if (e.message() != null && e.message().contains(RowError.MIS_DECODED)) {
        return format;
      }
    }
    return format.withoutEncoding();
  }

  /** Stage guard; an export that changes nothing is not judged. */
  public Judged guard(RunContext ctx, Planned planned) throws IOException {
    if (planned.noUpdates() != null) {
      return Judged.unjudged(planned);
    }
    Optional<Baseline> last =
        LastAccepted.read(store)
            .map(l -> new Baseline(l.runId(), l.dataRows(), l.headers(), l.format()));
    WindowRead window = WindowRead.of(settings, store, ctx);
    Verdict verdict =
        settings
            .guardrails()
            .evaluate(
                planned.plan(),
                planned.file().headers(),
                compared(planned, settings.fileFormat(planned.file().format())),
                last,
                window.window(),
                planned.holders(),
                planned.accounts(),
                planned.sitesLeft());
    Judged judged =
        new Judged(
            planned,
            settings.withApprove(
                ctx,
                planned,
                holdIfForgotten(planned, window.holdIfUnknown(verdict, planned.plan()))));
    ctx.notes().addAll(judged.verdict().notes());
    return judged;
  }

  /**
   * The whole plan held when titan-sync's memory of its Titan could not be read: the plan was made
   * as if titan-sync owned nothing there and nobody was missing before, which nothing may write.
   */
  static Verdict holdIfForgotten(Planned planned, Verdict verdict) {
    MemoryRead memory = planned.memory();
    return memory == null || memory.readable()
        ? verdict
        : UnreadableWindow.holdMemory(verdict, planned.plan(), memory.unreadable());
  }
}
