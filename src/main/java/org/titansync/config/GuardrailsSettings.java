package org.titansync.config;

import java.util.Objects;
import java.util.Set;

/**
 * {@code [guardrails]}: the limits past which a run is held for a person to approve, as configured
 * ({@link SyncConfig#guardrails()}). The run turns them into the guard's {@code Limits}; the
 * defaults are read in {@code GuardrailsSection}.
 */
public record GuardrailsSettings(
    int maxRemovals,
    double maxRemovalPercent,
    double maxUpdatePercent,
    double minRowsPercentOfLast,
    boolean holdOnVanishedSite,
    boolean holdOnHeaderChange,
    HoldScope holdScope,
    Set<String> privilegedRoles,
    int maxPrivilegedChanges,
    double maxRoleChangePercent,
    int maxCreations,
    double maxCreationPercent,
    double maxDomainMovePercent,
    int windowHours,
    boolean holdOnLastPrivilegedHolder,
    boolean holdOnPrivilegedEmailChange,
    boolean holdOnLookAlikePrivilegedName,
    Set<String> siteLastHolderRoles) {
  public GuardrailsSettings {
    Objects.requireNonNull(holdScope, "holdScope");
    privilegedRoles = Set.copyOf(privilegedRoles);
    siteLastHolderRoles = Set.copyOf(siteLastHolderRoles);
  }

  /** {@code guardrails.hold_scope}: what a tripped guardrail holds back. */
  public enum HoldScope {
    /** Nothing is written; the whole run waits for approval. */
    ALL,
    /**
     * Removals and deactivations wait for approval, with the changes a tripped check counts; the
     * other creates and updates go ahead.
     */
    REMOVALS
  }
}
