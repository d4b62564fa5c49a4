package org.titansync.notify;

import org.titansync.run.RunSummary;

/**
 * Whether a run's mail, due by {@code email.send_on}, goes out. The daemon's intake puts one on the
 * exchange of each inbox file's run; the notifier asks it before it sends the run's mail.
 */
@FunctionalInterface
public interface MailGate {
  /** Exchange property holding the gate of this inbox file's run. */
  String PROPERTY = "titanInboxMailGate";

  boolean open(RunSummary run);
}
