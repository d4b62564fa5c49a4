package org.titansync.guard;

/**
 * Why a plan is held: one tripped guardrail, explained in plain words.
 *
 * @param sentence a full sentence with the numbers, as the report prints it
 * @param figure what was measured, e.g. {@code 55 privileged changes} or {@code 18.2%}
 * @param limit the limit it passed, e.g. {@code 5} or {@code 10%}
 * @param cause what most likely explains it, e.g. {@code every person in the file now gets the role
 *     "District Admin"}; empty when there is nothing to add to the sentence
 */
public record Reason(Check check, String sentence, String figure, String limit, String cause) {

  /** A reason whose sentence says it all. */
  public Reason(Check check, String sentence) {
    this(check, sentence, "", "", "");
  }

  /** The setting that governs it, e.g. {@code guardrails.max_creations}. */
  public String setting() {
    return check.setting();
  }
}
