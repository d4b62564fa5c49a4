package org.titansync.guard;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Limits for the guardrail tests: the config's defaults ({@code [guardrails]} left empty, no {@code
 * [csv.columns]}), with what a test is about changed by name.
 */
final class SampleLimits {
  private int maxRemovals = 100;
  private double maxRemovalPercent = 10.0;
  private double maxUpdatePercent = 20.0;
  private double minRowsPercentOfLast = 80.0;
  private boolean holdOnVanishedSite = true;
  private boolean holdOnHeaderChange = true;
  private boolean removalsOnly;
  private PrivilegedRoles privileged = PrivilegedRoles.byDefault();
  private Map<String, List<String>> columnAliases = Map.of();
  private boolean holdOnLastPrivilegedHolder = true;
  private boolean holdOnPrivilegedEmailChange = true;
  private boolean holdOnLookAlikePrivilegedName = true;

  static SampleLimits limits() {
    return new SampleLimits();
  }

  SampleLimits maxRemovals(int count) {
    this.maxRemovals = count;
    return this;
  }

  SampleLimits maxRemovalPercent(double percent) {
    this.maxRemovalPercent = percent;
    return this;
  }

  SampleLimits maxUpdatePercent(double percent) {
    this.maxUpdatePercent = percent;
    return this;
  }

  SampleLimits minRowsPercentOfLast(double percent) {
    this.minRowsPercentOfLast = percent;
    return this;
  }

  SampleLimits holdOnVanishedSite(boolean hold) {
    this.holdOnVanishedSite = hold;
    return this;
  }

  SampleLimits holdOnHeaderChange(boolean hold) {
    this.holdOnHeaderChange = hold;
    return this;
  }

  /** {@code hold_scope = "removals"} when true, {@code "all"} when false. */
  SampleLimits removalsOnly(boolean removalsOnly) {
    this.removalsOnly = removalsOnly;
    return this;
  }

  SampleLimits privileged(PrivilegedRoles roles) {
    this.privileged = roles;
    return this;
  }

  SampleLimits columnAliases(Map<String, List<String>> aliases) {
    this.columnAliases = aliases;
    return this;
  }

  SampleLimits holdOnLastPrivilegedHolder(boolean hold) {
    this.holdOnLastPrivilegedHolder = hold;
    return this;
  }

  SampleLimits holdOnPrivilegedEmailChange(boolean hold) {
    this.holdOnPrivilegedEmailChange = hold;
    return this;
  }

  SampleLimits holdOnLookAlikePrivilegedName(boolean hold) {
    this.holdOnLookAlikePrivilegedName = hold;
    return this;
  }

  Limits build() {
    return new Limits(
        maxRemovals,
        maxRemovalPercent,
        maxUpdatePercent,
        minRowsPercentOfLast,
        holdOnVanishedSite,
        holdOnHeaderChange,
        removalsOnly,
        privileged,
        Limits.DEFAULT_MAX_PRIVILEGED_CHANGES,
        Limits.DEFAULT_MAX_ROLE_CHANGE_PERCENT,
        Limits.DEFAULT_MAX_CREATIONS,
        Limits.DEFAULT_MAX_CREATION_PERCENT,
        Limits.DEFAULT_MAX_DOMAIN_MOVE_PERCENT,
        Limits.DEFAULT_WINDOW_HOURS,
        columnAliases,
        holdOnLastPrivilegedHolder,
        holdOnPrivilegedEmailChange,
        holdOnLookAlikePrivilegedName,
        Set.of());
  }
}
