package org.titansync.daemon;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.titansync.cli.TitanSyncCommand;

/** A titan-sync command run in this JVM: its exit code and what it printed to each stream. */
record CliRun(int exit, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        TitanSyncCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** Both streams, for a message. */
  String all() {
    return out + err;
  }
}
