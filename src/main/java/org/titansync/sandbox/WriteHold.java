package org.titansync.sandbox;

/**
 * A fault for tests that stop a client in the middle of a write: the nth write request to arrive
 * after {@link #arm} is held as it arrives, neither handled nor answered, until {@link #release}
 * (or the sandbox closing) lets it go unanswered. While it is held the test can kill its client, as
 * a power cut would, with the write sent and Titan never having carried it out.
 */
final class WriteHold {
  /** Writes still to arrive before the one that is held; 0 when nothing is armed. */
  private long toArrive;

  private boolean holding;
  private boolean released;

  synchronized void arm(long nth) {
    if (nth < 1) {
      throw new IllegalArgumentException("the write to hold is counted from 1, not " + nth);
    }
    toArrive = nth;
    holding = false;
    released = false;
  }

  /**
   * Called as each write arrives. Returns false at once for every write but the armed one, which
   * waits here until released and then returns true: that write must go unhandled and unanswered.
   *
   * @throws InterruptedException when the sandbox closes while the write is held
   */
  synchronized boolean holds() throws InterruptedException {
    if (toArrive == 0 || --toArrive > 0) {
      return false;
    }
    holding = true;
    notifyAll();
    while (!released) {
      wait();
    }
    return true;
  }

  /** Whether the armed write has arrived and is held now. */
  synchronized boolean holding() {
    return holding && !released;
  }

  /** Lets the held write go, unhandled and unanswered (its connection closes), and disarms. */
  synchronized void release() {
    toArrive = 0;
    released = true;
    notifyAll();
  }
}
