package org.titansync.app;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Ends the JDK HTTP clients' selector threads when a command is done, so that the process exits at
 * once. Each {@link java.net.http.HttpClient} keeps a selector thread waiting in native code until
 * the client is collected (Java 17's client has no {@code close}), and the JVM's exit waits up to
 * 300 ms for threads in native code to stop: a third of a second added to every command that spoke
 * to Titan. Interrupting the thread ends its loop, which closes the selector and the idle
 * connections; nothing is in flight once a command has returned.
 */
public final class IdleHttpThreads {
  /** How the JDK names every client's selector thread ({@code HttpClient-1-SelectorManager}). */
  public static final Pattern EVERY_CLIENT = Pattern.compile("HttpClient-\\d+-SelectorManager");

  private static final long WAIT_MILLIS = 200;

  private IdleHttpThreads() {}

  /** Interrupts the selector threads so named and waits briefly for each to end. */
  public static void end(Pattern names) {
    List<Thread> selectors = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (names.matcher(t.getName()).matches()) {
        t.interrupt();
        selectors.add(t);
      }
    }
    long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
    for (Thread t : selectors) {
      try {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
