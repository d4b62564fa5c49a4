package org.titansync.guard;

/**
 * Why a plan is held: one tripped guardrail.
 *
 * @param sentence a full sentence with the numbers, as the report prints it
 */
public record Reason(Check check, String sentence) {}
