package org.titansync.sandbox;

import java.util.Objects;

/**
 * What serves a state file, as its lock says it to a second sandbox that wants the same state.
 *
 * @param description what holds it, e.g. {@code titan-sync run --sandbox}
 * @param servesOthers true when it runs until stopped and others may send their requests to it (the
 *     daemon's, the {@code sandbox} command's); false for a sandbox that lives as long as one
 *     command, which others wait for instead
 */
public record StateOwner(String description, boolean servesOthers) {
  public StateOwner {
    Objects.requireNonNull(description, "description");
  }

  /** The {@code sandbox} command, or a test: serves until stopped. */
  public static StateOwner standalone() {
    return new StateOwner("titan-sync sandbox", true);
  }
}
