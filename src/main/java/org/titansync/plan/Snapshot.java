package org.titansync.plan;

import java.util.List;

/** Titan's state, read once at the start of a run. */
public record Snapshot(List<TitanSite> sites, List<TitanRole> roles, List<TitanUser> users) {}
